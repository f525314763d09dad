import MalmoiCore

/// The normalization step every command applies to the text it reads (`--normalize nfc|nfkc|none`).
///
/// ```swift
/// let step = InputNormalization.nfc
/// let (text, map) = step.normalized("아버지가")   // NFD in, NFC out
/// map.originalRange(0..<1)                         // 0..<3: the three jamo of 아
/// step.normalizedText("Ａ①")                       // "Ａ①" (NFC keeps compatibility forms)
/// InputNormalization.nfkc.normalizedText("Ａ①")    // "A1"
/// ```
/// Users' text comes decomposed (macOS file names and clipboard, some web pages and PDFs), with
/// full-width or circled characters, with conjoining jamo, or with a byte order mark left in the middle
/// by concatenated files. With `nfc` or `nfkc` the text is brought to that form (ICU) and every U+FEFF
/// is removed; with `none` it is used as it comes (what a tool comparing code points does).
/// Whatever changes, the ``OffsetMap`` returned with the text maps offsets in the normalized text back
/// to the original, so reported offsets always index what the user gave.
///
/// Text that is already normal costs one pass of ICU's check over its UTF-8 bytes and no copy.
public enum InputNormalization: String, CaseIterable, Hashable, Sendable {
    /// Canonical composition (the form Malmoi stores text in), U+FEFF removed. The default.
    case nfc
    /// Compatibility composition: also folds full-width Latin and digits, circled numbers,
    /// compatibility jamo; U+FEFF removed.
    case nfkc
    /// No change: the text as it comes.
    case none

    /// The byte order mark / zero-width no-break space, removed by `nfc` and `nfkc`.
    public static let byteOrderMark: Unicode.Scalar = "\u{FEFF}"

    /// The ICU form this step produces; `nil` for `none`.
    public var form: NormalizationForm? {
        switch self {
        case .nfc: .nfc
        case .nfkc: .nfkc
        case .none: nil
        }
    }

    // MARK: Strings

    /// Whether `text` comes out of this step unchanged.
    /// - Complexity: O(n), one ICU check over the UTF-8 bytes.
    public func isNormal(_ text: String) -> Bool {
        guard form != nil else { return true }
        var text = text
        return text.withUTF8 { isNormal(utf8: $0) }
    }

    /// The text after this step, without an offset map.
    public func normalizedText(_ text: String) -> String {
        guard let form, !isNormal(text) else { return text }
        return Normalizer(form).normalize(Self.removingByteOrderMarks(text))
    }

    /// The text after this step, and the map from its offsets back to `text`.
    ///
    /// Offsets are Unicode scalar offsets; a removed U+FEFF is a changed span of one scalar that became
    /// none, and each changed normalization segment (a decomposed syllable, `①`) is one changed span.
    /// - Complexity: O(n); on text that is already normal one ICU check and an identity map.
    public func normalized(_ text: String) -> (text: String, map: OffsetMap) {
        guard let form, !isNormal(text) else {
            return (text, .identity(length: text.unicodeScalars.count))
        }
        var withoutMarks = String.UnicodeScalarView()
        var marks = OffsetMap.Builder()
        var run = 0
        for scalar in text.unicodeScalars {
            if scalar == Self.byteOrderMark {
                marks.appendUnchanged(run)
                run = 0
                marks.appendChanged(originalCount: 1, resultCount: 0)
            } else {
                withoutMarks.append(scalar)
                run += 1
            }
        }
        marks.appendUnchanged(run)
        let (result, normalization) = Normalizer(form).normalizeWithOffsets(String(withoutMarks))
        return (result, marks.build().then(normalization))
    }

    /// Whether two strings differ as code points but are equal after this step (for warnings such as
    /// `qa eval`'s: the texts match once normalized). Always false for `none`.
    public func differOnlyByNormalization(_ first: String, _ second: String) -> Bool {
        guard form != nil else { return false }
        if first.unicodeScalars.elementsEqual(second.unicodeScalars) { return false }
        return normalizedText(first).unicodeScalars.elementsEqual(normalizedText(second).unicodeScalars)
    }

    // MARK: UTF-8 lines

    /// Whether valid UTF-8 `bytes` come out of this step unchanged: no EF BB BF sequence and ICU's
    /// check passes. No copy is made.
    public func isNormal(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let form else { return true }
        if form == .nfc ? NFCQuickCheck.isNFC(bytes) : Self.isASCIIOrHangulSyllables(bytes) { return true }
        if Self.containsByteOrderMark(bytes) { return false }
        // ICU fails here only on memory exhaustion; treating the text as not normal sends it down the
        // slow path, which reports the failure.
        return (try? ICU.isNormalizedUTF8(form, bytes)) ?? false
    }

    /// Normalizes one line of valid UTF-8 for analysis.
    ///
    /// Returns `nil` when the line is already normal (use `bytes` as they are: the fast path, no copy);
    /// otherwise replaces `output` with the normalized bytes and returns the map from scalar offsets
    /// of `output` back to scalar offsets of `bytes`.
    public func normalize(utf8 bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> OffsetMap? {
        guard form != nil, !isNormal(utf8: bytes) else { return nil }
        let (text, map) = normalized(String(decoding: bytes, as: UTF8.self))
        output.removeAll(keepingCapacity: true)
        output.append(contentsOf: text.utf8)
        return map
    }

    /// Whether the bytes are only ASCII and precomposed Hangul syllables (U+AC00…U+D7A3): such text is
    /// NFC and NFKC (every character is quick-check Yes and none combines with the one before), so most
    /// Korean lines need no ICU call at all.
    private static func isASCIIOrHangulSyllables(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            guard (0xEA...0xED).contains(lead), index + 2 < count else { return false }
            let scalar = (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
            guard (0xAC00...0xD7A3).contains(scalar) else { return false }
            index += 3
        }
        return true
    }

    private static func containsByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3 else { return false }
        var index = 0
        let last = bytes.count - 3
        while index <= last {
            if bytes[index] == 0xEF && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF { return true }
            index += 1
        }
        return false
    }

    private static func removingByteOrderMarks(_ text: String) -> String {
        guard text.unicodeScalars.contains(byteOrderMark) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter { $0 != byteOrderMark })
        return String(scalars)
    }
}

extension OffsetMap {
    /// The original range of a result range, for a map that may be absent (`nil`: nothing changed).
    public static func originalRange(_ range: Range<Int>, through map: OffsetMap?) -> Range<Int> {
        map?.originalRange(range) ?? range
    }
}
