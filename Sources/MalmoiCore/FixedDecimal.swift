#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbers with a fixed count of decimals for tables, without Foundation: the same text as C's
/// `printf("%.4f")` (and Foundation's `String(format:)`), rounded from the exact binary value.
///
/// ```swift
/// FixedDecimal.format(0.74345)       // "0.7434" (the double is just below …45)
/// FixedDecimal.format(2, digits: 1)  // "2.0"
/// ```
public enum FixedDecimal {
    /// `value` with `digits` decimals (0 to 17), as `%.Nf` writes it: `nan`, `inf` and `-0.0000` included.
    public static func format(_ value: Double, digits: Int = 4) -> String {
        let places = min(max(digits, 0), 17)
        var buffer = [CChar](repeating: 0, count: 512)
        let written = withVaList([value]) { arguments in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, "%.\(places)f", arguments) }
        }
        if Int(written) >= buffer.count {   // |value| ≥ 1e500 cannot happen for a double, but stay exact
            buffer = [CChar](repeating: 0, count: Int(written) + 1)
            _ = withVaList([value]) { arguments in
                buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, "%.\(places)f", arguments) }
            }
        }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
