import MalmoiCore

/// Writing an export failed (the output cannot be written, libxml2 failed, a schema cannot be read).
public struct ExportError: LocatedError, Hashable {
    /// What failed, naming the failing call at the C boundary.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    public var isBadInput: Bool { false }
    /// No place: the error names the failing call and file in its message.
    public var location: SourceLocation? { nil }
}
