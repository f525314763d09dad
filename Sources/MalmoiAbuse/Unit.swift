/// One scalar of a working view, with the original range it stands for.
struct Unit {
    var scalar: UInt32
    var start: Int32
    var end: Int32
    /// Techniques undone to produce this unit.
    var own: UInt32 = 0
    /// Techniques of material removed just before this unit (spaces, insertions).
    var gap: UInt32 = 0
    var flags: UInt8 = 0

    static let tentative: UInt8 = 1
    static let digit: UInt8 = 2
    static let attached: UInt8 = 4
    static let softGap: UInt8 = 8
    static let tokenStart: UInt8 = 16

    init(_ scalar: UInt32, _ start: Int, _ end: Int, own: UInt32 = 0) {
        self.scalar = scalar
        self.start = Int32(start)
        self.end = Int32(end)
        self.own = own
    }

    @inline(__always) func has(_ flag: UInt8) -> Bool { flags & flag != 0 }
}

// MARK: - Character classes

@inline(__always) func isSpaceScalar(_ s: UInt32) -> Bool {
    s == 0x20 || s == 0x09 || s == 0x0A || s == 0x0D || s == 0xA0 || s == 0x3000 || (s >= 0x2000 && s <= 0x200A)
}
@inline(__always) func isASCIILetter(_ s: UInt32) -> Bool { (s | 0x20) >= 0x61 && (s | 0x20) <= 0x7A }
@inline(__always) func isASCIIDigit(_ s: UInt32) -> Bool { s >= 0x30 && s <= 0x39 }
@inline(__always) func lowerASCII(_ s: UInt32) -> UInt32 { isASCIILetter(s) ? s | 0x20 : s }
