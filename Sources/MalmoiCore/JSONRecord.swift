/// One object read from a JSONL file, with typed field accessors whose errors name the field.
public struct JSONRecord: Sendable {
    /// The parsed object.
    public var object: JSONObject
    /// Where the object was read (file and line).
    public var location: SourceLocation

    /// Creates a record.
    public init(object: JSONObject, location: SourceLocation) {
        self.object = object
        self.location = location
    }

    /// The reader of this record's fields (errors name the file, line and field).
    public var fields: JSONFieldReader { JSONFieldReader(path: location.path, line: location.line) }

    /// The value of a field, or an error when it is missing.
    public func value(_ field: String) throws -> JSONValue { try fields.value(object, field) }

    /// A required string field.
    public func string(_ field: String) throws -> String { try fields.string(object, field) }

    /// An optional string field: nil when absent or `null`, an error when present with another type.
    public func optionalString(_ field: String) throws -> String? { try fields.optionalString(object, field) }

    /// A required field holding a string or a number, returned as a string (ids are often numbers).
    public func identifier(_ field: String) throws -> String { try fields.identifier(try value(field), field) }

    /// A required integer field.
    public func int(_ field: String) throws -> Int { try fields.int(object, field) }

    /// A required number field.
    public func double(_ field: String) throws -> Double { try fields.double(object, field) }

    /// An error for a field whose value has the wrong type.
    public func wrongType(_ field: String, expected: String, found value: JSONValue) -> InputError {
        InputError(.wrongType, "expected \(expected), found \(value.typeName)", at: location.field(field))
    }

    /// An error for a field whose value is not acceptable.
    public func invalid(_ field: String, _ message: String) -> InputError {
        InputError(.invalidValue, message, at: location.field(field))
    }
}
