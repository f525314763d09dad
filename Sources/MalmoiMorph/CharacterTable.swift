/// The character categories of `char.bin`: for each code point U+0000…U+FFFE, the set of categories it
/// belongs to and how unknown words are generated from it.
///
/// See `docs/mecab-dictionary-format.md`, "char.bin". Code points are found with MeCab's own UTF-8
/// reduction (``decode(_:at:end:)``), which is not a full decoder: 4-byte sequences and invalid lead
/// bytes map to U+0000.
final class CharacterTable: @unchecked Sendable {
    /// One code point's entry, a 32-bit field (least significant bit first):
    /// type set (18 bits), default type (8), length (4), group (1), invoke (1).
    struct Info: Equatable {
        let raw: UInt32
        @inline(__always) var typeSet: UInt32 { raw & 0x3FFFF }
        @inline(__always) var defaultType: Int { Int((raw >> 18) & 0xFF) }
        @inline(__always) var length: Int { Int((raw >> 26) & 0xF) }
        @inline(__always) var group: Bool { (raw >> 30) & 1 != 0 }
        @inline(__always) var invoke: Bool { (raw >> 31) & 1 != 0 }
        /// Whether the two type sets intersect (MeCab's `isKindOf`).
        @inline(__always) func isKind(of other: Info) -> Bool { raw & other.raw & 0x3FFFF != 0 }
    }

    let file: MappedFile
    /// The category names in id order (`DEFAULT`, `SPACE`, …).
    let categoryNames: [String]
    /// 0x10000 entries: the 0xFFFF entries of the file and a zero entry for U+FFFF.
    private let table: [UInt32]

    /// Maps and validates `char.bin`.
    /// - Throws: ``MorphError`` `.invalidDictionary` when the size does not match the header.
    init(path: String) throws {
        let file = try MappedFile(path: path)
        self.file = file
        guard file.count >= 4 else {
            throw MorphError(.invalidDictionary, "truncated: \(file.count) bytes", path: path, field: "header")
        }
        let count = Int(file.load(at: 0, as: UInt32.self))
        let expected = 4 + 32 * count + 4 * 0xFFFF
        guard count > 0, count <= 18, file.count == expected else {
            throw MorphError(.invalidDictionary,
                             "size \(file.count) bytes does not match \(count) categories (expected \(expected)): truncated or foreign file",
                             path: path, field: "size")
        }
        var names: [String] = []
        for index in 0..<count {
            var bytes: [UInt8] = []
            for offset in 0..<32 {
                let byte = file.load(at: 4 + 32 * index + offset, as: UInt8.self)
                if byte == 0 { break }
                bytes.append(byte)
            }
            names.append(String(decoding: bytes, as: UTF8.self))
        }
        categoryNames = names
        let start = 4 + 32 * count
        var table = [UInt32](repeating: 0, count: 0x10000)
        table.withUnsafeMutableBytes { destination in
            destination.baseAddress!.copyMemory(from: file.base + start, byteCount: 4 * 0xFFFF)
        }
        for index in 0..<0xFFFF { table[index] = UInt32(littleEndian: table[index]) }
        self.table = table
        for (index, raw) in table.enumerated() where Info(raw: raw).defaultType >= count {
            throw MorphError(.invalidDictionary, "U+\(String(index, radix: 16, uppercase: true)) has default category \(Info(raw: raw).defaultType) of \(count)",
                             path: path, field: "default_type")
        }
    }

    /// The entry of a BMP code point (U+FFFF gives the all-zero entry).
    @inline(__always)
    func info(_ code: Int) -> Info { Info(raw: table[code]) }

    /// Runs `body` with an unsafe view of the table, for hot loops.
    @inline(__always)
    func withTable<R>(_ body: (UnsafePointer<UInt32>) throws -> R) rethrows -> R {
        try table.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// MeCab's `utf8_to_ucs2`: the BMP code and byte length of the character at `index` (`index < end`).
    ///
    /// A 1-, 2- or 3-byte sequence gives its code; a 4-, 5- or 6-byte lead gives code 0 and consumes that
    /// many bytes; an invalid lead byte or a sequence cut by `end` gives code 0 and consumes one byte.
    /// Continuation bytes are not checked.
    @inline(__always)
    static func decode(_ bytes: UnsafePointer<UInt8>, at index: Int, end: Int) -> (code: Int, length: Int) {
        let lead = bytes[index]
        let available = end &- index
        if lead < 0x80 { return (Int(lead), 1) }
        if available >= 2 && lead & 0xE0 == 0xC0 {
            return ((Int(lead & 0x1F) << 6) | Int(bytes[index &+ 1] & 0x3F), 2)
        }
        if available >= 3 && lead & 0xF0 == 0xE0 {
            return ((Int(lead & 0x0F) << 12) | (Int(bytes[index &+ 1] & 0x3F) << 6) | Int(bytes[index &+ 2] & 0x3F), 3)
        }
        if available >= 4 && lead & 0xF8 == 0xF0 { return (0, 4) }
        if available >= 5 && lead & 0xFC == 0xF8 { return (0, 5) }
        if available >= 6 && lead & 0xFE == 0xFC { return (0, 6) }
        return (0, 1)
    }
}
