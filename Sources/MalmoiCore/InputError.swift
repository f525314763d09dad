/// Bad input: a malformed line, a missing or wrong-typed field, invalid UTF-8, an unreadable file.
///
/// The message says what is wrong and, where it helps, how to fix it; the location names the file,
/// line, column and field. The CLI exits with status 2 for these.
///
/// ```swift
/// throw InputError(.missingField, "missing required field", at: location.field("text"))
/// // prints: items.jsonl:3: field "text": missing required field
/// ```
public struct InputError: LocatedError, Hashable {
    /// What kind of input problem this is.
    public enum Code: String, Hashable, Sendable {
        case invalidJSON
        case invalidUTF8
        case missingField
        case wrongType
        case invalidValue
        case unreadableFile
        case emptyInput
        case duplicate
    }

    /// The kind of problem.
    public var code: Code
    /// What is wrong, in words a user can act on.
    public var message: String
    /// Where it is wrong, when the input has lines.
    public var location: SourceLocation?

    /// Creates an input error.
    public init(_ code: Code, _ message: String, at location: SourceLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var isBadInput: Bool { true }

}
