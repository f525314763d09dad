/// Decoding of UTF-8 that is already known to be valid (a `String`'s storage, or bytes a reader checked),
/// for hot loops that read scalars straight from bytes.
///
/// ```swift
/// var index = 0
/// "한a".utf8.withContiguousStorageIfAvailable { bytes in
///     ValidUTF8.scalar(in: bytes, at: &index)   // 0xD55C, index 3
/// }
/// ```
public enum ValidUTF8 {
    /// The scalar that starts at `index` of `bytes`; `index` moves past it.
    /// - Precondition: `bytes` is valid UTF-8 and `index` starts a scalar (nothing is checked: every lead
    ///   byte is trusted to be followed by its continuation bytes).
    @inlinable @inline(__always)
    public static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> UInt32 {
        let lead = UInt32(bytes[index])
        let value: UInt32
        if lead < 0x80 {
            value = lead
            index += 1
        } else if lead < 0xE0 {
            value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            index += 2
        } else if lead < 0xF0 {
            value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            index += 3
        } else {
            value = (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
            index += 4
        }
        return value
    }
}
