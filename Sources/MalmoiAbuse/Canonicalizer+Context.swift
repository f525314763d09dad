extension Canonicalizer {
    /// The verdict on one candidate.
    struct Judgment {
        var score: Int
        var isDropped: Bool
        var rules: [String]
    }

    /// The analyzer's view of a line, computed at most once and only when a candidate asks for it.
    struct LineAnalysis {
        var nouns: [Range<Int>]
        var unitNouns: [Range<Int>]
    }

    /// Judges a candidate from the original text around it: drops it (innocent word, number, Latin
    /// word, word-level context, inside a longer noun) or scores it (prior, evasion, context cues).
    /// - Parameter explaining: build the rule notes (text); without it only the verdict is computed.
    func judge(_ candidate: Candidate, original: [UInt32], explaining: Bool, analysis: inout LineAnalysis?,
               consult: () -> LineAnalysis?) -> Judgment {
        let pattern = compiled.patterns[candidate.pattern]
        let techniques = TechniqueSet(rawValue: candidate.techniques)
        var notes: [String] = []
        func drop(_ rule: @autoclosure () -> String) -> Judgment {
            Judgment(score: 0, isDropped: true, rules: explaining ? notes + ["drop " + rule()] : [])
        }
        func note(_ text: @autoclosure () -> String) {
            if explaining { notes.append(text()) }
        }
        func lazyAnalysis() -> LineAnalysis? {
            if analysis == nil { analysis = consult() }
            return analysis
        }
        let start = candidate.start
        let end = candidate.end

        // Whole innocent words (proper nouns, loanwords) that contain the candidate.
        for word in compiled.rules.innocentWords where word.count >= end - start {
            let lowest = max(0, end - word.count)
            if lowest <= start {
                for offset in lowest...start where offset + word.count <= original.count {
                    if starts(original, at: offset, with: word) {
                        return drop("innocent word: \(text(word))")
                    }
                }
            }
        }
        // A Hanja gloss right after the word shows the Sino-Korean word: 색기(色氣), 병신년(丙申年).
        var glossAt = end
        while glossAt < original.count, Jamo.isSyllable(original[glossAt]), glossAt - end < 2 { glossAt += 1 }
        if glossAt + 1 < original.count, original[glossAt] == 0x28, (0x4E00...0x9FFF).contains(original[glossAt + 1]) {
            return drop("Hanja gloss: \(text(Array(original[start..<min(original.count, glossAt + 2)])))…")
        }
        // Numbers: a count, a rank, a date or a score, not a digit homophone.
        if techniques.has(.digitHomophone), let reason = numberContext(start, end, original: original, analysis: lazyAnalysis) {
            return drop("number: \(reason)")
        }
        // A bare number between Latin words is English text (I was 18 when …).
        if techniques.has(.digitHomophone), original[tokenStart(of: start, original)..<tokenEnd(of: start, original)].allSatisfy(isASCIIDigit),
           isLatinWord(before: start, original) || isLatinWord(after: end, original) {
            return drop("number: inside Latin text")
        }
        // Latin: a piece of a longer (accented) Latin word, or an uppercase acronym.
        if original[start..<end].contains(where: isASCIILetter) {
            if (start > 0 && isLatinLetter(original[start - 1])) || (end < original.count && isLatinLetter(original[end])) {
                return drop("latin word: part of a longer word")
            }
            if techniques.has(.romanization), isLatinWord(before: start, original) || isLatinWord(after: end, original) {
                return drop("latin word: romanization inside Latin text")
            }
            let latinReading = techniques.has(.romanization) || techniques.has(.keyboard2Set)
            if latinReading, end - start <= compiled.rules.acronymMaximumLength,
               original[start..<end].allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) {
                return drop("latin word: acronym \(text(Array(original[start..<end])))")
            }
        }
        // Word-level vetoes from the lexicon entry.
        if let next = nextWordStart(after: end, original), let word = pattern.notBeforeWord.first(where: { starts(original, at: next, with: $0) }) {
            return drop("not_before_word: \(text(word))")
        }
        if let previous = previousWordEnd(before: start, original), let word = pattern.notAfterWord.first(where: { ends(original, at: previous, with: $0) }) {
            return drop("not_after_word: \(text(word))")
        }
        // The analyzer: a plainly spelled word inside a longer noun (시발점).
        if morphemeFilter != nil, candidate.kind == .stem || candidate.kind == .form,
           compiled.lexicon.entries[candidate.entry].context.morphRejectInsideNoun, let nouns = lazyAnalysis()?.nouns,
           nouns.contains(where: { $0.lowerBound <= start && $0.upperBound >= end && $0.count > end - start }) {
            return drop("inside a longer noun (analyzer)")
        }
        // A spacing join that cuts into the next word (김 씨 발언, 등 신경), not into a particle (새 끼들).
        if techniques.has(.spacing), techniques.rawValue & ~(EvasionTechnique.phoneticRespelling.bit | EvasionTechnique.spacing.bit) == 0,
           end < original.count, Jamo.isSyllable(original[end]),
           !compiled.rules.attachedSuffixes.contains(where: { starts(original, at: end, with: $0) }) {
            return drop("spacing join cuts into a word: \(text(Array(original[start..<tokenEnd(of: end, original)])))")
        }
        // Plain: spelled as written, or joined across spaces. Only a plain spelling can carry an innocent
        // sense; a word split into separate syllables (새 끼 들) was split on purpose.
        let isPlain = techniques.rawValue & ~EvasionTechnique.phoneticRespelling.bit == 0
        // The analyzer: a plain word whose end starts a longer noun (씨바둑이, 씨 발언).
        if morphemeFilter != nil, techniques.rawValue & ~(EvasionTechnique.phoneticRespelling.bit | EvasionTechnique.spacing.bit) == 0, end < original.count, Jamo.isSyllable(original[end]),
           candidate.kind == .stem || candidate.kind == .form, let nouns = lazyAnalysis()?.nouns,
           nouns.contains(where: { $0.lowerBound > start && $0.lowerBound < end && $0.upperBound > end }) {
            return drop("cuts into a longer noun (analyzer)")
        }

        // The score.
        let stem = compiled.lexicon.entries[candidate.entry].stem
        var score: Int
        if pattern.needsContext && isPlain {
            score = compiled.rules.ambiguousPrior
            note("prior \(score): \(text(Array(original[start..<end]))) has an innocent sense")
        } else if techniques.has(.romanization), stem.unicodeScalars.count < compiled.rules.romanizationMinimumSyllables {
            score = compiled.rules.ambiguousPrior
            note("prior \(score): a one-syllable romanization")
        } else {
            score = compiled.rules.plainPrior
            note("prior \(score)")
        }
        var evasion = 0
        var names: [String] = []
        var bits = candidate.techniques
        while bits != 0 {
            // Bit order is taxonomy order, as in ``TechniqueSet/techniques``; no array per candidate.
            let index = bits.trailingZeroBitCount
            bits &= bits - 1
            guard index < compiled.techniqueWeights.count else { continue }
            let weight = compiled.techniqueWeights[index]
            if weight != 0 {
                evasion += weight
                if explaining { names.append(EvasionTechnique.ordered[index].rawValue) }
            }
        }
        evasion = min(evasion, compiled.rules.maximumEvasionBonus)
        if evasion != 0 {
            score += evasion
            note("\(signed(evasion)) evasion: \(names.joined(separator: ", "))")
        }
        let wordStart = tokenStart(of: start, original)
        if isPlain, wordStart < start, Jamo.isSyllable(original[start - 1]),
           !compiled.rules.attachedPrefixes.contains(where: { equals(original, wordStart, start, $0) }) {
            score -= compiled.rules.insideWordPenalty
            note("-\(compiled.rules.insideWordPenalty) end of a longer word: \(text(Array(original[wordStart..<end])))")
        }
        // The word after the candidate, found once for the word lists below.
        let following = nextWordStart(after: end, original)
        let innocent = pattern.innocentBefore.first(where: { startsHere(original, end, following, $0) })
        if let word = innocent {
            score -= compiled.rules.innocentPenalty
            note("-\(compiled.rules.innocentPenalty) innocent sense before: \(text(word))")
        }
        // Words elsewhere in the line that show the innocent sense count for the standard spelling only.
        if candidate.kind == .stem, techniques.rawValue == 0, !pattern.innocentInLine.isEmpty,
           let word = pattern.innocentInLine.first(where: { occurs($0, in: original) }) {
            score -= compiled.rules.innocentPenalty
            note("-\(compiled.rules.innocentPenalty) innocent sense in the line: \(text(word))")
        }
        if let word = target(before: start, wordStart: wordStart, original, compiled.rules.targetWords, compiled.rules.secondPersonWords) {
            score += compiled.rules.targetBonus
            note("+\(compiled.rules.targetBonus) target before: \(text(word))")
        }
        if innocent == nil, let word = compiled.rules.constructionAfter.first(where: { startsHere(original, end, following, $0) }) {
            score += compiled.rules.constructionBonus
            note("+\(compiled.rules.constructionBonus) insulting construction: \(text(word))")
        }
        return Judgment(score: max(0, min(100, score)), isDropped: false, rules: notes)
    }

    /// Why the digits of a candidate are a number, or nil.
    func numberContext(_ start: Int, _ end: Int, original: [UInt32], analysis: () -> LineAnalysis?) -> String? {
        guard let digit = (start..<end).first(where: { isASCIIDigit(original[$0]) }) else { return nil }
        var runStart = digit
        while runStart > 0, isASCIIDigit(original[runStart - 1]) { runStart -= 1 }
        var runEnd = digit
        while runEnd < original.count, isASCIIDigit(original[runEnd]) { runEnd += 1 }
        // A separator between two numbers, with or without a space on each side.
        var left = runStart - 1
        if left >= 0, original[left] == 0x20 { left -= 1 }
        if left >= 1, compiled.rules.numberSeparators.contains(original[left]) {
            var digit = left - 1
            if digit >= 0, original[digit] == 0x20, original[runStart - 1] == 0x20 { digit -= 1 }
            if digit >= 0, isASCIIDigit(original[digit]) { return "joined to a number by \(text([original[left]]))" }
        }
        var right = runEnd
        if right < original.count, original[right] == 0x20 { right += 1 }
        if right + 1 < original.count, compiled.rules.numberSeparators.contains(original[right]) {
            var digit = right + 1
            if digit < original.count, original[digit] == 0x20, original[runEnd] == 0x20 { digit += 1 }
            if digit < original.count, isASCIIDigit(original[digit]) { return "joined to a number by \(text([original[right]]))" }
        }
        // A label mark: alone (#18) or after a name of two letters or more (리뷰-10), not after one
        // syllable (아-18 is an interjection and a homophone).
        if runStart >= 1, compiled.rules.numberLabelMarks.contains(original[runStart - 1]) {
            let name = runStart - 1 - tokenStart(of: runStart - 1, original)
            if name == 0 || name >= 2 { return "label after \(text([original[runStart - 1]]))" }
        }
        if runStart >= 1, runEnd < original.count, original[runStart - 1] == 0x28 || original[runStart - 1] == 0x5B,
           original[runEnd] == 0x29 || original[runEnd] == 0x5D {
            return "in brackets"
        }
        var before = runStart
        if before > 0, original[before - 1] == 0x20 { before -= 1 }
        for prefix in compiled.rules.numberPrefixes where before >= prefix.count {
            let from = before - prefix.count
            guard original[from..<before].lazy.map(lowerASCII).elementsEqual(prefix) else { continue }
            if from == 0 || !(isASCIILetter(original[from - 1]) && isASCIILetter(prefix[0])) {
                return "rank or label after \(text(prefix))"
            }
        }
        var after = runEnd
        if after < original.count, original[after] == 0x20 { after += 1 }
        if after < original.count {
            var found: [UInt32]? = nil
            _ = compiled.counterIndex.first(startingWith: lowerASCII(original[after])) { index in
                let counter = compiled.counterIndex.words[index]
                if startsLower(original, after, counter) { found = counter; return true }
                return false
            }
            if let counter = found { return "counter \(text(counter))" }
        } else {
            for counter in compiled.counters where startsLower(original, after, counter) {
                return "counter \(text(counter))"
            }
        }
        for particle in compiled.rules.numberParticles where starts(original, at: runEnd, with: particle) {
            return "particle \(text(particle)) after it"
        }
        if !compiled.rules.numberAbusiveContinuations.isEmpty, end == runEnd, runEnd < original.count, Jamo.isSyllable(original[runEnd]),
           !compiled.rules.numberAbusiveContinuations.contains(where: { starts(original, at: runEnd, with: $0) }) {
            return "a word glued after it: \(text(Array(original[runEnd..<tokenEnd(of: runEnd, original)])))"
        }
        if morphemeFilter != nil, after < original.count, let units = analysis()?.unitNouns,
           units.contains(where: { $0.lowerBound == after }) {
            return "unit noun after it (analyzer)"
        }
        return nil
    }

    // MARK: - Text helpers over the original scalars

    private func text(_ scalars: [UInt32]) -> String {
        String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
    }

    private func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }

    /// A Latin letter outside ASCII (é, è, ß …) or an ASCII letter.
    private func isLatinLetter(_ s: UInt32) -> Bool {
        isASCIILetter(s) || (s >= 0xC0 && s <= 0x24F && s != 0xD7 && s != 0xF7)
    }

    /// Whether the word before `start` (across spaces) ends in a Latin letter.
    private func isLatinWord(before start: Int, _ original: [UInt32]) -> Bool {
        var k = start
        guard k > 0, isSpaceScalar(original[k - 1]) else { return false }
        while k > 0, isSpaceScalar(original[k - 1]) { k -= 1 }
        return k > 0 && isLatinLetter(original[k - 1])
    }

    /// Whether the word after `end` (across spaces) starts with a Latin letter.
    private func isLatinWord(after end: Int, _ original: [UInt32]) -> Bool {
        var k = end
        guard k < original.count, isSpaceScalar(original[k]) else { return false }
        while k < original.count, isSpaceScalar(original[k]) { k += 1 }
        return k < original.count && isLatinLetter(original[k])
    }

    private func tokenStart(of index: Int, _ original: [UInt32]) -> Int {
        var k = index
        while k > 0, !isSpaceScalar(original[k - 1]) { k -= 1 }
        return k
    }

    private func tokenEnd(of index: Int, _ original: [UInt32]) -> Int {
        var k = index
        while k < original.count, !isSpaceScalar(original[k]) { k += 1 }
        return k
    }

    /// The start of the next word when the candidate ends its word (one space after it).
    private func nextWordStart(after end: Int, _ original: [UInt32]) -> Int? {
        guard end < original.count, isSpaceScalar(original[end]) else { return nil }
        return end + 1 < original.count && !isSpaceScalar(original[end + 1]) ? end + 1 : nil
    }

    /// The end of the previous word when the candidate starts its word (one space before it).
    private func previousWordEnd(before start: Int, _ original: [UInt32]) -> Int? {
        guard start > 0, isSpaceScalar(original[start - 1]) else { return nil }
        return start >= 2 && !isSpaceScalar(original[start - 2]) ? start - 1 : nil
    }

    // Plain loops over the scalars (no slices, no iterators): these run for every candidate.

    private func starts(_ original: [UInt32], at position: Int, with word: [UInt32]) -> Bool {
        guard position + word.count <= original.count else { return false }
        for offset in 0..<word.count where original[position + offset] != word[offset] { return false }
        return true
    }

    /// Whether `word` occurs anywhere in `original` (an empty word occurs everywhere).
    private func occurs(_ word: [UInt32], in original: [UInt32]) -> Bool {
        guard word.count <= original.count else { return false }
        guard let first = word.first else { return true }
        // Measured hot: every plainly spelled candidate scans the whole line once per word.
        return original.withUnsafeBufferPointer { text in
            word.withUnsafeBufferPointer { word in
                let last = text.count - word.count
                var position = 0
                while position <= last {
                    if text[position] == first {
                        var offset = 1
                        while offset < word.count && text[position + offset] == word[offset] { offset += 1 }
                        if offset == word.count { return true }
                    }
                    position += 1
                }
                return false
            }
        }
    }

    private func startsLower(_ original: [UInt32], _ position: Int, _ word: [UInt32]) -> Bool {
        guard position + word.count <= original.count else { return false }
        for offset in 0..<word.count where lowerASCII(original[position + offset]) != word[offset] { return false }
        return true
    }

    private func ends(_ original: [UInt32], at position: Int, with word: [UInt32]) -> Bool {
        position >= word.count && starts(original, at: position - word.count, with: word)
    }

    /// Whether `original[start..<end]` is exactly `word`.
    private func equals(_ original: [UInt32], _ start: Int, _ end: Int, _ word: [UInt32]) -> Bool {
        word.count == end - start && starts(original, at: start, with: word)
    }

    /// Whether `word` follows the candidate directly or starts the next word (`following`, which is
    /// `nextWordStart(after: end, original)`).
    private func startsHere(_ original: [UInt32], _ end: Int, _ following: Int?, _ word: [UInt32]) -> Bool {
        if starts(original, at: end, with: word) { return true }
        if let next = following { return starts(original, at: next, with: word) }
        return false
    }

    /// A target word attached before the candidate (이새끼) or the word before it, or a second-person
    /// word up to two words before it.
    private func target(before start: Int, wordStart: Int, _ original: [UInt32], _ targets: [[UInt32]], _ secondPerson: [[UInt32]]) -> [UInt32]? {
        if wordStart < start {
            return targets.first { equals(original, wordStart, start, $0) }
        }
        var end = start
        for distance in 0..<2 {
            while end > 0, isSpaceScalar(original[end - 1]) { end -= 1 }
            guard end > 0 else { return nil }
            let begin = tokenStart(of: end, original)
            var wordEnd = end
            // Trailing punctuation does not hide the word (너, 이 새끼).
            while wordEnd > begin, !Jamo.isHangul(original[wordEnd - 1]) && !isASCIILetter(original[wordEnd - 1]) { wordEnd -= 1 }
            if distance == 0, let target = targets.first(where: { equals(original, begin, wordEnd, $0) }) { return target }
            if let target = secondPerson.first(where: { equals(original, begin, wordEnd, $0) }) { return target }
            end = begin
        }
        return nil
    }
}
