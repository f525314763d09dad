import MalmoiText

/// Reassembles compatibility jamo into syllables the way a 2-set input method does
/// (rules 1–6 of `docs/abuse/keyboard-and-icu.md`): ㅅㅣㅂㅏㄹ → 시발, ㅅㅐㄲㅣ → 새끼, ㅅㅂ stays ㅅㅂ.
///
/// Each output scalar carries the half-open range `[start, end)` of input positions it was built from,
/// so callers can map results back to the original text.
struct JamoComposer {
    /// One composed scalar and the input positions it covers.
    struct Piece: Equatable {
        var scalar: UInt32
        var start: Int
        var end: Int
    }

    private var pending = String.UnicodeScalarView()
    private var positions: [Int] = []
    private(set) var output: [Piece] = []

    /// Composes a whole sequence of scalars; non-jamo scalars pass through and end the syllable.
    static func compose(_ input: [UInt32]) -> [Piece] {
        var composer = JamoComposer()
        for (position, scalar) in input.enumerated() { composer.feed(scalar, at: position) }
        composer.flush()
        return composer.output
    }

    /// Feeds one scalar found at input position `pos`.
    mutating func feed(_ s: UInt32, at pos: Int) {
        guard Jamo.isCompatJamo(s), let scalar = Unicode.Scalar(s) else {
            flush()
            output.append(Piece(scalar: s, start: pos, end: pos + 1))
            return
        }
        pending.append(scalar)
        positions.append(pos)
    }

    /// Commits the jamo fed so far, composed by MalmoiText's 2-set automaton (``Hangul/composeJamo(_:)``),
    /// each output scalar with the input positions its offset map gives.
    mutating func flush() {
        guard !pending.isEmpty else { return }
        let (text, map) = Hangul.composeJamo(String(pending))
        for (index, scalar) in text.unicodeScalars.enumerated() {
            let range = map.originalRange(index..<(index + 1))
            output.append(Piece(scalar: scalar.value, start: positions[range.lowerBound], end: positions[range.upperBound - 1] + 1))
        }
        pending = String.UnicodeScalarView()
        positions.removeAll()
    }
}
