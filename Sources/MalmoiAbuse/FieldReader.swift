import MalmoiCore

/// The taxonomy's and lexicon's view of MalmoiCore's ``JSONFieldReader``: the same reads, with errors
/// that are ``AbuseError``s of one code naming the file and the field path.
struct FieldReader {
    /// The reader underneath.
    let fields: JSONFieldReader
    /// The code of every error.
    let code: AbuseError.Code

    init(path: String, code: AbuseError.Code) {
        self.code = code
        fields = JSONFieldReader(path: path) { AbuseError(code, $0.description) }
    }

    func error(_ field: String, _ message: String) -> AbuseError {
        AbuseError(code, "\(fields.path): field \"\(field)\": \(message)")
    }

    func object(_ value: JSONValue?, _ field: String) throws -> JSONObject { try fields.object(value, field.isEmpty ? "(root)" : field) }

    func array(_ value: JSONValue?, _ field: String) throws -> [JSONValue] { try fields.array(value, field) }

    func string(_ object: JSONObject, _ key: String, in parent: String = "") throws -> String {
        try fields.string(object, key, in: parent, nonEmpty: true)
    }

    func int(_ object: JSONObject, _ key: String, in parent: String = "") throws -> Int { try fields.int(object, key, in: parent) }

    func requiredStrings(_ value: JSONValue?, _ field: String) throws -> [String] { try fields.strings(value, field, required: true) }

    func strings(_ value: JSONValue?, _ field: String) throws -> [String] { try fields.strings(value, field) }
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
