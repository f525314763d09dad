import MalmoiCore

/// A failure in the text layer, usually reported by ICU.
///
/// ICU failures name the ICU call and the ICU error code, e.g.
/// `Transliterator::createInstance("Latn-Hang") failed: U_INVALID_ID`.
public struct TextError: LocatedError, Hashable {
    /// What kind of failure this is.
    public enum Code: String, Hashable, Sendable {
        /// ICU reported an error; ``status`` holds its code.
        case icu
    }

    /// The kind of failure.
    public var code: Code
    /// What failed, in words.
    public var message: String
    /// The ICU status code, for ``Code/icu``.
    public var status: Int32

    /// An ICU failure of `function` with the ICU error name and code.
    static func icu(_ function: String, errorName: String, status: Int32) -> TextError {
        TextError(code: .icu, message: "\(function) failed: \(errorName)", status: status)
    }

    /// An unknown transform ID or an illegal argument is the user's input; anything else is a failure.
    public var isBadInput: Bool { status == 1 || status == 65569 }

    /// No place: the error names the failing ICU call.
    public var location: SourceLocation? { nil }
}
