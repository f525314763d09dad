/// Proves valid UTF-8 text NFC without ICU when every character is one that NFC leaves alone in any
/// context (the common case for Korean text: ASCII, Hangul syllables, compatibility jamo such as
/// `ㅋㅋ`, emoji, CJK punctuation and ideographs).
///
/// ```swift
/// "ㅋㅋ 진짜 😂".utf8.withContiguousStorageIfAvailable(NFCQuickCheck.isNFC)   // true: no ICU call needed
/// "가\u{11A8}".utf8.withContiguousStorageIfAvailable(NFCQuickCheck.isNFC)      // false: ask ICU (it composes to 각)
/// ```
/// This is the quick check of UAX #15 (§9, "Detecting Normalization Forms") restricted to a table of
/// ranges: each accepted character has NFC_Quick_Check = Yes and canonical combining class 0, so a
/// string of them is NFC. Hangul syllables also qualify: an LV syllable composes only with a following
/// trailing jamo (U+11A8…U+11C2), which is not accepted. `false` means "not proven", not "not NFC".
/// The table is checked against ICU, character by character, in the tests.
///
/// Not for NFKC: compatibility jamo, full-width forms and some symbols change there.
public enum NFCQuickCheck {
    /// The accepted ranges above ASCII, inclusive, sorted. Every one is NFC_QC = Yes and ccc = 0.
    public static let ranges: [ClosedRange<UInt32>] = [
        0x00A0...0x00BF,   // Latin-1 punctuation and symbols (no letters: those compose with marks below)
        0x00D7...0x00D7,   // ×
        0x00F7...0x00F7,   // ÷
        0x2010...0x2027,   // dashes, quotes, bullets, ellipsis
        0x2030...0x205E,   // per mille, primes, more punctuation
        0x2190...0x2199,   // simple arrows (U+219A… have canonical decompositions)
        0x25A0...0x25FF,   // geometric shapes (○ ● □ …)
        0x2600...0x26FF,   // miscellaneous symbols (★ ♥ …)
        0x3000...0x3029,   // CJK punctuation (「」『』、。…); U+302A… are combining marks
        0x3030...0x303F,
        0x3131...0x318E,   // Hangul compatibility jamo (ㅋ ㅎ ㅠ …)
        0x4E00...0x9FFF,   // CJK unified ideographs
        0xAC00...0xD7A3,   // Hangul syllables
        0xFF01...0xFF60,   // full-width ASCII forms
        0x1F300...0x1F64F, // pictographs and emoticons
        0x1F680...0x1F6FF, // transport and map symbols
        0x1F900...0x1F9FF, // supplemental symbols and pictographs
    ]

    /// Whether valid UTF-8 `bytes` are proven NFC: every character is ASCII or in ``ranges``.
    /// - Complexity: O(n) in the bytes; no allocation and no ICU call.
    public static func isNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var p = bytes.baseAddress else { return true }
        let end = p + bytes.count
        while p < end {
            let lead = p.pointee
            if lead < 0x80 {
                p += 1
                continue
            }
            if lead & 0xF0 == 0xE0 {
                guard end - p >= 3 else { return false }
                // Hangul syllables from their bytes alone (the input is valid UTF-8): EB and EC lead only
                // syllables (U+B000…U+CFFF); EA B0… starts at U+AC00; ED 80…9E A3 ends at U+D7A3.
                if lead == 0xEB || lead == 0xEC || (lead == 0xEA && p[1] >= 0xB0)
                    || (lead == 0xED && (p[1] < 0x9E || (p[1] == 0x9E && p[2] <= 0xA3))) {
                    p += 3
                    continue
                }
                let scalar = (UInt32(lead & 0x0F) << 12) | (UInt32(p[1] & 0x3F) << 6) | UInt32(p[2] & 0x3F)
                // Hangul syllables first (most of a Korean line), then compatibility jamo.
                guard (scalar &- 0xAC00) <= 0xD7A3 - 0xAC00 || (scalar &- 0x3131) <= 0x318E - 0x3131 || isAccepted(scalar) else {
                    return false
                }
                p += 3
            } else if lead < 0xE0 {
                guard end - p >= 2, isAccepted((UInt32(lead & 0x1F) << 6) | UInt32(p[1] & 0x3F)) else { return false }
                p += 2
            } else {
                guard end - p >= 4 else { return false }
                let scalar = (UInt32(lead & 0x07) << 18) | (UInt32(p[1] & 0x3F) << 12) | (UInt32(p[2] & 0x3F) << 6) | UInt32(p[3] & 0x3F)
                guard isAccepted(scalar) else { return false }
                p += 4
            }
        }
        return true
    }

    /// Whether one scalar is ASCII or in ``ranges``.
    public static func isAccepted(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return true }
        for range in ranges {
            if scalar < range.lowerBound { return false }
            if scalar <= range.upperBound { return true }
        }
        return false
    }
}
