import MalmoiCore

/// A QA input (a KorQuAD file, a prediction file, a Malmoi JSONL line) that cannot be used.
///
/// ```swift
/// throw QAError(.invalidValue, "answer_start 512 is past the end of the context (412 scalars)",
///               path: "dev.json", field: "data[3].paragraphs[0].qas[1].answers[0].answer_start")
/// // dev.json: field "data[3]…answer_start": answer_start 512 is past the end …
/// ```
public typealias QAError = ModuleError<QAErrorCode>

/// The kinds of ``QAError``.
public enum QAErrorCode: String, ModuleErrorCode {
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

    /// Every QA error is the user's input.
    public var isBadInput: Bool { true }
}
