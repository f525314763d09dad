/// One compiled MeCab dictionary file (`sys.dic` or `unk.dic`): a header, a double-array trie over the
/// UTF-8 bytes of surfaces, 16-byte token records and a blob of NUL-terminated feature strings.
///
/// The layout is described in `docs/mecab-dictionary-format.md` ("sys.dic / unk.dic"). The file stays
/// mapped; nothing is parsed at load time beyond the 72-byte header.
final class DictionaryFile: @unchecked Sendable {
    /// The kind of dictionary recorded in the header's `type` field.
    enum Kind: UInt32 {
        case system = 0
        case user = 1
        case unknown = 2
    }

    static let headerSize = 72
    static let magicKey: UInt32 = 0xef71_8f77
    static let supportedVersion: UInt32 = 102

    let file: MappedFile
    let kind: Kind
    /// Number of token records.
    let lexiconSize: Int
    /// Matrix dimensions copied into the header (`lsize`, `rsize`).
    let leftSize: Int
    let rightSize: Int
    /// Double-array units: `(base: Int32, check: UInt32)` interleaved.
    let units: UnsafePointer<Int32>
    let unitCount: Int
    /// Token records, 16 bytes each.
    let tokens: UnsafeRawPointer
    /// The feature blob.
    let features: UnsafePointer<UInt8>
    let featureSize: Int

    /// Maps and validates a dictionary file.
    /// - Parameter expected: the kind the caller needs (`sys.dic` must be `.system`, `unk.dic` `.unknown`).
    /// - Throws: ``MorphError`` `.invalidDictionary` naming the file and the failed check.
    init(path: String, expected: Kind) throws {
        file = try MappedFile(path: path)
        func invalid(_ field: String, _ message: String) -> MorphError {
            MorphError(.invalidDictionary, message + "; reinstall the dictionary (Scripts/install-mecab-ko-dic.sh)",
                       path: path, field: field)
        }
        guard file.count >= Self.headerSize else {
            throw invalid("header", "truncated: \(file.count) bytes, shorter than the 72-byte header")
        }
        let magic = file.load(at: 0, as: UInt32.self)
        guard magic ^ Self.magicKey == UInt32(truncatingIfNeeded: file.count) else {
            throw invalid("magic", "not a MeCab dictionary of this size (magic 0x\(String(magic, radix: 16)) does not match \(file.count) bytes): truncated or foreign file")
        }
        let version = file.load(at: 4, as: UInt32.self)
        guard version == Self.supportedVersion else {
            throw invalid("version", "dictionary version \(version), expected \(Self.supportedVersion)")
        }
        let rawKind = file.load(at: 8, as: UInt32.self)
        guard let kind = Kind(rawValue: rawKind), kind == expected else {
            throw invalid("type", "dictionary type \(rawKind), expected \(expected.rawValue) (\(expected))")
        }
        self.kind = kind
        lexiconSize = Int(file.load(at: 12, as: UInt32.self))
        leftSize = Int(file.load(at: 16, as: UInt32.self))
        rightSize = Int(file.load(at: 20, as: UInt32.self))
        let dsize = Int(file.load(at: 24, as: UInt32.self))
        let tsize = Int(file.load(at: 28, as: UInt32.self))
        let fsize = Int(file.load(at: 32, as: UInt32.self))
        guard Self.headerSize + dsize + tsize + fsize == file.count else {
            throw invalid("dsize+tsize+fsize", "section sizes \(dsize)+\(tsize)+\(fsize) plus the header do not add up to the file size \(file.count)")
        }
        guard dsize % 8 == 0, tsize == lexiconSize * 16, dsize >= 8 else {
            throw invalid("tsize", "inconsistent sizes: \(dsize) bytes of double array, \(tsize) bytes for \(lexiconSize) tokens")
        }
        let charset = Self.charsetName(file)
        guard charset.lowercased().replacingOccurrences("-", "") == "utf8" else {
            throw invalid("charset", "charset \(charset), only UTF-8 dictionaries are supported")
        }
        units = (file.base + Self.headerSize).assumingMemoryBound(to: Int32.self)
        unitCount = dsize / 8
        tokens = file.base + Self.headerSize + dsize
        features = (file.base + Self.headerSize + dsize + tsize).assumingMemoryBound(to: UInt8.self)
        featureSize = fsize
        guard fsize == 0 || features[fsize - 1] == 0 else {
            throw invalid("features", "the feature blob does not end with NUL")
        }
    }

    private static func charsetName(_ file: MappedFile) -> String {
        var bytes: [UInt8] = []
        for offset in 40..<72 {
            let byte = file.load(at: offset, as: UInt8.self)
            if byte == 0 { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Token records

    @inline(__always) func leftId(_ token: Int) -> UInt16 { tokens.load(fromByteOffset: token &* 16, as: UInt16.self) }
    @inline(__always) func rightId(_ token: Int) -> UInt16 { tokens.load(fromByteOffset: token &* 16 &+ 2, as: UInt16.self) }
    @inline(__always) func posId(_ token: Int) -> UInt16 { tokens.load(fromByteOffset: token &* 16 &+ 4, as: UInt16.self) }
    @inline(__always) func wordCost(_ token: Int) -> Int16 { tokens.load(fromByteOffset: token &* 16 &+ 6, as: Int16.self) }
    @inline(__always) func featureOffset(_ token: Int) -> Int { Int(tokens.load(fromByteOffset: token &* 16 &+ 8, as: UInt32.self)) }

    /// The feature bytes of a token (without the terminating NUL).
    func feature(_ token: Int) -> UnsafeBufferPointer<UInt8> {
        let start = featureOffset(token)
        guard start < featureSize else { return UnsafeBufferPointer(start: features, count: 0) }
        let pointer = features + start
        var length = 0
        while pointer[length] != 0 { length &+= 1 }
        return UnsafeBufferPointer(start: pointer, count: length)
    }

    // MARK: Double array

    @inline(__always) private func base(_ index: Int) -> Int32 { units[index &* 2] }
    @inline(__always) private func check(_ index: Int) -> UInt32 { UInt32(bitPattern: units[index &* 2 &+ 1]) }

    /// The value stored for exactly this key, or nil.
    func exactMatch(_ key: [UInt8]) -> Int? {
        var b = Int(units[0])
        for byte in key {
            let p = b &+ Int(byte) &+ 1
            guard p >= 0 && p < unitCount && check(p) == UInt32(truncatingIfNeeded: b) else { return nil }
            b = Int(base(p))
        }
        guard b >= 0 && b < unitCount else { return nil }
        let n = base(b)
        if check(b) == UInt32(truncatingIfNeeded: b) && n < 0 { return Int(-n - 1) }
        return nil
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
