import Crypto
import MalmoiCore
import MalmoiStore

/// The pseudonymous ids clients see in exports instead of annotators' and reviewers' names: `p-` and 12 hex
/// digits of SHA-256 over the project's name, its creation time and the person's name, so one person keeps one id
/// within a project and gets unrelated ids in different projects.
///
/// Someone who knows the project and guesses a name can check the guess; the ids keep names out of the files a
/// client receives, they are not a secret.
public enum Pseudonym {
    /// The pseudonym of a person in a project.
    public static func of(_ name: String, in project: Project) -> String {
        let digest = SHA256.hash(data: Array((project.name + "\u{0}" + project.createdAt + "\u{0}" + name).utf8))
        return "p-" + digest.prefix(6).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }.joined()
    }

    /// An export item with every annotator and reviewer name replaced by its pseudonym.
    public static func apply(to item: ExportItem, in project: Project) -> ExportItem {
        var copy = item
        copy.annotations = item.annotations.map { exported in
            var annotation = exported.annotation
            annotation.annotator = of(annotation.annotator, in: project)
            let reviews = exported.reviews.map { entry -> (review: Review, points: Int) in
                var review = entry.review
                review.reviewer = of(review.reviewer, in: project)
                return (review: review, points: entry.points)
            }
            return ExportAnnotation(annotation: annotation, goldScore: exported.goldScore, reviews: reviews, payloadText: exported.payloadText)
        }
        copy.allPayloads = item.allPayloads.map { (annotator: of($0.annotator, in: project), payload: $0.payload) }
        return copy
    }
}
