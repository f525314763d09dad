import MalmoiCore

/// The standard South Korean 2-set (dubeolsik, KS X 5002) layout: Latin keys ⇄ compatibility jamo.
///
/// Text typed with the input method left in English mode (`tlqkf` for 시발) is decoded key by key and
/// then composed with the input method's rules (``JamoComposer``). ICU does not know this layout.
public enum KeyboardLayout {
    /// The jamo a key produces, or nil for a non-letter (the layout table is MalmoiCore's ``KoreanKeyboard``).
    static func jamo(forKey key: UInt32) -> UInt32? {
        Unicode.Scalar(key).flatMap { KoreanKeyboard.jamo(forKey: $0)?.value }
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
        KoreanKeyboard.latinKeys(for: text)
    }
}
