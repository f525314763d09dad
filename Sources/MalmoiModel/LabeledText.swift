import MalmoiCore

/// One training or evaluation example: a text and its labels, with where it was read.
///
/// ```swift
/// let examples = try LabeledText.read(path: "train.jsonl")
/// examples[0].labels   // ["1"]
/// ```
public struct LabeledText: Hashable, Sendable {
    /// The text.
    public var text: String
    /// The labels: one for single-label data, any number (even none) for multi-label data.
    public var labels: [String]
    /// Whether the label was given as a list (multi-label data).
    public var isMultiLabel: Bool
    /// Where the example was read, for error messages.
    public var location: SourceLocation?

    /// Creates an example.
    public init(text: String, labels: [String], isMultiLabel: Bool = false, location: SourceLocation? = nil) {
        self.text = text
        self.labels = labels
        self.isMultiLabel = isMultiLabel
        self.location = location
    }

    /// Reads JSON Lines `{"text": …, "label": …}`; a label is a string, a number (read as its integer
    /// text, so `1` and `"1"` are the same label) or a list of those for multi-label data.
    /// - Throws: ``InputError`` for malformed lines and missing fields, ``ModelError`` `.emptyText` for a
    ///   text with nothing but white space, `.invalidLabel` for a label of another type. Every error
    ///   names the file, line and field.
    public static func read(path: String?) throws -> [LabeledText] {
        var examples: [LabeledText] = []
        try JSONLReader(path: path).forEachRecord { record in
            examples.append(try LabeledText(record: record))
        }
        return examples
    }

    /// Reads one record.
    public init(record: JSONRecord) throws {
        let text = try record.string("text")
        guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            throw ModelError(.emptyText, "the text is empty", at: record.location.field("text"))
        }
        let value = try record.value("label")
        var labels: [String] = []
        var isMulti = false
        if let array = value.arrayValue {
            isMulti = true
            for (index, element) in array.enumerated() {
                guard let label = Self.labelText(element) else {
                    throw ModelError(.invalidLabel, "a label must be a string or an integer, not \(element.typeName)",
                                     at: record.location.field("label[\(index)]"))
                }
                if !labels.contains(label) { labels.append(label) }
            }
        } else {
            guard let label = Self.labelText(value) else {
                throw ModelError(.invalidLabel,
                                 "the label must be a string, an integer or a list of them, not \(value.typeName)",
                                 at: record.location.field("label"))
            }
            labels = [label]
        }
        self.init(text: text, labels: labels, isMultiLabel: isMulti, location: record.location)
    }

    static func labelText(_ value: JSONValue) -> String? {
        if let string = value.stringValue {
            return string.isEmpty ? nil : string
        }
        if let number = value.doubleValue, number == number.rounded(), abs(number) < 1e15 {
            return String(Int(number))
        }
        if let flag = value.boolValue { return flag ? "1" : "0" }
        return nil
    }
}
