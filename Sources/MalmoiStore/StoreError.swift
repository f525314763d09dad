import MalmoiCore
/// A store operation failed: something asked for does not exist or conflicts, or the database failed.
///
/// ```swift
/// do { _ = try store.project(named: "reviews") }
/// catch let error as StoreError where error.code == .notFound { … }
/// ```
public struct StoreError: LocatedError {
    /// What kind of failure this is.
    public enum Code: String, Hashable, Sendable {
        /// A project, item, annotator or annotation does not exist.
        case notFound
        /// Something with the same key already exists.
        case duplicate
        /// The annotator lacks the project's required qualification.
        case notQualified
        /// The operation conflicts with the current state (an expired claim, a reviewed annotation).
        case conflict
        /// An argument is out of range.
        case invalidValue
        /// The database itself failed (I/O, corruption, lock timeout).
        case database
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong and, where possible, what to do.
    public var message: String
    /// Where in an input file, for failures while importing.
    public var location: SourceLocation?
    /// The underlying error's description, if any (database errors).
    public var cause: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, at location: SourceLocation? = nil, cause: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.cause = cause
    }

    public var isBadInput: Bool { code != .database }

    public var description: String {
        var text = message
        if let location { text = "\(location): " + text }
        if let cause { text += " (\(cause))" }
        return text
    }
}
