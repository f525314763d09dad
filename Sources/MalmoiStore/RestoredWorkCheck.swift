import MalmoiCore
import MalmoiText

/// Checks annotations and reviews read back from a Malmoi JSONL export (`malmoi import --restore`)
/// the way typed work is checked, so that a crafted file cannot forge work (issue 12, item 2).
///
/// ```swift
/// let check = RestoredWorkCheck(project: project, module: module)
/// let (checked, notes) = try check.check(record)   // throws a located InputError for forged work
/// ```
/// For each annotation: the annotator is a valid name; the payload goes through the task module's
/// `parse(json:for:)` and `validate(_:for:)` (an error finding refuses it; warnings are recomputed, never
/// taken from the file); `submitted_at` is an ISO 8601 time (stored in the store's own form); `seconds`
/// is a finite number in `0...maximumSeconds`; the gold score is recomputed from the item's gold answer.
/// For each review: the reviewer is a valid name other than the annotator; the time is ISO 8601 and not
/// before the submission or the previous review; a rejection in a project with reason codes names known
/// codes; the points are recomputed from the project's rules (a credit of the project's points when an
/// annotation becomes accepted, a reversal of that credit when an accepted one becomes rejected),
/// whatever the file says. Values that differ from the file are returned as notes (`FILE:LINE: field: why`).
public struct RestoredWorkCheck: Sendable {
    /// The project imported into.
    public let project: Project
    /// The project's task module.
    public let module: any TaskModule

    /// The most seconds one restored annotation may record (one year).
    public static let maximumSeconds: Double = 31_536_000

    /// The store the work is restored into, asked whether an annotator holds the project's required
    /// qualification (nil: not checked; only for callers that check it themselves).
    public let store: (any AnnotationStore)?

    /// Creates a check for a project.
    /// - Parameter store: the store imported into; a restored annotation by an annotator who does not
    ///   hold the project's required qualification there is refused, as typed work is.
    ///   The qualified annotators are read once, here, so that the check never asks the store while the
    ///   caller reads or writes it (SQLite's reads do not nest; an import holds a PostgreSQL connection).
    /// - Throws: ``StoreError`` when the annotators cannot be read.
    public init(project: Project, module: any TaskModule, store: (any AnnotationStore)? = nil) throws {
        self.project = project
        self.module = module
        self.store = store
        if let required = project.requiredQualification, let store {
            qualified = Set(try store.annotators().filter { $0.qualifications.contains(required) }.map(\.id))
        } else {
            qualified = nil
        }
    }

    /// The annotators of ``store`` who hold the project's required qualification (nil: not checked).
    private let qualified: Set<String>?

    /// Refuses an annotator who lacks the project's required qualification in ``store``.
    private func checkQualification(_ annotator: String, _ field: String, _ fail: (String, String) -> InputError) throws {
        guard let required = project.requiredQualification, let qualified else { return }
        guard qualified.contains(annotator) else {
            let shown = ProjectLimits.escapedForTerminal(annotator)
            throw fail(field, """
                \(shown) does not hold the qualification "\(required)" that project "\(project.name)" requires; \
                grant it first with `malmoi project qualify \(shown) \(required)`
                """)
        }
    }

    /// The record with its annotations checked and recomputed, and a note for every value that was
    /// recomputed to something other than the file's.
    /// - Throws: ``InputError`` naming the file, line and field (`annotations[0].reviews[1].reviewer`).
    public func check(_ record: ImportRecord) throws -> (record: ImportRecord, notes: [String]) {
        var checked = record
        var notes: [String] = []
        let location = record.location ?? SourceLocation(path: "<input>", line: nil)
        func fail(_ field: String, _ message: String) -> InputError {
            InputError(.invalidValue, message, at: location.field(field))
        }
        func note(_ field: String, _ message: String) {
            notes.append("\(location.field(field)): \(message)")
        }
        for (index, original) in record.annotations.enumerated() {
            let field = "annotations[\(index)]"
            var annotation = original
            annotation.annotator = try name(original.annotator, field + ".annotator", fail)
            try checkQualification(annotation.annotator, field + ".annotator", fail)
            let payload: JSONValue
            do {
                payload = try module.parse(json: original.payload, for: record.item)
            } catch let error as TaskError {
                throw fail(field + ".payload", error.message)
            }
            let findings = module.validate(payload, for: record.item)
            if let error = findings.first(where: \.isError) {
                throw fail(field + ".payload", error.message)
            }
            annotation.payload = payload
            annotation.warnings = findings.filter { !$0.isError }
            // What the annotator did with the item's draft is read from the answer, never taken from the file.
            annotation.draftOutcome = DraftAcceptance.outcome(of: payload, for: record.item, module: module)
            if original.draftOutcome != annotation.draftOutcome {
                note(field + ".draft_outcome", "\(original.draftOutcome?.rawValue ?? "none") in the file; recomputed from the answer and the item's draft: \(annotation.draftOutcome?.rawValue ?? "none")")
            }
            guard let submitted = Self.parseISO8601(original.submittedAt) else {
                throw fail(field + ".submitted_at", "\"\(ProjectLimits.escapedForTerminal(original.submittedAt))\" is not an ISO 8601 time from 1970 to 9999 such as 2026-03-01T09:30:00.000Z")
            }
            annotation.submittedAt = Timestamp.iso8601(submitted)
            guard original.seconds.isFinite, (0...Self.maximumSeconds).contains(original.seconds) else {
                throw fail(field + ".seconds", "\(original.seconds) is not a number of seconds in 0…\(Int(Self.maximumSeconds))")
            }
            annotation.goldScore = record.gold.map { module.goldScore(payload, gold: $0) }
            if let score = annotation.goldScore, !score.isFinite || !(0...1).contains(score) {
                throw fail(field + ".gold_score", "the recomputed gold score \(score) is not in [0, 1]")
            }
            if let given = original.goldScore, given != annotation.goldScore {
                note(field + ".gold_score", "\(given) in the file; recomputed from the gold answer: \(annotation.goldScore.map { "\($0)" } ?? "none")")
            }
            var previousTime = submitted
            var previousVerdict: Review.Verdict?
            var openCredit: Int?
            var reviews: [ImportedReview] = []
            for (reviewIndex, originalReview) in original.reviews.enumerated() {
                let reviewField = field + ".reviews[\(reviewIndex)]"
                var review = originalReview
                review.reviewer = try name(originalReview.reviewer, reviewField + ".reviewer", fail)
                guard review.reviewer != annotation.annotator else {
                    throw fail(reviewField + ".reviewer", "\(ProjectLimits.escapedForTerminal(review.reviewer)) cannot review their own annotation")
                }
                guard let at = Self.parseISO8601(originalReview.at) else {
                    throw fail(reviewField + ".at", "\"\(ProjectLimits.escapedForTerminal(originalReview.at))\" is not an ISO 8601 time from 1970 to 9999 such as 2026-03-01T09:30:00.000Z")
                }
                guard at >= previousTime else {
                    throw fail(reviewField + ".at", "\(originalReview.at) is before the annotation was submitted or previously reviewed")
                }
                previousTime = at
                review.at = Timestamp.iso8601(at)
                if review.verdict == .accepted {
                    review.reasons = []
                } else if !project.reasonCodes.isEmpty {
                    guard !review.reasons.isEmpty else {
                        throw fail(reviewField + ".reasons", "a rejection needs a reason code: \(project.reasonCodes.joined(separator: ", "))")
                    }
                    for reason in review.reasons where !project.reasonCodes.contains(reason) {
                        throw fail(reviewField + ".reasons", "unknown reason code \"\(ProjectLimits.escapedForTerminal(reason))\"; use one of \(project.reasonCodes.joined(separator: ", "))")
                    }
                }
                var points = 0
                if review.verdict == .accepted && previousVerdict != .accepted && project.pointsPerAccept > 0 {
                    points = project.pointsPerAccept
                    openCredit = points
                } else if review.verdict == .rejected && previousVerdict == .accepted, let credit = openCredit {
                    points = -credit
                    openCredit = nil
                }
                if points != originalReview.points {
                    note(reviewField + ".points", "\(originalReview.points) in the file; recomputed from the project's rules: \(points)")
                }
                review.points = points
                previousVerdict = review.verdict
                reviews.append(review)
            }
            annotation.reviews = reviews
            checked.annotations[index] = annotation
        }
        return (checked, notes)
    }

    private func name(_ value: String, _ field: String, _ fail: (String, String) -> InputError) throws -> String {
        let normalized = InputNormalization.nfc.normalizedText(value)
        do {
            let checked = try ProjectLimits.checkedName(normalized, what: field)
            guard checked == value else {
                throw fail(field, "\"\(ProjectLimits.escapedForTerminal(value))\" is not a name as Malmoi stores them (NFC, no white space at the ends)")
            }
            return checked
        } catch let error as TaskError {
            throw fail(field, error.message)
        }
    }

    /// Seconds since 1970 of an ISO 8601 date and time with a zone: `YYYY-MM-DDTHH:MM:SS`, optional
    /// fraction, then `Z` or `±HH:MM`; nil for anything else (a date alone, a time without a zone, an
    /// impossible date such as February 30).
    public static func parseISO8601(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2),
              index < bytes.count, bytes[index] == 0x54 || bytes[index] == 0x74 else { return nil }
        index += 1
        guard let hour = digits(2), expect(0x3A), let minute = digits(2), expect(0x3A), let second = digits(2) else { return nil }
        var fraction = 0.0
        if expect(0x2E) {
            var scale = 0.1
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offset = 0
        if expect(0x5A) || expect(0x7A) {
            offset = 0
        } else if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D {
            let sign = bytes[index] == 0x2D ? -1 : 1
            index += 1
            guard let hours = digits(2), expect(0x3A), let minutes = digits(2), hours < 24, minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count, (1970...9999).contains(year), (1...12).contains(month), hour < 24, minute < 60, second < 60 else {
            return nil
        }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        guard (1...[31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]).contains(day) else { return nil }
        // An offset can move a time across the range's ends (1970-01-01T00:30:00+01:00).
        let total = seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
        guard (0..<Self.endOfYear9999).contains(total) else { return nil }
        return Double(total) + fraction
    }

    /// Seconds since 1970 of 10000-01-01T00:00:00Z, the first time after the range stored times keep to.
    static let endOfYear9999 = 253_402_300_800

    private static func seconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        // Days since 1970-01-01 (proleptic Gregorian calendar).
        let before = year - 1
        var days = (year - 1970) * 365 + (before / 4 - before / 100 + before / 400) - (1969 / 4 - 1969 / 100 + 1969 / 400)
        for m in 0..<(month - 1) { days += lengths[m] }
        days += day - 1
        return days * 86_400 + hour * 3600 + minute * 60 + second - offset
    }
}
