import MalmoiCore

/// Something the summary module cannot do with the input or setup it was given.
///
/// ```swift
/// throw SummaryError(.lineCountMismatch, "the reference file has 10 lines and the candidate file 9")
/// ```
public struct SummaryError: LocatedError, Hashable {
    /// What kind of problem this is.
    public enum Code: String, Hashable, Sendable {
        /// Morpheme tokenization was asked for but no dictionary is available.
        case morphemesUnavailable
        /// Reference and candidate inputs have different numbers of summaries.
        case lineCountMismatch
        /// A setting is out of range.
        case invalidSetting
    }

    /// The kind of problem.
    public var code: Code
    /// What is wrong and how to fix it.
    public var message: String
    /// Where, when the problem is in a file.
    public var location: SourceLocation?

    /// Creates an error.
    public init(_ code: Code, _ message: String, at location: SourceLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// A missing dictionary is a setup problem (exit 1); the others are bad input (exit 2).
    public var isBadInput: Bool { code != .morphemesUnavailable }

}
