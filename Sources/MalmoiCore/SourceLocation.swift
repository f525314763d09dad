/// A place in an input file: path, optional 1-based line (nil when an error names only the file),
/// optional 1-based column and field name.
///
/// Printed the way compilers print locations, so editors can jump to it:
/// `Corpora/qa/train.jsonl:17:42: field "answers[0].answer_start"`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file path as the user gave it, or `<stdin>`.
    public var path: String
    /// The 1-based line number; nil when the place is the whole file (a dictionary that does not load).
    public var line: Int?
    /// The 1-based column, counted in bytes of the line, when known.
    public var column: Int?
    /// The name of the field (a JSON key path such as `answers[0].text`), when known.
    public var field: String?

    /// Creates a location.
    public init(path: String, line: Int?, column: Int? = nil, field: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.field = field
    }

    /// The same location, naming a field.
    public func field(_ name: String) -> SourceLocation {
        var copy = self
        copy.field = name
        return copy
    }

    public var description: String {
        var text = path
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        if let field { text += ": field \"\(field)\"" }
        return text
    }
}
