/// Reads typed fields of parsed JSON, with errors that name the file, the line (when there is one)
/// and the field path: the one typed-field reader behind ``JSONRecord``, the KorQuAD reader and the
/// abuse taxonomy and lexicon.
///
/// ```swift
/// let reader = JSONFieldReader(path: "taxonomy.json")
/// let entry = try reader.object(root["entries"], "entries")
/// let name = try reader.string(entry, "name", in: "entries[0]")   // "entries[0].name" in errors
/// ```
/// Errors are ``InputError``s (`missing required field`, `expected a string, found a number`); a module
/// whose callers expect its own error type passes `wrap`, which receives each error before it is thrown.
public struct JSONFieldReader: Sendable {
    /// The file named in errors.
    public var path: String
    /// The line named in errors, when the value came from one line.
    public var line: Int?
    /// Turns an error into the module's own error type.
    public var wrap: @Sendable (InputError) -> any Error

    /// Creates a reader for values read from `path` (and `line`).
    public init(path: String, line: Int? = nil, wrap: @escaping @Sendable (InputError) -> any Error = { $0 }) {
        self.path = path
        self.line = line
        self.wrap = wrap
    }

    /// `parent.key`, or `key` at the top.
    public func field(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : parent + "." + key }

    /// The error for a field (`.invalidValue` unless another code is given), wrapped.
    public func error(_ field: String, _ message: String, code: InputError.Code = .invalidValue) -> any Error {
        wrap(InputError(code, message, at: SourceLocation(path: path, line: line, field: field.isEmpty ? nil : field)))
    }

    private func wrongType(_ field: String, _ expected: String, _ value: JSONValue) -> any Error {
        error(field, "expected \(expected), found \(value.typeName)", code: .wrongType)
    }

    /// A required value.
    public func value(_ object: JSONObject, _ key: String, in parent: String = "") throws -> JSONValue {
        guard let value = object[key] else { throw error(field(parent, key), "missing required field", code: .missingField) }
        return value
    }

    /// An object (a missing value is an error too).
    public func object(_ value: JSONValue?, _ field: String) throws -> JSONObject {
        guard let value else { throw error(field, "missing required field", code: .missingField) }
        guard let object = value.objectValue else { throw wrongType(field, "an object", value) }
        return object
    }

    /// An array (a missing value is an error too).
    public func array(_ value: JSONValue?, _ field: String) throws -> [JSONValue] {
        guard let value else { throw error(field, "missing required field", code: .missingField) }
        guard let array = value.arrayValue else { throw wrongType(field, "an array", value) }
        return array
    }

    /// A required array field.
    public func array(_ object: JSONObject, _ key: String, in parent: String = "") throws -> [JSONValue] {
        try array(try value(object, key, in: parent), field(parent, key))
    }

    /// A required string field; with `nonEmpty`, the empty string is refused too.
    public func string(_ object: JSONObject, _ key: String, in parent: String = "", nonEmpty: Bool = false) throws -> String {
        let value = try value(object, key, in: parent)
        guard let string = value.stringValue, !(nonEmpty && string.isEmpty) else {
            throw wrongType(field(parent, key), nonEmpty ? "a non-empty string" : "a string", value)
        }
        return string
    }

    /// An optional string field: nil when absent or `null`, an error when present with another type.
    public func optionalString(_ object: JSONObject, _ key: String, in parent: String = "") throws -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let string = value.stringValue else { throw wrongType(field(parent, key), "a string", value) }
        return string
    }

    /// A required integer field.
    public func int(_ object: JSONObject, _ key: String, in parent: String = "") throws -> Int {
        let value = try value(object, key, in: parent)
        guard let int = value.intValue else { throw wrongType(field(parent, key), "an integer", value) }
        return int
    }

    /// A required number field.
    public func double(_ object: JSONObject, _ key: String, in parent: String = "") throws -> Double {
        let value = try value(object, key, in: parent)
        guard let double = value.doubleValue else { throw wrongType(field(parent, key), "a number", value) }
        return double
    }

    /// A string or a number, returned as a string (ids are often numbers; `7` reads as `"7"`).
    public func identifier(_ value: JSONValue, _ field: String) throws -> String {
        switch value {
        case .string(let string): return string
        case .number:
            var bytes: [UInt8] = []
            value.appendSerialized(to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        default: throw wrongType(field, "a string or a number", value)
        }
    }

    /// An array of non-empty strings; an absent value is the empty list unless `required`.
    public func strings(_ value: JSONValue?, _ field: String, required: Bool = false) throws -> [String] {
        guard let value else {
            if required { throw error(field, "missing required field", code: .missingField) }
            return []
        }
        return try array(value, field).enumerated().map { index, element in
            guard let string = element.stringValue, !string.isEmpty else { throw wrongType("\(field)[\(index)]", "a non-empty string", element) }
            return string
        }
    }
}
