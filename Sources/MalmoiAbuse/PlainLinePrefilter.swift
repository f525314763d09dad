/// A cheap test that rules out every lexicon match in a line of plain syllables, before any view is
/// built or any candidate is judged.
///
/// It applies to lines whose safe units are only Hangul syllables, spaces and ASCII punctuation (no
/// letters, digits, jamo or other symbols, which substitution, reassembly and readings start from)
/// and which hold no echoed vowel (elongation). In such a line the removal view holds the line's own
/// syllables, single spaces and kept punctuation, and no other view is built. A pattern that can
/// match there is made of those scalars only; its syllables, with everything else left out, follow
/// one another in the line's syllables with everything else left out (spacing joins and insertions
/// only remove what lies between). So the line has no match unless it holds the first two syllables
/// of such a pattern next to each other (in that sequence), or the syllable of a one-syllable
/// pattern. The test is exact in one direction only: a line it does not rule out is scanned in full.
struct PlainLinePrefilter: Sendable {
    /// Syllables of one-syllable patterns, as a bit per syllable.
    let single: [UInt64]
    /// Syllables that begin a pattern's first pair, as a bit per syllable.
    let pairStart: [UInt64]
    /// The first pairs, `first << 32 | second`.
    let pairs: Set<UInt64>

    private static let syllableCount = Int(Jamo.syllableLast - Jamo.syllableBase) + 1

    /// Builds the test from the patterns; nil when some pattern could match such a line without any
    /// syllable (then no line can be ruled out this way).
    init?(patterns: [[UInt32]]) {
        var single = [UInt64](repeating: 0, count: (Self.syllableCount + 63) / 64)
        var pairStart = single
        var pairs: Set<UInt64> = []
        for pattern in patterns {
            // A pattern with a scalar such a line's view never holds cannot match there.
            guard pattern.allSatisfy({ Jamo.isSyllable($0) || $0 == 0x20 || Self.isPunctuation($0) }) else { continue }
            let syllables = pattern.filter(Jamo.isSyllable)
            if syllables.isEmpty { return nil }
            if syllables.count == 1 {
                Self.set(&single, syllables[0])
            } else {
                Self.set(&pairStart, syllables[0])
                pairs.insert(UInt64(syllables[0]) << 32 | UInt64(syllables[1]))
            }
        }
        self.single = single
        self.pairStart = pairStart
        self.pairs = pairs
    }

    /// ASCII punctuation and symbols (not letters, digits, spaces or controls).
    static func isPunctuation(_ s: UInt32) -> Bool {
        s >= 0x21 && s <= 0x7E && !isASCIILetter(s) && !isASCIIDigit(s)
    }

    private static func set(_ bits: inout [UInt64], _ syllable: UInt32) {
        let index = Int(syllable - Jamo.syllableBase)
        bits[index >> 6] |= 1 << UInt64(index & 63)
    }

    @inline(__always) static func has(_ bits: [UInt64], _ syllable: UInt32) -> Bool {
        let index = Int(syllable - Jamo.syllableBase)
        return bits[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    /// Whether the line (its safe units) certainly has no lexicon match in any view.
    func rulesOut(_ units: [Unit]) -> Bool {
        var previous: UInt32 = 0
        for unit in units {
            let s = unit.scalar
            if Jamo.isSyllable(s) {
                if Self.has(single, s) { return false }
                if previous != 0 {
                    if Self.has(pairStart, previous) && pairs.contains(UInt64(previous) << 32 | UInt64(s)) { return false }
                    // An echoed vowel (가아, 조오) may be collapsed by the elongation step.
                    if (s - Jamo.syllableBase) / 588 == 11 {
                        let p = Jamo.split(previous)
                        if p.final == 0 && Canonicalizer.echo(p.medial) == Jamo.split(s).medial { return false }
                    }
                }
                previous = s
            } else if !isSpaceScalar(s) && !Self.isPunctuation(s) {
                return false
            }
        }
        return true
    }
}
