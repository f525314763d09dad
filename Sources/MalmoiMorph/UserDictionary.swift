import MalmoiCore

/// Words added to the analysis from CSV files, compiled in memory at load time.
///
/// ```swift
/// let user = try UserDictionary(csv: "말모이,NNP\n", path: "words.csv", system: dictionary)
/// let analyzer = Analyzer(dictionary: dictionary, userDictionary: user)
/// ```
/// Two line layouts are accepted (a line is one entry; blank lines and lines starting with `#` are
/// skipped; fields may be quoted CSV-style):
/// * the mecab-ko-dic layout `surface,left_id,right_id,cost,POS,semantic,final,reading,type,first,last,expression`;
///   empty ids are inferred from the feature (as `mecab-dict-index` does with `rewrite.def`,
///   `left-id.def`, `right-id.def`, `pos-id.def`) and an empty cost becomes ``defaultCost``;
/// * the short form `surface,POS[,cost]`: the feature becomes `POS,*,T|F,surface,*,*,*,*` (T when the
///   last syllable has a final consonant, F without one or when the last character is not a Hangul
///   syllable) and the ids are inferred.
///
/// User entries enter the lattice after the system entries found at the same position, exactly like a
/// MeCab user dictionary.
public struct UserDictionary: Sendable {
    /// One compiled entry.
    public struct Entry: Hashable, Sendable {
        /// The surface form.
        public var surface: String
        /// Left-context id.
        public var leftId: UInt16
        /// Right-context id.
        public var rightId: UInt16
        /// Part-of-speech id (for the space penalty).
        public var posId: UInt16
        /// Word cost; lower wins.
        public var wordCost: Int16
        /// The feature string printed after the TAB (8 comma-separated fields).
        public var feature: String
    }

    /// The cost given to entries whose cost field is empty or absent: low enough that a user word
    /// normally beats a segmentation of the same text into system words.
    public static let defaultCost: Int16 = 0

    /// The entries, sorted by surface bytes (entries with equal surfaces keep their file order).
    public private(set) var entries: [Entry] = []
    private var trie: [TrieNode] = [TrieNode()]
    /// The feature bytes of each entry, NUL-free.
    private(set) var featureBytes: [[UInt8]] = []

    private struct TrieNode: Sendable {
        var labels: [UInt8] = []
        var children: [Int32] = []
        var first = 0
        var count = 0
    }

    /// Compiles the entries of CSV text.
    /// - Parameters:
    ///   - csv: the file's text.
    ///   - path: the file name, for error messages.
    ///   - system: the system dictionary whose context ids the entries use.
    /// - Throws: ``MorphError`` `.invalidUserDictionary` naming the line and field of a bad entry.
    public init(csv: String, path: String, system: SystemDictionary) throws {
        var parsed: [Entry] = []
        var resolver: ContextIdResolver?
        var lineNumber = 0
        // Split on the byte 0x0A: as Characters, "\r\n" is one grapheme and would never split.
        for rawLine in csv.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let lineBytes = rawLine.last == 0x0D ? rawLine.dropLast() : rawLine[...]
            var line = Substring(String(decoding: lineBytes, as: UTF8.self))
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if line.trimmingSpaces().isEmpty || line.hasPrefix("#") { continue }
            func fail(_ field: String, _ message: String) -> MorphError {
                MorphError(.invalidUserDictionary, Self.printable(message), path: path, line: lineNumber, field: field)
            }
            let fields: [String]
            do {
                fields = try CSVTable.parse(String(line), path: path, lenientQuotes: true).first?.fields ?? [""]
            } catch {
                throw fail("line", "unterminated quote")
            }
            guard let surface = fields.first, !surface.isEmpty else { throw fail("surface", "empty surface") }
            var feature: [String]
            var leftText = "", rightText = "", costText = ""
            if fields.count == 2 || fields.count == 3 {
                let pos = fields[1]
                guard !pos.isEmpty else { throw fail("POS", "empty part-of-speech tag") }
                feature = [pos, "*", Self.finalConsonant(surface), surface, "*", "*", "*", "*"]
                if fields.count == 3 { costText = fields[2] }
            } else if fields.count >= 5 {
                leftText = fields[1]
                rightText = fields[2]
                costText = fields[3]
                feature = Array(fields[4...])
            } else {
                throw fail("line", "expected surface,POS[,cost] or surface,left_id,right_id,cost,feature… (got \(fields.count) fields)")
            }
            var cost = Self.defaultCost
            if !costText.isEmpty {
                guard let value = Int16(costText.trimmingSpaces()) else {
                    throw fail("cost", "\"\(costText)\" is not an integer in -32768…32767")
                }
                cost = value
            }
            var leftId: UInt16
            var rightId: UInt16
            var posId: UInt16 = 0
            if leftText.isEmpty || rightText.isEmpty {
                if resolver == nil {
                    do { resolver = try ContextIdResolver(directory: system.directory) } catch let error as MorphError {
                        throw fail("left_id", "cannot infer context ids: \(error.description); give left_id and right_id explicitly")
                    }
                }
                guard let ids = resolver!.ids(for: feature) else {
                    throw fail("POS", "no context id matches the feature \(feature.joined(separator: ",")); check the tag")
                }
                leftId = leftText.isEmpty ? ids.left : 0
                rightId = rightText.isEmpty ? ids.right : 0
                posId = ids.pos
            } else {
                leftId = 0
                rightId = 0
                if resolver == nil { resolver = try? ContextIdResolver(directory: system.directory) }
                if let ids = resolver?.ids(for: feature) { posId = ids.pos }
            }
            if !leftText.isEmpty {
                guard let value = UInt16(leftText.trimmingSpaces()), Int(value) < system.matrix.rightSize else {
                    throw fail("left_id", "\"\(leftText)\" is not a left-context id below \(system.matrix.rightSize)")
                }
                leftId = value
            }
            if !rightText.isEmpty {
                guard let value = UInt16(rightText.trimmingSpaces()), Int(value) < system.matrix.leftSize else {
                    throw fail("right_id", "\"\(rightText)\" is not a right-context id below \(system.matrix.leftSize)")
                }
                rightId = value
            }
            parsed.append(Entry(surface: surface, leftId: leftId, rightId: rightId, posId: posId, wordCost: cost,
                                feature: feature.joined(separator: ",")))
        }
        self.init(entries: parsed)
    }

    /// The message with control characters (a stray CR, an escape sequence) shown as `\u{…}`, so that
    /// quoting a bad field can never move the cursor or rewrite the terminal.
    static func printable(_ message: String) -> String {
        var result = ""
        for scalar in message.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Reads and compiles a CSV file.
    /// - Throws: ``MorphError`` when the file cannot be read or a line is bad.
    public init(contentsOf path: String, system: SystemDictionary) throws {
        let file = try MappedFile(path: path)
        let bytes = UnsafeBufferPointer(start: file.base.assumingMemoryBound(to: UInt8.self), count: file.count)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8(bytes) ?? 0
            let line = bytes[..<bad].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw MorphError(.invalidUserDictionary, "not valid UTF-8 (byte offset \(bad)); convert the file to UTF-8",
                             path: path, line: line, field: "line")
        }
        try self.init(csv: text, path: path, system: system)
    }

    /// Several dictionaries combined, in order (entries of the first file come first among equal surfaces).
    public init(combining dictionaries: [UserDictionary]) {
        self.init(entries: dictionaries.flatMap(\.entries))
    }

    /// Compiles entries whose ids are already known.
    public init(entries: [Entry]) {
        let sorted = entries.enumerated().sorted { a, b in
            let x = Array(a.element.surface.utf8), y = Array(b.element.surface.utf8)
            return x.lexicographicallyPrecedes(y) || (x == y && a.offset < b.offset)
        }.map(\.element)
        self.entries = sorted
        featureBytes = sorted.map { Array($0.feature.utf8).filter { $0 != 0 } }
        var index = 0
        while index < sorted.count {
            var end = index + 1
            while end < sorted.count && sorted[end].surface == sorted[index].surface { end += 1 }
            var node = 0
            for byte in sorted[index].surface.utf8 {
                if let slot = trie[node].labels.firstIndex(of: byte) {
                    node = Int(trie[node].children[slot])
                } else {
                    trie.append(TrieNode())
                    trie[node].labels.append(byte)
                    trie[node].children.append(Int32(trie.count - 1))
                    node = trie.count - 1
                }
            }
            trie[node].first = index
            trie[node].count = end - index
            index = end
        }
    }

    /// Calls `body(length, first, count)` for every surface that is a prefix of `bytes[start..<end]`,
    /// shortest first.
    func commonPrefixSearch(
        _ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int,
        _ body: (_ length: Int, _ first: Int, _ count: Int) -> Void
    ) {
        var node = 0
        var index = start
        while index < end {
            guard let slot = trie[node].labels.firstIndex(of: bytes[index]) else { return }
            node = Int(trie[node].children[slot])
            index += 1
            if trie[node].count > 0 { body(index - start, trie[node].first, trie[node].count) }
        }
    }

    /// `T` when the last scalar is a Hangul syllable with a final consonant, `F` otherwise (mecab-ko-dic
    /// has right-context ids only for T and F nouns, so a Latin or digit ending counts as F).
    static func finalConsonant(_ surface: String) -> String {
        guard let last = surface.unicodeScalars.last, HangulJamo.isSyllable(last.value) else { return "F" }
        return HangulJamo.split(last.value).final == 0 ? "F" : "T"
    }
}
