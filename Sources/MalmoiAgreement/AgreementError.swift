import MalmoiCore

/// A problem with the annotations given to the scorer: an empty input, a label of the wrong type,
/// one annotator giving one item two different labels, or an option that does not fit the data.
///
/// ```swift
/// do { _ = try builder.build() } catch let error as AgreementError {
///     print(error)   // data.jsonl:12: field "label": annotator "kim" labelled item "q7" twice: "긍정" here, "부정" on line 3
/// }
/// ```
/// Every case is bad input: the CLI exits with status 2.
public typealias AgreementError = ModuleError<AgreementErrorCode>

/// The kinds of ``AgreementError``.
public enum AgreementErrorCode: String, ModuleErrorCode {
    /// There is no annotation at all.
    case emptyInput
    /// A label's JSON type does not fit the level or the other labels of the task.
    case wrongLabelType
    /// One annotator gave one item two different labels.
    case conflictingLabels
    /// A span is malformed (`start`/`end` missing, negative, or `end < start`).
    case invalidSpan
    /// A metric name or option the scorer does not know, or that does not fit the data.
    case invalidOption
    /// The input file is not the expected format (CSV without a header, lines of other tasks, …).
    case invalidInput

    /// Always true: every agreement error is caused by the input or the options.
    public var isBadInput: Bool { true }
}
