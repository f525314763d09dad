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

    private var initial: (scalar: UInt32, pos: Int)?
    private var medial: (index: Int, start: Int, end: Int)?
    private var final: (scalar: UInt32, first: (UInt32, Int), second: (UInt32, Int)?)?
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
        if Jamo.isCompatConsonant(s) {
            feedConsonant(s, at: pos)
        } else if Jamo.isCompatVowel(s) {
            feedVowel(Int(s - 0x314F), at: pos)
        } else {
            flush()
            output.append(Piece(scalar: s, start: pos, end: pos + 1))
        }
    }

    private mutating func feedConsonant(_ s: UInt32, at pos: Int) {
        if initial != nil, medial != nil {
            if let f = final {
                if f.second == nil, let cluster = Jamo.combinedFinal(f.first.0, s) {
                    final = (cluster, f.first, (s, pos))
                    return
                }
            } else if Jamo.finalIndex(ofCompat: s) != nil && s != 0x3138 && s != 0x3143 && s != 0x3149 {
                final = (s, (s, pos), nil)
                return
            }
        }
        flush()
        if Jamo.initialIndex(ofCompat: s) != nil {
            initial = (s, pos)
        } else {
            output.append(Piece(scalar: s, start: pos, end: pos + 1))
        }
    }

    private mutating func feedVowel(_ m: Int, at pos: Int) {
        if let f = final, let i = initial, let v = medial {
            // The final (or its second half) moves to the new syllable (rule 5).
            let moving: (UInt32, Int)
            if let second = f.second {
                moving = second
                final = (f.first.0, f.first, nil)
            } else {
                moving = f.first
                final = nil
            }
            _ = i; _ = v
            flush()
            if Jamo.initialIndex(ofCompat: moving.0) != nil {
                initial = moving
                medial = (m, pos, pos + 1)
            } else {
                output.append(Piece(scalar: moving.0, start: moving.1, end: moving.1 + 1))
                medial = (m, pos, pos + 1)
            }
            return
        }
        if let v = medial {
            if final == nil, let combined = Jamo.combinedVowel(v.index, m) {
                medial = (combined, v.start, pos + 1)
                return
            }
            flush()
            medial = (m, pos, pos + 1)
            return
        }
        medial = (m, pos, pos + 1)
    }

    /// Commits the syllable being built.
    mutating func flush() {
        if let i = initial, let v = medial {
            var finalIndex = 0
            var end = max(i.pos, v.end - 1) + 1
            if let f = final {
                finalIndex = Jamo.finalIndex(ofCompat: f.scalar) ?? 0
                end = max(end, (f.second?.1 ?? f.first.1) + 1)
            }
            let start = min(i.pos, v.start)
            output.append(Piece(
                scalar: Jamo.compose(Jamo.initialIndex(ofCompat: i.scalar)!, v.index, finalIndex),
                start: start, end: end))
        } else if let i = initial {
            output.append(Piece(scalar: i.scalar, start: i.pos, end: i.pos + 1))
        } else if let v = medial {
            // A lone (possibly combined) vowel: emit the compatibility vowel.
            output.append(Piece(scalar: Jamo.vowelCompat(v.index), start: v.start, end: v.end))
        }
        initial = nil
        medial = nil
        final = nil
    }
}
