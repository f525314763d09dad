import Crypto
import MalmoiCore
import MalmoiStore

/// The pseudonymous ids clients see in exports instead of annotators' and reviewers' names: `p-` and 12 hex
/// digits of HMAC-SHA256, keyed by the store's secret salt (``PeopleStore/pseudonymSalt()``), over the project's
/// name, its creation time and the person's name, so one person keeps one id within a project (on every server
/// over the store) and gets unrelated ids in different projects. Without the salt, a guessed name cannot be
/// checked against an id.
public enum Pseudonym {
    /// The pseudonym of a person in a project under a salt.
    public static func of(_ name: String, in project: Project, salt: String) -> String {
        let key = SymmetricKey(data: Array(salt.utf8))
        let code = HMAC<SHA256>.authenticationCode(for: Array((project.name + "\u{0}" + project.createdAt + "\u{0}" + name).utf8), using: key)
        let digits = Array("0123456789abcdef")
        return "p-" + code.prefix(6).map { byte in String([digits[Int(byte >> 4)], digits[Int(byte & 15)]]) }.joined()
    }

    /// An export item with every annotator and reviewer name replaced by its pseudonym.
    public static func apply(to item: ExportItem, in project: Project, salt: String) -> ExportItem {
        var copy = item
        copy.annotations = item.annotations.map { exported in
            var annotation = exported.annotation
            annotation.annotator = of(annotation.annotator, in: project, salt: salt)
            let reviews = exported.reviews.map { entry -> (review: Review, points: Int) in
                var review = entry.review
                review.reviewer = of(review.reviewer, in: project, salt: salt)
                return (review: review, points: entry.points)
            }
            return ExportAnnotation(annotation: annotation, goldScore: exported.goldScore, reviews: reviews, payloadText: exported.payloadText)
        }
        copy.allPayloads = item.allPayloads.map { (annotator: of($0.annotator, in: project, salt: salt), payload: $0.payload) }
        return copy
    }
}
