import MalmoiCore

/// A QA input (a KorQuAD file, a prediction file, a Malmoi JSONL line) that cannot be used.
///
/// ```swift
/// throw QAError(.invalidValue, "answer_start 512 is past the end of the context (412 scalars)",
///               path: "dev.json", field: "data[3].paragraphs[0].qas[1].answers[0].answer_start")
/// // dev.json: field "data[3]…answer_start": answer_start 512 is past the end …
/// ```
public struct QAError: LocatedError, Hashable {
    /// What kind of problem this is.
    public enum Code: String, Hashable, Sendable {
        /// The file is not JSON.
        case invalidJSON
        /// A required field is missing.
        case missingField
        /// A field has the wrong JSON type.
        case wrongType
        /// A field has an unusable value.
        case invalidValue
        /// The file cannot be read.
        case unreadableFile
    }

    /// The kind of problem.
    public var code: Code
    /// What is wrong.
    public var message: String
    /// The file, when known.
    public var path: String?
    /// The line, for line-based inputs.
    public var line: Int?
    /// The field path inside the JSON value, e.g. `data[0].paragraphs[2].qas[1].id`.
    public var field: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, path: String? = nil, line: Int? = nil, field: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.line = line
        self.field = field
    }

    public var isBadInput: Bool { true }

    /// The file, line (when the error names one) and field; nil when no file is named.
    public var location: SourceLocation? { path.map { SourceLocation(path: $0, line: line, field: field) } }

    /// `path:line: field "x": message`, as every module error prints.
    public var description: String { located(message, location: location, field: field) }
}
