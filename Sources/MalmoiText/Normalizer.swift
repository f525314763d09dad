import MalmoiCore

/// Normalizes text to a Unicode normalization form with ICU, on strings or on streams of bytes.
///
/// ```swift
/// let nfc = Normalizer(.nfc)
/// nfc.normalize("한글")                 // composed syllables
/// "ｶﾀｶﾅ ㄱ".normalized(.nfkc)          // folds width and compatibility jamo
/// let (text, map) = Normalizer(.nfkc).normalizeWithOffsets("①번")  // map: result offsets → original
/// ```
/// The byte paths work on UTF-8 directly (ICU's `normalizeUTF8`), so text that is already normalized
/// costs a quick check and no conversion to UTF-16.
public struct Normalizer: Sendable, Hashable {
    /// The form this normalizer produces.
    public let form: NormalizationForm

    /// A normalizer to `form`.
    public init(_ form: NormalizationForm) {
        self.form = form
    }

    /// The text in this form.
    public func normalize(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            // ICU fails here only on memory exhaustion; returning the input unchanged is not an option
            // we want to hide, so a failure traps with ICU's message.
            do {
                if try ICU.isNormalizedUTF8(form, bytes) { return String(decoding: bytes, as: UTF8.self) }
                var output: [UInt8] = []
                try ICU.normalizeUTF8(form, bytes, into: &output)
                return String(decoding: output, as: UTF8.self)
            } catch {
                preconditionFailure("\(error)")
            }
        }
    }

    /// Whether the text is already in this form.
    public func isNormalized(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { (try? ICU.isNormalizedUTF8(form, $0)) ?? false }
    }

    /// Normalizes well-formed UTF-8 bytes into `output` (replacing its contents).
    /// - Throws: ``TextError`` when ICU fails.
    public func normalize(utf8 bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) throws(TextError) {
        try ICU.normalizeUTF8(form, bytes, into: &output)
    }

    /// The text in this form together with a map from offsets in the result back to the original.
    ///
    /// The text is cut at normalization boundaries (where ICU says a character starts a new segment),
    /// and each changed segment becomes one changed span of the map; unchanged text maps one to one.
    /// - Complexity: O(n), with one ICU call per segment that is not already normalized.
    public func normalizeWithOffsets(_ text: String) -> (text: String, map: OffsetMap) {
        let scalars = Array(text.unicodeScalars)
        var builder = OffsetMap.Builder()
        var result = String.UnicodeScalarView()
        var segmentStart = 0
        func flush(_ end: Int) {
            guard end > segmentStart else { return }
            let segment = scalars[segmentStart..<end]
            if segment.count == 1, isStable(segment.first!) {
                result.append(segment.first!)
                builder.appendUnchanged(1)
            } else {
                var piece = String.UnicodeScalarView()
                piece.append(contentsOf: segment)
                let normalized = normalize(String(piece)).unicodeScalars
                if normalized.elementsEqual(segment) {
                    builder.appendUnchanged(segment.count)
                } else {
                    builder.appendChanged(originalCount: segment.count, resultCount: normalized.count)
                }
                result.append(contentsOf: normalized)
            }
            segmentStart = end
        }
        for index in scalars.indices where index > segmentStart && ICU.hasBoundaryBefore(form, scalars[index]) {
            flush(index)
        }
        flush(scalars.count)
        return (String(result), builder.build())
    }

    private func isStable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            return form != .nfkcCasefold || !(0x41...0x5A).contains(scalar.value)
        }
        return ICU.isInert(form, scalar)
    }
}

extension String {
    /// This string in a Unicode normalization form.
    ///
    /// ```swift
    /// "ㅎㅏㄴ".normalized(.nfkc)   // conjoining jamo, which NFC then composes where it can
    /// ```
    public func normalized(_ form: NormalizationForm) -> String {
        Normalizer(form).normalize(self)
    }
}
