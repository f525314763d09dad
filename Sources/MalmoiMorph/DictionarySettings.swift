/// The run-time settings read from a dictionary's `dicrc` (a text file of `key = value` lines, `;`
/// comments).
///
/// Only three matter to the analyzer (`docs/mecab-dictionary-format.md`, "dicrc"):
/// `left-space-penalty-factor` (mecab-ko), `bos-feature` and `max-grouping-size`.
public struct DictionarySettings: Hashable, Sendable {
    /// Extra cost by part-of-speech id for a node preceded by whitespace (mecab-ko's
    /// `left-space-penalty-factor`); the first pair given for an id wins.
    public var spacePenalties: [UInt16: Int]
    /// The feature string of the BOS/EOS pseudo-nodes.
    public var bosFeature: String
    /// The longest run (in characters after the first) that unknown-word grouping covers.
    public var maxGroupingSize: Int
    /// Every `key = value` pair as read, for `--where` and diagnostics.
    public var values: [String: String]

    /// Settings with no space penalty and MeCab's defaults.
    public init() {
        spacePenalties = [:]
        bosFeature = "BOS/EOS,*,*,*,*,*,*,*"
        maxGroupingSize = 24
        values = [:]
    }

    /// Parses the text of a `dicrc` file.
    /// - Parameter path: the file name, for error messages.
    /// - Throws: ``MorphError`` `.invalidDictionary` naming the line when a number cannot be read.
    public init(parsing text: String, path: String) throws {
        self.init()
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingSpaces()
            if line.isEmpty || line.hasPrefix(";") || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals]).trimmingSpaces()
            let value = String(line[line.index(after: equals)...]).trimmingSpaces()
            values[key] = value
            switch key {
            case "left-space-penalty-factor":
                let numbers = value.split(separator: ",").map { Int(String($0).trimmingSpaces()) }
                guard numbers.count % 2 == 0, numbers.allSatisfy({ $0 != nil }) else {
                    throw MorphError(.invalidDictionary, "expected pairs of integers (posid,cost), got \"\(value)\"",
                                     path: path, line: lineNumber, field: key)
                }
                var index = 0
                while index < numbers.count {
                    let posid = numbers[index]!
                    guard let id = UInt16(exactly: posid) else {
                        throw MorphError(.invalidDictionary, "part-of-speech id \(posid) is out of range",
                                         path: path, line: lineNumber, field: key)
                    }
                    if spacePenalties[id] == nil { spacePenalties[id] = numbers[index + 1]! }
                    index += 2
                }
            case "bos-feature":
                bosFeature = value
            case "max-grouping-size":
                guard let size = Int(value), size >= 0 else {
                    throw MorphError(.invalidDictionary, "expected a non-negative integer, got \"\(value)\"",
                                     path: path, line: lineNumber, field: key)
                }
                maxGroupingSize = size
            default:
                break
            }
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    func trimmingSpaces() -> String {
        var scalars = String(self).unicodeScalars[...]
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\r" }
        while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        return String(Substring(scalars))
    }
}
