/// The standard South Korean 2-set (dubeolsik, KS X 5002) layout: Latin keys ⇄ compatibility jamo.
///
/// Text typed with the input method left in English mode (`tlqkf` for 시발) is decoded key by key and
/// then composed with the input method's rules (``JamoComposer``). ICU does not know this layout.
public enum KeyboardLayout {
    /// Key → compatibility jamo for unshifted keys a–z.
    static let lower: [UInt32] = [
        0x3141, 0x3160, 0x314A, 0x3147, 0x3137, 0x3139, 0x314E, 0x3157, 0x3151, 0x3153, // a b c d e f g h i j
        0x314F, 0x3163, 0x3161, 0x315C, 0x3150, 0x3154, 0x3142, 0x3131, 0x3134, 0x3145, // k l m n o p q r s t
        0x3155, 0x314D, 0x3148, 0x314C, 0x315B, 0x314B,                                 // u v w x y z
    ]
    /// Shifted keys that differ from the unshifted ones: Q W E R T O P.
    static let shifted: [UInt8: UInt32] = [
        UInt8(ascii: "Q"): 0x3143, UInt8(ascii: "W"): 0x3149, UInt8(ascii: "E"): 0x3138,
        UInt8(ascii: "R"): 0x3132, UInt8(ascii: "T"): 0x3146, UInt8(ascii: "O"): 0x3152,
        UInt8(ascii: "P"): 0x3156,
    ]

    /// The jamo a key produces, or nil for a non-letter.
    static func jamo(forKey key: UInt32) -> UInt32? {
        guard key < 128 else { return nil }
        let byte = UInt8(key)
        if let tense = shifted[byte] { return tense }
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return lower[Int(byte - UInt8(ascii: "a"))]
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return lower[Int(byte - UInt8(ascii: "A"))]
        default: return nil
        }
    }

    /// Decodes a run of Latin letters typed in English mode.
    /// - Returns: composed pieces whose ranges index into `keys`, or nil when a key is not a letter.
    static func decode(_ keys: ArraySlice<UInt32>) -> [JamoComposer.Piece]? {
        var composer = JamoComposer()
        for (offset, key) in keys.enumerated() {
            guard let jamo = jamo(forKey: key) else { return nil }
            composer.feed(jamo, at: offset)
        }
        composer.flush()
        return composer.output
    }

    /// Decodes `keys` and returns the Hangul text when every piece is a full syllable and there are
    /// at least `minimumSyllables` of them (the plausibility test); nil otherwise.
    public static func decodedHangul(_ keys: String, minimumSyllables: Int = 1) -> String? {
        let scalars = keys.unicodeScalars.map(\.value)
        guard let pieces = decode(scalars[...]), pieces.count >= minimumSyllables,
              pieces.allSatisfy({ Jamo.isSyllable($0.scalar) }) else { return nil }
        var text = String.UnicodeScalarView()
        for piece in pieces { text.append(Unicode.Scalar(piece.scalar)!) }
        return String(text)
    }

    /// The keys typed for a Hangul text in English mode (시발 → tlqkf); other characters are kept.
    public static func keys(for text: String) -> String {
        var reverse: [UInt32: UInt8] = [:]
        for (index, jamo) in lower.enumerated() { reverse[jamo] = UInt8(ascii: "a") + UInt8(index) }
        for (key, jamo) in shifted { reverse[jamo] = key }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let jamo: [UInt32]
            if Jamo.isSyllable(value) {
                jamo = Jamo.decompose(value)
            } else if Jamo.isCompatJamo(value) {
                jamo = Jamo.clusterParts[value].map { [$0.0, $0.1] } ?? [value]
            } else {
                out.append(scalar)
                continue
            }
            for j in jamo {
                if let key = reverse[j] { out.append(Unicode.Scalar(key)) }
            }
        }
        return String(out)
    }
}
