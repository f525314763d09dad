extension Canonicalizer {
    /// A hit before it is turned into an ``AbuseHit``.
    struct Candidate {
        var start: Int
        var end: Int
        var entry: Int
        var kind: CompiledLexicon.Kind
        var techniques: UInt32
        /// The pattern that matched (index into ``CompiledLexicon/patterns``).
        var pattern: Int
        /// The score in points, set by ``judge(_:original:analysis:consult:)``.
        var score = 0
    }

    /// Finds the lexicon hits of a line: matches in every view, filtered by context, then the
    /// longest non-overlapping ones.
    func findHits(safe: [Unit], original: [UInt32], decisions: inout [CandidateDecision]?) -> [Candidate] {
        var candidates: [Candidate] = []
        var needsSubstitution = false
        var hasLatinRun = false
        var hasHangul = false
        // Decide which views the line needs: the substitution view only when something in it can be read
        // (a short number not followed by a counter, a Latin letter, a placeholder or look-alike touching
        // Hangul, an emoji or Hanja with a reading).
        var index = 0
        while index < safe.count {
            let s = safe[index].scalar
            if Jamo.isHangul(s) { hasHangul = true; index += 1; continue }
            if isASCIILetter(s) {
                hasLatinRun = true
                needsSubstitution = true
            } else if isASCIIDigit(s) {
                var end = index
                while end < safe.count, isASCIIDigit(safe[end].scalar) { end += 1 }
                if !needsSubstitution && end - index <= 2 && !startsWithCounter(safe, at: end) { needsSubstitution = true }
                index = end
                continue
            } else if !needsSubstitution && !isSpaceScalar(s) {
                let previous = index > 0 ? safe[index - 1].scalar : 0
                let next = index + 1 < safe.count ? safe[index + 1].scalar : 0
                let touchesHangul = Jamo.isHangul(previous) || Jamo.isHangul(next)
                if let jamo = compiled.lexicon.lookalikes[s] {
                    if jamo == 0x3163 ? Jamo.isCompatConsonant(previous) : touchesHangul { needsSubstitution = true }
                } else if compiled.lexicon.placeholders.contains(s) {
                    if touchesHangul { needsSubstitution = true }
                } else if s >= 0x2E80 && compiled.hasReading(s) {
                    needsSubstitution = true
                }
            }
            index += 1
        }
        guard !safe.isEmpty else { return [] }
        _ = hasHangul
        // Only the removal view would be built: a line of plain syllables may be ruled out at once.
        if !needsSubstitution && !hasLatinRun, let prefilter = compiled.prefilter, prefilter.rulesOut(safe) { return [] }
        let first = buildView(safe, mode: .removal)
        collectMatches(in: first, original: original, into: &candidates)
        if needsSubstitution && (steps.contains(.substitution) || steps.contains(.keyboard)) {
            collectMatches(in: buildView(safe, mode: .substitution(romanize: false)), original: original, into: &candidates)
        }
        if hasLatinRun && steps.contains(.romanization) {
            collectMatches(in: buildView(safe, mode: .substitution(romanize: true)), original: original, into: &candidates)
        }
        guard !candidates.isEmpty else { return [] }
        candidates.sort { a, b in
            if a.start != b.start { return a.start < b.start }
            if a.end != b.end { return a.end > b.end }
            if a.kind != b.kind { return a.kind < b.kind }
            return a.techniques.nonzeroBitCount < b.techniques.nonzeroBitCount
        }
        // Judge every distinct candidate from its context, then keep the longest non-overlapping ones
        // that were not dropped; another reported hit in the line strengthens the rest.
        var analysis: LineAnalysis? = nil
        func consult() -> LineAnalysis? {
            guard let filter = morphemeFilter else { return nil }
            let text = String(String.UnicodeScalarView(original.compactMap(Unicode.Scalar.init)))
            let spans = filter.morphemeSpans(in: text)
            return LineAnalysis(nouns: spans.nouns, unitNouns: spans.unitNouns)
        }
        let threshold = minimumScore ?? compiled.rules.minimumScore
        let explaining = decisions != nil
        var chosen: [Candidate] = []
        var chosenRules: [[String]] = []
        var frontier = 0
        var previous: Candidate? = nil
        for var candidate in candidates where candidate.start >= frontier {
            if let last = previous, last.start == candidate.start, last.end == candidate.end, last.entry == candidate.entry {
                continue
            }
            previous = candidate
            let judgment = judge(candidate, original: original, explaining: explaining, analysis: &analysis, consult: consult)
            if judgment.isDropped {
                if explaining { decisions!.append(decision(candidate, original: original, judgment.rules, reported: false)) }
                continue
            }
            candidate.score = judgment.score
            chosen.append(candidate)
            if explaining { chosenRules.append(judgment.rules) }
            frontier = candidate.end
        }
        if chosen.count > 1 {
            let bonus = compiled.rules.otherAbuseBonus
            let strong = chosen.indices.filter { chosen[$0].score >= threshold }
            for index in chosen.indices where strong.contains(where: { chosen[$0].entry != chosen[index].entry }) {
                chosen[index].score = min(100, chosen[index].score + bonus)
                if explaining { chosenRules[index].append("+\(bonus) other abuse in the line") }
            }
        }
        if explaining {
            for (candidate, notes) in zip(chosen, chosenRules) {
                let verdict = candidate.score >= threshold ? "kept: \(candidate.score) >= min_score \(threshold)" : "dropped: \(candidate.score) < min_score \(threshold)"
                decisions!.append(decision(candidate, original: original, notes + [verdict], reported: candidate.score >= threshold))
            }
            decisions!.sort { $0.start < $1.start }
        }
        if chosen.allSatisfy({ $0.score >= threshold }) { return chosen }
        return chosen.filter { $0.score >= threshold }
    }

    private func decision(_ candidate: Candidate, original: [UInt32], _ rules: [String], reported: Bool) -> CandidateDecision {
        CandidateDecision(start: candidate.start, end: candidate.end,
                          surface: String(String.UnicodeScalarView(original[candidate.start..<candidate.end].compactMap(Unicode.Scalar.init))),
                          canonical: compiled.lexicon.entries[candidate.entry].canonical,
                          score: candidate.score, isReported: reported, rules: rules)
    }

    private func collectMatches(in view: [Unit], original: [UInt32], into candidates: inout [Candidate]) {
        guard !view.isEmpty else { return }
        var raw: [(id: Int, i: Int, j: Int)] = []
        view.withUnsafeBufferPointer { units in
            compiled.automaton.forEachMatch(count: units.count, scalarAt: { units[$0].scalar }) { id, i, j in raw.append((id, i, j)) }
        }
        guard !raw.isEmpty else { return }
        // Consonant letters explained by some abbreviation (ㅂㅅㅅㄲ is two abbreviations in a row).
        // Empty (never allocated) when no abbreviation matched: every letter is then unexplained.
        var abbreviated: [Bool] = []
        for match in raw where compiled.patterns[match.id].kind == .choseong || compiled.patterns[match.id].kind == .partial {
            if abbreviated.isEmpty { abbreviated = [Bool](repeating: false, count: view.count) }
            for k in match.i..<match.j { abbreviated[k] = true }
        }
        for (id, i, j) in raw {
            let pattern = compiled.patterns[id]
            guard accepts(pattern, view: view, i, j, abbreviated: abbreviated) else { continue }
            var techniques = pattern.techniques.rawValue | view[i].own
            for k in (i + 1)..<j { techniques |= view[k].own | view[k].gap }
            candidates.append(Candidate(start: Int(view[i].start), end: Int(view[j - 1].end), entry: pattern.entry,
                                        kind: pattern.kind, techniques: techniques, pattern: id))
        }
    }

    /// Whether a match of `pattern` at `view[i..<j]` passes the context rules.
    private func accepts(_ pattern: CompiledLexicon.Pattern, view: [Unit], _ i: Int, _ j: Int, abbreviated: [Bool]) -> Bool {
        let context = pattern.context
        var hasDigit = false
        var allDigitsAttached = true
        var hasSoftGapInside = false
        for k in i..<j {
            if view[k].has(Unit.digit) {
                hasDigit = true
                if !view[k].has(Unit.attached) { allDigitsAttached = false }
            }
            if k > i && view[k].has(Unit.softGap) { hasSoftGapInside = true }
        }
        if context.digitOnly && !hasDigit { return false }
        if context.attached && hasDigit && !allDigitsAttached { return false }
        // A digit-derived match must not cut a number out of a longer token of digits-and-units.
        if hasDigit {
            if i > 0, !view[i].has(Unit.softGap), view[i - 1].has(Unit.digit) { return false }
            if j < view.count, view[j].has(Unit.digit) { return false }
        }
        if pattern.isLatin {
            if i > 0, isASCIILetter(view[i - 1].scalar) || isASCIIDigit(view[i - 1].scalar) { return false }
            if j < view.count, isASCIILetter(view[j].scalar) || isASCIIDigit(view[j].scalar) { return false }
        }
        // Spacing joins count from the start of a word, or up to the end of the joined word (이새 끼).
        if hasSoftGapInside && !view[i].has(Unit.tokenStart) {
            if j < view.count, !view[j].has(Unit.softGap), Jamo.isHangul(view[j].scalar) { return false }
        }
        // Counters after a spelled-out number: 십팔 세. (Digits are judged later, with the reason shown.)
        if context.counters || hasDigit {
            var k = j
            if k < view.count, view[k].scalar == 0x20 { k += 1 }
            if k < view.count {
                let s = view[k].scalar
                if isASCIIDigit(s) || s == 0x25 || (k == j && isASCIILetter(s)) { return false }
                if !hasDigit && startsWithCounter(view, at: k) { return false }
            }
        }
        if !pattern.notBefore.isEmpty, j < view.count {
            if startsWithAny(view, at: j, pattern.notBefore) { return false }
            if context.nextWord, view[j].scalar == 0x20, j + 1 < view.count, startsWithAny(view, at: j + 1, pattern.notBefore) { return false }
        }
        if !pattern.notAfter.isEmpty, i > 0, !view[i].has(Unit.softGap) {
            if endsWithAny(view, at: i, pattern.notAfter) { return false }
            if context.nextWord, view[i - 1].scalar == 0x20, endsWithAny(view, at: i - 1, pattern.notAfter) { return false }
        }
        if context.standalone {
            let first = view[i].scalar
            if i > 0, !view[i].has(Unit.softGap) {
                let p = view[i - 1].scalar
                if isWordScalar(p) && p != first { return false }
            }
            if j < view.count, !view[j].has(Unit.softGap) {
                let n = view[j].scalar
                if isWordScalar(n) && n != view[j - 1].scalar { return false }
            }
        }
        // Abbreviations must not be cut out of a longer run of letters (ㅅㅍㄷㅈ): every letter of the
        // run must be another abbreviation, laughter (ㅋ, ㅎ, ㄷㄷ), a leading ㅇ (이) or a trailing ㄱ/ㄴ.
        if Jamo.isCompatConsonant(view[i].scalar) {
            var k = i - 1
            var boundary = view[i].has(Unit.softGap)
            while !boundary, k >= 0, Jamo.isCompatJamo(view[k].scalar) {
                let s = view[k].scalar
                let runStart = k == 0 || !Jamo.isCompatJamo(view[k - 1].scalar) || view[k].has(Unit.softGap)
                if !((!abbreviated.isEmpty && abbreviated[k]) || isLaughter(view, k) || (s == 0x3147 && runStart)) { return false }
                boundary = view[k].has(Unit.softGap)
                k -= 1
            }
        }
        if Jamo.isCompatConsonant(view[j - 1].scalar) {
            var k = j
            while k < view.count, !view[k].has(Unit.softGap), Jamo.isCompatJamo(view[k].scalar) {
                let s = view[k].scalar
                let runEnd = k + 1 == view.count || !Jamo.isCompatJamo(view[k + 1].scalar) || view[k + 1].has(Unit.softGap)
                if !((!abbreviated.isEmpty && abbreviated[k]) || isLaughter(view, k) || ((s == 0x3131 || s == 0x3134) && runEnd)) { return false }
                k += 1
            }
        }
        if pattern.maskCount * 2 > pattern.length { return false }
        return true
    }

    /// Whether `view[k]` is laughter or emotion: ㅋ ㅎ ㅠ ㅜ ㅡ, or ㄷ next to another ㄷ.
    private func isLaughter(_ view: [Unit], _ k: Int) -> Bool {
        let s = view[k].scalar
        if s == 0x3137 {
            return (k > 0 && view[k - 1].scalar == s) || (k + 1 < view.count && view[k + 1].scalar == s)
        }
        return compiled.lexicon.laughterJamo.contains(s)
    }

    private func isWordScalar(_ s: UInt32) -> Bool {
        Jamo.isHangul(s) || isASCIILetter(s) || isASCIIDigit(s) || s == CompiledLexicon.mask
    }

    /// Whether a counter word starts at `view[position]` (``startsWithAny(_:at:_:)`` over the counters,
    /// looking only at those that begin with the scalar found there).
    private func startsWithCounter(_ view: [Unit], at position: Int) -> Bool {
        guard position >= 0 && position < view.count else { return startsWithAny(view, at: position, compiled.counters) }
        let counters = compiled.counterIndex
        return counters.first(startingWith: view[position].scalar) { index in
            let word = counters.words[index]
            guard position + word.count <= view.count else { return false }
            for offset in 0..<word.count where view[position + offset].scalar != word[offset] { return false }
            return true
        }
    }

    private func startsWithAny(_ view: [Unit], at position: Int, _ words: [[UInt32]]) -> Bool {
        for word in words where position + word.count <= view.count {
            var matches = true
            for (offset, scalar) in word.enumerated() where view[position + offset].scalar != scalar {
                matches = false
                break
            }
            if matches { return true }
        }
        return false
    }

    private func endsWithAny(_ view: [Unit], at position: Int, _ words: [[UInt32]]) -> Bool {
        for scalars in words {
            guard position - scalars.count >= 0 else { continue }
            var matches = true
            for (offset, scalar) in scalars.enumerated() {
                let unit = view[position - scalars.count + offset]
                if unit.scalar != scalar || (offset > 0 && unit.has(Unit.softGap)) { matches = false; break }
            }
            if matches { return true }
        }
        return false
    }

    // MARK: - Assembly

    /// The hits when nothing changed but plainly spelled words (or nothing at all), so that the text is
    /// its own canonical form; `nil` otherwise.
    func plainHits(original: [UInt32], safe: [Unit], hits: [Candidate]) -> [AbuseHit]? {
        guard safe.count == original.count && safe.allSatisfy({ $0.own == 0 && $0.end - $0.start == 1 }) else { return nil }
        var plainHits: [AbuseHit] = []
        plainHits.reserveCapacity(hits.count)
        for hit in hits {
            let entry = compiled.lexicon.entries[hit.entry]
            guard hit.techniques == 0, entry.stem.unicodeScalars.elementsEqual(original[hit.start..<hit.end], by: { $0.value == $1 }) else {
                return nil
            }
            plainHits.append(AbuseHit(start: hit.start, end: hit.end, surface: entry.stem, canonical: entry.canonical,
                                      category: entry.category, severity: entry.severity, techniques: [],
                                      score: Double(hit.score) / 100))
        }
        return plainHits
    }

    /// Builds the canonical text, its source map and the transformation list.
    func assemble(original: [UInt32], text: String, safe: [Unit], hits: [Candidate]) -> Canonicalization {
        if let plain = plainHits(original: original, safe: safe, hits: hits) {
            return Canonicalization(original: text, text: text, storedRanges: nil, transformations: [], hits: plain)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(original.count * 3)
        func emit(_ scalar: UInt32) {
            if scalar < 0x80 {
                bytes.append(UInt8(scalar))
            } else if scalar < 0x800 {
                bytes.append(UInt8(0xC0 | (scalar >> 6)))
                bytes.append(UInt8(0x80 | (scalar & 0x3F)))
            } else if scalar < 0x10000 {
                bytes.append(UInt8(0xE0 | (scalar >> 12)))
                bytes.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                bytes.append(UInt8(0xF0 | (scalar >> 18)))
                bytes.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
                bytes.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
        var sources: [Range<Int>] = []
        var transformations: [Transformation] = []
        var abuseHits: [AbuseHit] = []
        sources.reserveCapacity(safe.count)
        func originalText(_ range: Range<Int>) -> String {
            String(String.UnicodeScalarView(original[range].compactMap(Unicode.Scalar.init)))
        }
        let rewrite = steps.contains(.lexicon)
        var h = 0
        var index = 0
        var previousEnd = 0
        while index < safe.count {
            let unit = safe[index]
            if h < hits.count, Int(unit.start) >= hits[h].start || Int(unit.end) > hits[h].start {
                let hit = hits[h]
                let entry = compiled.lexicon.entries[hit.entry]
                let canonicalStart = sources.count
                // Units covered by the hit (a reassembled syllable may straddle its edge).
                var last = index
                while last < safe.count, Int(safe[last].start) < hit.end { last += 1 }
                let coveredEnd = max(hit.end, Int(safe[last - 1].end))
                let coveredStart = min(hit.start, Int(unit.start))
                var replacementScalars = String.UnicodeScalarView()
                if rewrite {
                    for scalar in entry.stem.unicodeScalars {
                        emit(scalar.value)
                        replacementScalars.append(scalar)
                        sources.append(coveredStart..<coveredEnd)
                    }
                } else {
                    for covered in safe[index..<last] {
                        emit(covered.scalar)
                        replacementScalars.append(Unicode.Scalar(covered.scalar)!)
                        sources.append(Int(covered.start)..<Int(covered.end))
                    }
                }
                let techniques = TechniqueSet(rawValue: hit.techniques).techniques
                let replacement = String(replacementScalars)
                for technique in techniques {
                    transformations.append(Transformation(technique: technique, originalRange: coveredStart..<coveredEnd,
                                                          canonicalRange: canonicalStart..<sources.count,
                                                          original: originalText(coveredStart..<coveredEnd), replacement: replacement))
                }
                abuseHits.append(AbuseHit(start: hit.start, end: hit.end, surface: originalText(hit.start..<hit.end),
                                          canonical: entry.canonical, category: entry.category, severity: entry.severity,
                                          techniques: techniques, score: Double(hit.score) / 100))
                previousEnd = coveredEnd
                index = last
                h += 1
                continue
            }
            if Int(unit.start) > previousEnd {
                // Removed invisible characters.
                transformations.append(Transformation(technique: .invisibleOrWidth, originalRange: previousEnd..<Int(unit.start),
                                                      canonicalRange: sources.count..<sources.count,
                                                      original: originalText(previousEnd..<Int(unit.start)), replacement: ""))
            }
            emit(unit.scalar)
            sources.append(Int(unit.start)..<Int(unit.end))
            if unit.own != 0 || unit.end - unit.start > 1 {
                let technique = TechniqueSet(rawValue: unit.own).techniques.first
                let range = Int(unit.start)..<Int(unit.end)
                if let last = transformations.last, last.technique == technique, last.originalRange.upperBound == range.lowerBound,
                   last.canonicalRange.upperBound == sources.count - 1, technique != nil {
                    transformations[transformations.count - 1].originalRange = last.originalRange.lowerBound..<range.upperBound
                    transformations[transformations.count - 1].canonicalRange = last.canonicalRange.lowerBound..<sources.count
                    transformations[transformations.count - 1].original = originalText(last.originalRange.lowerBound..<range.upperBound)
                    transformations[transformations.count - 1].replacement += String(Unicode.Scalar(unit.scalar)!)
                } else {
                    transformations.append(Transformation(technique: technique, originalRange: range,
                                                          canonicalRange: (sources.count - 1)..<sources.count,
                                                          original: originalText(range), replacement: String(Unicode.Scalar(unit.scalar)!)))
                }
            }
            previousEnd = Int(unit.end)
            index += 1
        }
        if previousEnd < original.count {
            transformations.append(Transformation(technique: .invisibleOrWidth, originalRange: previousEnd..<original.count,
                                                  canonicalRange: sources.count..<sources.count,
                                                  original: originalText(previousEnd..<original.count), replacement: ""))
        }
        return Canonicalization(original: text, text: String(decoding: bytes, as: UTF8.self), storedRanges: sources,
                                transformations: transformations, hits: abuseHits)
    }
}
