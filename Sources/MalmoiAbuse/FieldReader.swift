import MalmoiCore

/// Reads typed fields from parsed JSON, throwing errors that name the file and the field path.
struct FieldReader {
    var path: String
    var code: AbuseError.Code

    func error(_ field: String, _ message: String) -> AbuseError {
        AbuseError(code, "\(path): field \"\(field)\": \(message)")
    }

    func object(_ value: JSONValue?, _ field: String) throws -> JSONObject {
        guard let object = value?.objectValue else { throw error(field.isEmpty ? "(root)" : field, value == nil ? "missing" : "must be an object") }
        return object
    }

    func array(_ value: JSONValue?, _ field: String) throws -> [JSONValue] {
        guard let array = value?.arrayValue else { throw error(field, value == nil ? "missing" : "must be an array") }
        return array
    }

    func string(_ object: JSONObject, _ key: String, in parent: String = "") throws -> String {
        let field = parent.isEmpty ? key : "\(parent).\(key)"
        guard let value = object[key] else { throw error(field, "missing") }
        guard let string = value.stringValue, !string.isEmpty else { throw error(field, "must be a non-empty string") }
        return string
    }

    func int(_ object: JSONObject, _ key: String, in parent: String = "") throws -> Int {
        let field = parent.isEmpty ? key : "\(parent).\(key)"
        guard let value = object[key] else { throw error(field, "missing") }
        guard let int = value.intValue else { throw error(field, "must be an integer") }
        return int
    }

    func requiredStrings(_ value: JSONValue?, _ field: String) throws -> [String] {
        guard value != nil else { throw error(field, "missing") }
        return try strings(value, field)
    }

    func strings(_ value: JSONValue?, _ field: String) throws -> [String] {
        guard let value else { return [] }
        return try array(value, field).enumerated().map { index, item in
            guard let string = item.stringValue, !string.isEmpty else { throw error("\(field)[\(index)]", "must be a non-empty string") }
            return string
        }
    }
}

/// Reads a whole UTF-8 text file.
func readTextFile(_ path: String) throws -> String {
    let reader = try ByteLineReader(path: path)
    var bytes: [UInt8] = []
    try reader.forEachBlock { block, _ in bytes.append(contentsOf: block) }
    guard let text = String(validating: bytes, as: UTF8.self) else {
        throw InputError(.invalidUTF8, "\(path) is not valid UTF-8")
    }
    return text
}
