import MalmoiCore

/// A failure of training, loading or applying a text classifier.
///
/// ```swift
/// throw ModelError(.oneClass, "every line has the label \"0\"; training needs at least two labels",
///                  at: SourceLocation(path: "train.jsonl", line: 1, field: "label"))
/// // prints: train.jsonl:1: field "label": every line has the label "0"; training needs at least two labels
/// ```
/// Bad training data and unreadable or foreign model files are bad input (exit 2); a failure to
/// write the model file is a runtime failure (exit 1).
public typealias ModelError = ModuleError<ModelErrorCode>

/// The kinds of ``ModelError``.
public enum ModelErrorCode: String, ModuleErrorCode {
    /// A training or evaluation line has empty text.
    case emptyText
    /// The training data holds fewer than two labels.
    case oneClass
    /// No training lines at all.
    case noData
    /// A label that the project's task does not allow, or that the model does not know.
    case unknownLabel
    /// A label field of the wrong type.
    case invalidLabel
    /// The model file is not a Malmoi model, is of another version, or is truncated.
    case invalidModelFile
    /// The model needs the morpheme dictionary, which is missing.
    case dictionaryMissing
    /// An option has a value out of range.
    case invalidOption
    /// The model file could not be written.
    case writeFailed

    /// Everything but a failed write is the user's input.
    public var isBadInput: Bool { self != .writeFailed }
}
