extension Canonicalizer {
    /// How a view reads characters that are not Hangul.
    enum ViewMode {
        /// Drop insertions between Hangul of one word.
        case removal
        /// Read digits, placeholders, look-alikes, Latin letters, emoji and Hanja; Latin runs by the
        /// 2-set keyboard or by romanization.
        case substitution(romanize: Bool)
    }

    /// Builds one view of the line from its safe units.
    func buildView(_ safe: [Unit], mode: ViewMode) -> [Unit] {
        var view: [Unit] = []
        view.reserveCapacity(safe.count + 4)
        let substitute: Bool
        let romanize: Bool
        switch mode {
        case .removal: substitute = false; romanize = false
        case .substitution(let r): substitute = steps.contains(.substitution) || (r && steps.contains(.romanization)); romanize = r
        }
        let allowSubstitution = steps.contains(.substitution)
        let insertionBit = EvasionTechnique.insertion.bit
        var tokenOut: [Unit] = []
        var previousJoinable = false
        var hasVowelJamo = false
        var hasEchoCandidate = false
        var spaceStart = 0
        var spaceEnd = 0
        var index = 0
        func flushToken() {
            guard !tokenOut.isEmpty else { return }
            tokenOut[0].flags |= Unit.tokenStart
            let joinable = (tokenOut.count == 1 && Jamo.isHangul(tokenOut[0].scalar))
                || (tokenOut.count <= 3 && tokenOut.allSatisfy { Jamo.isCompatJamo($0.scalar) })
            var previousScalar: UInt32 = 0
            for unit in tokenOut {
                let s = unit.scalar
                if Jamo.isCompatVowel(s) { hasVowelJamo = true }
                if Jamo.isSyllable(s) && Jamo.isSyllable(previousScalar) && (s - Jamo.syllableBase) / 588 == 11 {
                    let p = Jamo.split(previousScalar)
                    if p.final == 0 && Self.echo(p.medial) == Jamo.split(s).medial { hasEchoCandidate = true }
                }
                previousScalar = s
            }
            if !view.isEmpty {
                if steps.contains(.spacing), Jamo.isHangul(view[view.count - 1].scalar), Jamo.isHangul(tokenOut[0].scalar),
                   previousJoinable || joinable {
                    tokenOut[0].flags |= Unit.softGap | Unit.tentative
                    tokenOut[0].gap |= EvasionTechnique.spacing.bit
                } else {
                    view.append(Unit(0x20, spaceStart, spaceEnd))
                }
            }
            view.append(contentsOf: tokenOut)
            previousJoinable = joinable
            tokenOut.removeAll(keepingCapacity: true)
        }
        while index < safe.count {
            if isSpaceScalar(safe[index].scalar) {
                spaceStart = Int(safe[index].start)
                while index < safe.count, isSpaceScalar(safe[index].scalar) { spaceEnd = Int(safe[index].end); index += 1 }
                continue
            }
            var tokenEnd = index
            var allSyllables = true
            while tokenEnd < safe.count, !isSpaceScalar(safe[tokenEnd].scalar) {
                if !Jamo.isSyllable(safe[tokenEnd].scalar) { allSyllables = false }
                tokenEnd += 1
            }
            if allSyllables {
                // Fast path: a word of plain syllables goes straight into the view.
                let joinable = tokenEnd - index == 1
                var first = safe[index]
                first.flags |= Unit.tokenStart
                if !view.isEmpty {
                    if steps.contains(.spacing), Jamo.isHangul(view[view.count - 1].scalar), previousJoinable || joinable {
                        first.flags |= Unit.softGap | Unit.tentative
                        first.gap |= EvasionTechnique.spacing.bit
                    } else {
                        view.append(Unit(0x20, spaceStart, spaceEnd))
                    }
                }
                view.append(first)
                if !hasEchoCandidate {
                    var previousScalar = first.scalar
                    for k in (index + 1)..<tokenEnd {
                        let s = safe[k].scalar
                        if (s - Jamo.syllableBase) / 588 == 11 {
                            let p = Jamo.split(previousScalar)
                            if p.final == 0 && Self.echo(p.medial) == Jamo.split(s).medial { hasEchoCandidate = true; break }
                        }
                        previousScalar = s
                    }
                }
                // The rest of the word is copied whole.
                // (One append per unit: words are short, and a slice append costs more than a few of them.)
                for k in (index + 1)..<max(index + 1, tokenEnd) { view.append(safe[k]) }
                previousJoinable = joinable
                index = tokenEnd
                continue
            }
            if tokenOut.capacity < tokenEnd - index { tokenOut.reserveCapacity(max(32, 2 * (tokenEnd - index))) }
            processToken(safe, index, tokenEnd, substitute: substitute, allowSubstitution: allowSubstitution,
                         romanize: romanize, insertionBit: insertionBit, into: &tokenOut)
            flushToken()
            index = tokenEnd
        }
        if hasEchoCandidate && steps.contains(.elongation) { collapseElongation(&view) }
        if hasVowelJamo && steps.contains(.jamo) { view = reassembleJamo(view, insideTokensOnly: false) }
        return view
    }

    // swiftlint:disable:next function_parameter_count
    private func processToken(_ safe: [Unit], _ start: Int, _ end: Int, substitute: Bool, allowSubstitution: Bool,
                              romanize: Bool, insertionBit: UInt32, into out: inout [Unit]) {
        // Fast path: a word of plain syllables needs no processing.
        var allSyllables = true
        for k in start..<end where !Jamo.isSyllable(safe[k].scalar) {
            allSyllables = false
            break
        }
        if allSyllables {
            for k in start..<end { out.append(safe[k]) }
            return
        }
        var hasHangul = false
        for k in start..<end where Jamo.isHangul(safe[k].scalar) || (substitute && safe[k].scalar >= 0x2E80 && compiled.hasReading(safe[k].scalar)) {
            hasHangul = true
            break
        }
        var pendingGap: UInt32 = 0
        var pendingTentative = false
        var k = start
        func append(_ unit: Unit) {
            var unit = unit
            unit.gap |= pendingGap
            if pendingTentative { unit.flags |= Unit.tentative }
            pendingGap = 0
            pendingTentative = false
            out.append(unit)
        }
        func isHangulAt(_ position: Int) -> Bool { position >= start && position < end && Jamo.isHangul(safe[position].scalar) }
        while k < end {
            let unit = safe[k]
            let s = unit.scalar
            if Jamo.isHangul(s) { append(unit); k += 1; continue }
            if substitute && !hasHangul && isASCIILetter(s) {
                var runEnd = k
                while runEnd < end, isASCIILetter(safe[runEnd].scalar) { runEnd += 1 }
                if runEnd - k >= 2, let pieces = readLatinRun(safe, k, runEnd, romanize: romanize) {
                    for piece in pieces { append(piece) }
                    k = runEnd
                    continue
                }
            }
            if substitute && hasHangul {
                if allowSubstitution, let reading = compiled.lexicon.emoji[s] ?? compiled.lexicon.hanja[s] {
                    let technique = compiled.lexicon.emoji[s] != nil ? EvasionTechnique.emojiRebus : .hanjaSubstitution
                    var unitEnd = Int(unit.end)
                    var next = k + 1
                    if next < end, safe[next].scalar == 0xFE0F { unitEnd = Int(safe[next].end); next += 1 }
                    for syllable in reading {
                        var produced = Unit(syllable, Int(unit.start), unitEnd, own: technique.bit | unit.own)
                        produced.flags |= Unit.tentative
                        append(produced)
                    }
                    k = next
                    continue
                }
                if isASCIILetter(s) {
                    var runEnd = k
                    while runEnd < end, isASCIILetter(safe[runEnd].scalar) { runEnd += 1 }
                    if runEnd - k == 1 {
                        if allowSubstitution, let syllable = compiled.lexicon.latinSyllables[lowerASCII(s)], isHangulAt(k - 1) || isHangulAt(k + 1) {
                            var produced = Unit(syllable, Int(unit.start), Int(unit.end), own: EvasionTechnique.latinPhonetic.bit)
                            produced.flags |= Unit.tentative
                            append(produced)
                            k += 1
                            continue
                        }
                    } else if let pieces = readLatinRun(safe, k, runEnd, romanize: romanize) {
                        for piece in pieces { append(piece) }
                        k = runEnd
                        continue
                    }
                }
                if allowSubstitution, compiled.lexicon.placeholders.contains(s), isHangulAt(k - 1) || isHangulAt(k + 1) || out.last.map({ Jamo.isHangul($0.scalar) }) == true {
                    var produced = Unit(CompiledLexicon.mask, Int(unit.start), Int(unit.end), own: EvasionTechnique.masking.bit)
                    produced.flags |= Unit.tentative
                    append(produced)
                    k += 1
                    continue
                }
                if allowSubstitution, let jamo = compiled.lexicon.lookalikes[s] {
                    let fits: Bool
                    if jamo == 0x3163 {
                        fits = out.last.map { Jamo.isCompatConsonant($0.scalar) } ?? false
                    } else {
                        fits = isHangulAt(k - 1) || isHangulAt(k + 1)
                    }
                    if fits {
                        var produced = Unit(jamo, Int(unit.start), Int(unit.end), own: EvasionTechnique.lookalike.bit)
                        produced.flags |= Unit.tentative
                        append(produced)
                        k += 1
                        continue
                    }
                }
            }
            if substitute && allowSubstitution && isASCIIDigit(s) {
                do {
                    var runEnd = k
                    while runEnd < end, isASCIIDigit(safe[runEnd].scalar) { runEnd += 1 }
                    if let reading = Self.digitReading(safe, k, runEnd, tokenStart: start, tokenEnd: end) {
                        for syllable in reading {
                            var produced = Unit(syllable, Int(unit.start), Int(safe[runEnd - 1].end), own: EvasionTechnique.digitHomophone.bit)
                            produced.flags |= Unit.tentative | Unit.digit | Unit.attached
                            append(produced)
                        }
                        k = runEnd
                        continue
                    }
                }
            }
            // Anything else: an insertion between Hangul of this word, or a kept character.
            var runEnd = k
            while runEnd < end, !Jamo.isHangul(safe[runEnd].scalar), !(substitute && isSubstitutable(safe[runEnd].scalar)) || runEnd == k { runEnd += 1 }
            let interior = steps.contains(.insertion) && (out.last.map { Jamo.isHangul($0.scalar) || $0.scalar == CompiledLexicon.mask } ?? false)
                && runEnd - k <= 4 && (runEnd..<end).contains { Jamo.isHangul(safe[$0].scalar) || (substitute && isSubstitutable(safe[$0].scalar)) }
            if interior {
                pendingGap |= insertionBit
                pendingTentative = true
                for removed in safe[k..<runEnd] { pendingGap |= removed.own }
            } else {
                for kept in safe[k..<runEnd] {
                    var copy = kept
                    copy.scalar = lowerASCII(copy.scalar)
                    append(copy)
                }
            }
            k = runEnd
        }
        // Digits standing alone as a whole word are not attached to Hangul.
        if !hasHangul || !out.contains(where: { Jamo.isHangul($0.scalar) && !$0.has(Unit.digit) }) {
            for position in out.indices where out[position].has(Unit.digit) { out[position].flags &= ~Unit.attached }
        }
    }

    private func isSubstitutable(_ s: UInt32) -> Bool {
        isASCIIDigit(s) || (s >= 0x2E80 && compiled.hasReading(s))
    }

    /// Reads a Latin run of two or more letters as 2-set keys, or as romanization.
    private func readLatinRun(_ safe: [Unit], _ start: Int, _ end: Int, romanize: Bool) -> [Unit]? {
        let run = safe[start..<end].map(\.scalar)
        if romanize {
            guard steps.contains(.romanization),
                  let read = Romanizer.read(run.map { UInt8(lowerASCII($0)) }) else { return nil }
            return read.map { scalar, range in
                var unit = Unit(scalar, Int(safe[start + range.lowerBound].start), Int(safe[start + range.upperBound - 1].end),
                                own: EvasionTechnique.romanization.bit)
                unit.flags |= Unit.tentative
                return unit
            }
        }
        guard steps.contains(.keyboard) else { return nil }
        if run.count >= 3, Self.englishWords.contains(String(String.UnicodeScalarView(run.map { Unicode.Scalar(lowerASCII($0))! }))) {
            return nil
        }
        for candidate in [run, run.map(lowerASCII)] {
            if let pieces = KeyboardLayout.decode(candidate[...]), pieces.allSatisfy({ Jamo.isSyllable($0.scalar) }) {
                return pieces.map { piece in
                    var unit = Unit(piece.scalar, Int(safe[start + piece.start].start), Int(safe[start + piece.end - 1].end),
                                    own: EvasionTechnique.keyboard2Set.bit)
                    unit.flags |= Unit.tentative
                    return unit
                }
            }
        }
        return nil
    }

    /// The Sino-Korean reading of a run of 1–2 digits that is a number on its own (not part of 2018,
    /// 3.5, 10:30, 5kg), as syllables; nil otherwise.
    static func digitReading(_ safe: [Unit], _ start: Int, _ end: Int, tokenStart: Int, tokenEnd: Int) -> [UInt32]? {
        guard end - start <= 2 else { return nil }
        func blocks(_ position: Int) -> Bool {
            guard position >= tokenStart && position < tokenEnd else { return false }
            let s = safe[position].scalar
            return isASCIIDigit(s) || isASCIILetter(s) || s == 0x2E || s == 0x2C || s == 0x3A || s == 0x2F || s == 0x25
        }
        if blocks(start - 1) || blocks(end) { return nil }
        var value = 0
        for position in start..<end { value = value * 10 + Int(safe[position].scalar - 0x30) }
        if end - start == 2 && safe[start].scalar == 0x30 { return nil }
        let digits: [UInt32] = [0xC601, 0xC77C, 0xC774, 0xC0BC, 0xC0AC, 0xC624, 0xC721, 0xCE60, 0xD314, 0xAD6C] // 영일이삼사오육칠팔구
        let ten: UInt32 = 0xC2ED // 십
        if value < 10 { return [digits[value]] }
        var reading: [UInt32] = []
        if value / 10 > 1 { reading.append(digits[value / 10]) }
        reading.append(ten)
        if value % 10 > 0 { reading.append(digits[value % 10]) }
        return reading
    }

    /// Collapses echoed vowels: a syllable ㅇ+V(+F) after a syllable ending in the same vowel sound.
    func collapseElongation(_ view: inout [Unit]) {
        guard view.count >= 2 else { return }
        var out: [Unit] = []
        out.reserveCapacity(view.count)
        for unit in view {
            if var previous = out.last, Jamo.isSyllable(unit.scalar), Jamo.isSyllable(previous.scalar), !unit.has(Unit.softGap) {
                let p = Jamo.split(previous.scalar)
                let u = Jamo.split(unit.scalar)
                if u.initial == 11, p.final == 0, Self.echo(p.medial) == u.medial, !(p.initial == 11 && p.medial == u.medial && u.final == 0) {
                    previous.scalar = Jamo.compose(p.initial, p.medial, u.final)
                    previous.end = unit.end
                    previous.own |= EvasionTechnique.elongation.bit | unit.own | unit.gap
                    previous.flags |= Unit.tentative | (unit.flags & (Unit.digit | Unit.attached))
                    out[out.count - 1] = previous
                    continue
                }
            }
            out.append(unit)
        }
        view = out
    }

    /// The vowel heard at the end of a medial (ㅘ → ㅏ, ㅕ → ㅓ, ㅢ → ㅣ).
    static func echo(_ medial: Int) -> Int {
        switch medial {
        case 2: return 0        // ㅑ → ㅏ
        case 3: return 1        // ㅒ → ㅐ
        case 6: return 4        // ㅕ → ㅓ
        case 7: return 5        // ㅖ → ㅔ
        case 9: return 0        // ㅘ → ㅏ
        case 10: return 1       // ㅙ → ㅐ
        case 11, 16, 19: return 20 // ㅚ ㅟ ㅢ → ㅣ
        case 12: return 8       // ㅛ → ㅗ
        case 14: return 4       // ㅝ → ㅓ
        case 15: return 5       // ㅞ → ㅔ
        case 17: return 13      // ㅠ → ㅜ
        default: return medial
        }
    }
}
