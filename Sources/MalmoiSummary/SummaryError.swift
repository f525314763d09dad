import MalmoiCore

/// Something the summary module cannot do with the input or setup it was given.
///
/// ```swift
/// throw SummaryError(.lineCountMismatch, "the reference file has 10 lines and the candidate file 9")
/// ```
public typealias SummaryError = ModuleError<SummaryErrorCode>

/// The kinds of ``SummaryError``.
public enum SummaryErrorCode: String, ModuleErrorCode {
    /// Morpheme tokenization was asked for but no dictionary is available.
    case morphemesUnavailable
    /// Reference and candidate inputs have different numbers of summaries.
    case lineCountMismatch
    /// A setting is out of range.
    case invalidSetting

    /// A missing dictionary is a setup problem (exit 1); the others are bad input (exit 2).
    public var isBadInput: Bool { self != .morphemesUnavailable }
}
