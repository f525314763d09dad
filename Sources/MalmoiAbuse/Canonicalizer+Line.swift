extension Canonicalizer {
    /// Canonicalizes one line of valid UTF-8 as ``canonicalize(_:explaining:)`` does
    /// `String(decoding: bytes, as: UTF8.self)`, but returns only the canonical scalars and the hits.
    ///
    /// The safe layer, the views and the judging are the same; only the assembly is leaner: no source
    /// map, no transformation list and no canonical `String`, which a caller that reads n-grams of the
    /// canonical text does not need. A test compares it with ``canonicalize(_:explaining:)`` on the
    /// project's corpora and on seeded random text.
    /// - Parameter bytes: a line of valid UTF-8 (a String's storage, or bytes checked by the reader).
    /// - Complexity: linear in the length of the line, as ``canonicalize(_:explaining:)``.
    public func canonicalLine(utf8 bytes: UnsafeBufferPointer<UInt8>) -> CanonicalLine {
        let original = Self.scalars(utf8: bytes)
        let safe = safeUnits(original)
        var decisions: [CandidateDecision]? = nil
        let hits = findHits(safe: safe, original: original, decisions: &decisions)
        if let plain = plainHits(original: original, safe: safe, hits: hits) {
            return CanonicalLine(scalars: original, isUnchanged: true, hits: plain)
        }
        return assembleLine(original: original, safe: safe, hits: hits)
    }

    /// The canonical scalars and hits that ``assemble(original:text:safe:hits:)`` builds, walking the
    /// units and hits the same way.
    private func assembleLine(original: [UInt32], safe: [Unit], hits: [Candidate]) -> CanonicalLine {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(safe.count + 8)
        var abuseHits: [AbuseHit] = []
        abuseHits.reserveCapacity(hits.count)
        let rewrite = steps.contains(.lexicon)
        var h = 0
        var index = 0
        while index < safe.count {
            let unit = safe[index]
            if h < hits.count, Int(unit.start) >= hits[h].start || Int(unit.end) > hits[h].start {
                let hit = hits[h]
                let entry = compiled.lexicon.entries[hit.entry]
                // Units covered by the hit (a reassembled syllable may straddle its edge).
                var last = index
                while last < safe.count, Int(safe[last].start) < hit.end { last += 1 }
                if rewrite {
                    for scalar in entry.stem.unicodeScalars { scalars.append(scalar.value) }
                } else {
                    for covered in safe[index..<last] { scalars.append(covered.scalar) }
                }
                let surface = String(String.UnicodeScalarView(original[hit.start..<hit.end].compactMap(Unicode.Scalar.init)))
                abuseHits.append(AbuseHit(start: hit.start, end: hit.end, surface: surface, canonical: entry.canonical,
                                          category: entry.category, severity: entry.severity,
                                          techniques: TechniqueSet(rawValue: hit.techniques).techniques,
                                          score: Double(hit.score) / 100))
                index = last
                h += 1
                continue
            }
            scalars.append(unit.scalar)
            index += 1
        }
        return CanonicalLine(scalars: scalars, isUnchanged: false, hits: abuseHits)
    }
}
