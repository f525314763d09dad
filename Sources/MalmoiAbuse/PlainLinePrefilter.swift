/// A cheap test that rules out every lexicon match in a plain line, before any view is built or any
/// candidate is judged.
///
/// It applies to lines for which the scanner builds the removal view only (nothing to substitute, no
/// Latin letters) and which hold no vowel jamo (nothing to reassemble) and no echoed vowel (nothing to
/// collapse). The removal view of such a line holds all its Hangul syllables and consonant jamo, in
/// order and unchanged; everything else is kept as it is, joined to a single space or removed as an
/// insertion. Call a pattern's syllables and consonants, with everything else left out, its
/// *projection*. A pattern that matches the view has its projection occur, one scalar after the
/// other, in the line's projection, since the view only takes away what lies between. So a line
/// whose projection holds no pattern's projection has no match: one automaton pass over the line's
/// projection replaces the view, the matching and the judging. This holds for patterns made of
/// syllables, consonants and spaces; a pattern with any other scalar (□ for a masked syllable, 凸,
/// `*`) can only match where the line holds that scalar, so every line holding one is scanned in full.
/// The test is exact in one direction only: a line it does not rule out is scanned in full.
struct PlainLinePrefilter: Sendable {
    /// The projections of the patterns made of syllables, consonants and spaces.
    private let automaton: PatternAutomaton
    /// The other scalars of the other patterns (ASCII ones as bits, others in a set).
    private let asciiStops: (UInt64, UInt64)
    private let stops: Set<UInt32>

    /// Builds the test from the patterns; nil when a pattern is made of spaces only.
    init?(patterns: [[UInt32]]) {
        var projections: [[UInt32]] = []
        var low: UInt64 = 0
        var high: UInt64 = 0
        var stops: Set<UInt32> = []
        for pattern in patterns {
            let projection = pattern.filter(Self.isProjected)
            let others = pattern.filter { !Self.isProjected($0) && $0 != 0x20 }
            if others.isEmpty {
                if projection.isEmpty { return nil }
                projections.append(projection)
                continue
            }
            for s in others {
                if s < 64 { low |= 1 << UInt64(s) } else if s < 128 { high |= 1 << UInt64(s - 64) } else { stops.insert(s) }
            }
        }
        automaton = PatternAutomaton(patterns: projections)
        asciiStops = (low, high)
        self.stops = stops
    }

    /// Scalars kept in a projection: syllables and consonant jamo, which the removal view never drops.
    @inline(__always) static func isProjected(_ s: UInt32) -> Bool {
        Jamo.isSyllable(s) || Jamo.isCompatConsonant(s)
    }

    @inline(__always) private func isStop(_ s: UInt32) -> Bool {
        if s < 64 { return asciiStops.0 & (1 << UInt64(s)) != 0 }
        if s < 128 { return asciiStops.1 & (1 << UInt64(s - 64)) != 0 }
        return !stops.isEmpty && stops.contains(s)
    }

    /// Whether the line (its safe units) certainly has no match in its removal view. Call it only for
    /// lines that get no other view.
    func rulesOut(_ units: [Unit]) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: units.count) { projection in
            var count = 0
            var previousSyllable: UInt32 = 0
            for unit in units {
                let s = unit.scalar
                if Jamo.isSyllable(s) {
                    // An echoed vowel (가아, 조오) may be collapsed by the elongation step.
                    if previousSyllable != 0 && (s - Jamo.syllableBase) / 588 == 11 {
                        let p = Jamo.split(previousSyllable)
                        if p.final == 0 && Canonicalizer.echo(p.medial) == Jamo.split(s).medial { return false }
                    }
                    previousSyllable = s
                    projection[count] = s
                    count += 1
                } else if Jamo.isCompatConsonant(s) {
                    projection[count] = s
                    count += 1
                } else if Jamo.isCompatVowel(s) || isASCIILetter(s) || isStop(s) {
                    return false
                }
            }
            var found = false
            automaton.forEachMatch(count: count, scalarAt: { projection[$0] }) { _, _, _ in found = true }
            return !found
        }
    }
}
