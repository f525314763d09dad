/// A task module's configuration or answer is not acceptable.
///
/// ```swift
/// throw TaskError(.invalidConfiguration, "the label set is empty; pass --labels 긍정,부정")
/// ```
public struct TaskError: LocatedError, Hashable {
    /// What kind of problem this is.
    public enum Code: String, Hashable, Sendable {
        /// The project's task configuration is missing something or wrong.
        case invalidConfiguration
        /// An answer could not be understood.
        case invalidAnswer
        /// No task module is registered for a kind.
        case unknownKind
    }

    /// The kind of problem.
    public var code: Code
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var isBadInput: Bool { true }
    /// No place: a configuration or an answer has no line.
    public var location: SourceLocation? { nil }
}
