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

    /// The value of a field, or an error when it is missing.
    public func value(_ field: String) throws -> JSONValue {
        guard let value = object[field] else {
            throw InputError(.missingField, "missing required field", at: location.field(field))
        }
        return value
    }

    /// A required string field.
    public func string(_ field: String) throws -> String {
        let value = try value(field)
        guard let string = value.stringValue else { throw wrongType(field, expected: "a string", found: value) }
        return string
    }

    /// An optional string field: nil when absent or `null`, an error when present with another type.
    public func optionalString(_ field: String) throws -> String? {
        guard let value = object[field], !value.isNull else { return nil }
        guard let string = value.stringValue else { throw wrongType(field, expected: "a string", found: value) }
        return string
    }

    /// A required field holding a string or a number, returned as a string (ids are often numbers).
    public func identifier(_ field: String) throws -> String {
        let value = try value(field)
        switch value {
        case .string(let string): return string
        case .number:
            var bytes: [UInt8] = []
            value.appendSerialized(to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        default: throw wrongType(field, expected: "a string or a number", found: value)
        }
    }

    /// A required integer field.
    public func int(_ field: String) throws -> Int {
        let value = try value(field)
        guard let int = value.intValue else { throw wrongType(field, expected: "an integer", found: value) }
        return int
    }

    /// A required number field.
    public func double(_ field: String) throws -> Double {
        let value = try value(field)
        guard let double = value.doubleValue else { throw wrongType(field, expected: "a number", found: value) }
        return double
    }

    /// An error for a field whose value has the wrong type.
    public func wrongType(_ field: String, expected: String, found value: JSONValue) -> InputError {
        InputError(.wrongType, "expected \(expected), found \(value.typeName)", at: location.field(field))
    }

    /// An error for a field whose value is not acceptable.
    public func invalid(_ field: String, _ message: String) -> InputError {
        InputError(.invalidValue, message, at: location.field(field))
    }
}
