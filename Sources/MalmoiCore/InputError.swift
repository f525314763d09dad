/// Bad input: a malformed line, a missing or wrong-typed field, invalid UTF-8, an unreadable file.
///
/// The message says what is wrong and, where it helps, how to fix it; the location names the file,
/// line, column and field. The CLI exits with status 2 for these.
///
/// ```swift
/// throw InputError(.missingField, "missing required field", at: location.field("text"))
/// // prints: items.jsonl:3: field "text": missing required field
/// ```
public typealias InputError = ModuleError<InputErrorCode>

/// The kinds of ``InputError``.
public enum InputErrorCode: String, ModuleErrorCode {
    /// A line or file is not JSON.
    case invalidJSON
    /// The bytes are not UTF-8.
    case invalidUTF8
    /// A required field is missing.
    case missingField
    /// A field has the wrong JSON type.
    case wrongType
    /// A field has an unusable value.
    case invalidValue
    /// A file cannot be read.
    case unreadableFile
    /// The input holds nothing to work on.
    case emptyInput
    /// An identifier stands twice.
    case duplicate

    /// Every input error is the user's input.
    public var isBadInput: Bool { true }
}
