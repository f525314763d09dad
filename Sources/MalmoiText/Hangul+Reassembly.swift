import MalmoiCore

extension Hangul {
    /// Reassembles runs of jamo into syllables the way a 2-set (두벌식) input method composes
    /// keystrokes: `ㅅㅣㅂㅏㄹ` → `시발`, `ㄱㅏㅂㅅ` → `값`, `ㄷㅏㄹㄱㅇㅡㄴ` → `닭은`, `ㄱㅗㅏ` → `과`.
    ///
    /// Rules (those of the standard 2-set automaton):
    /// - a consonant followed by a vowel starts a syllable; a following vowel that forms a double
    ///   vowel with it joins it (ㅗ+ㅏ → ㅘ, ㅜ+ㅓ → ㅝ, ㅡ+ㅣ → ㅢ, …);
    /// - a consonant after an open syllable becomes its final; a second consonant that forms a
    ///   double final with it joins it (ㄹ+ㄱ → ㄺ, ㅂ+ㅅ → ㅄ, …);
    /// - when a vowel follows a final, the final (or the second half of a double final) moves to
    ///   start the next syllable, as 달+ㄱ+ㅇ+ㅡ+ㄴ gives 닭은 and 십+ㅏ gives 시바;
    /// - consonants with no vowel stay as they are (`ㅋㅋㅋ`, `ㅅㅂ`); lone vowels stay too;
    /// - anything that is not a jamo (syllables, Latin, digits, spaces) ends the run.
    ///
    /// Conjoining jamo (U+1100…, as NFKC produces from compatibility jamo) are read as the same
    /// letters, so `ㅅㅣㅂㅏㄹ` after NFKC reassembles too. Jamo that stay unassembled come out as
    /// compatibility jamo.
    /// - Returns: the text and a map from its scalar offsets to those of the input.
    public static func composeJamo(_ text: String) -> (text: String, map: OffsetMap) {
        var composer = JamoComposer()
        for scalar in text.unicodeScalars {
            composer.feed(scalar)
        }
        composer.finish()
        return (String(composer.output), composer.map.build())
    }

    /// Double vowels typed as two keys: (first, second) → combined, by vowel index (from ``HangulJamo``).
    static let doubleVowels: [Int: [Int: Int]] = {
        var table: [Int: [Int: Int]] = [:]
        for (combined, keys) in HangulJamo.vowelKeys.enumerated() where keys.count == 2 {
            table[HangulJamo.medialIndex(ofCompat: keys[0])!, default: [:]][HangulJamo.medialIndex(ofCompat: keys[1])!] = combined
        }
        return table
    }()

    /// Double finals typed as two keys: (first trail index, second lead index) → combined trail index.
    static let doubleFinals: [Int: [Int: Int]] = {
        var table: [Int: [Int: Int]] = [:]
        for (combined, (first, second)) in splitFinals { table[first, default: [:]][second] = combined }
        return table
    }()

    /// The two halves of a double final: combined trail index → (first trail index, second lead index).
    static let splitFinals: [Int: (Int, Int)] = {
        var table: [Int: (Int, Int)] = [:]
        for (cluster, parts) in HangulJamo.clusterParts {
            table[HangulJamo.finalIndex(ofCompat: cluster)!] = (HangulJamo.finalIndex(ofCompat: parts.0)!, HangulJamo.initialIndex(ofCompat: parts.1)!)
        }
        return table
    }()
}

/// The 2-set input-method automaton behind ``Hangul/composeJamo(_:)``.
struct JamoComposer {
    enum Letter {
        case consonant(Unicode.Scalar)
        case vowel(Int)
    }

    var output = String.UnicodeScalarView()
    var map = OffsetMap.Builder()

    // Pending syllable state; each letter remembers how many input scalars it consumed (always 1).
    private var lead: Int?          // lead index
    private var leadLetter: Unicode.Scalar?
    private var vowel: Int?
    private var vowelKeys = 0       // 1 or 2 keystrokes
    private var trail = 0
    private var trailKeys = 0       // 0, 1 or 2 keystrokes
    private var pendingKeys = 0     // input scalars held in the pending state

    mutating func feed(_ scalar: Unicode.Scalar) {
        guard let letter = Self.letter(scalar) else {
            flush()
            output.append(scalar)
            map.appendUnchanged(1)
            return
        }
        switch letter {
        case .consonant(let consonant):
            feedConsonant(consonant)
        case .vowel(let index):
            feedVowel(index)
        }
    }

    mutating func finish() {
        flush()
    }

    private static func letter(_ scalar: Unicode.Scalar) -> Letter? {
        var compatibility = scalar
        if Hangul.isConjoiningJamo(scalar) {
            guard let converted = Hangul.compatibilityJamo(forConjoining: scalar) else { return nil }
            compatibility = converted
        }
        guard Hangul.isCompatibilityJamo(compatibility) else { return nil }
        if let vowel = Hangul.vowelIndex(of: compatibility) { return .vowel(vowel) }
        return .consonant(compatibility)
    }

    private mutating func feedConsonant(_ consonant: Unicode.Scalar) {
        if lead != nil, vowel != nil {
            if trail == 0 {
                if let trailIndex = Hangul.trailIndex(of: consonant) {
                    trail = trailIndex
                    trailKeys = 1
                    pendingKeys += 1
                    return
                }
            } else if trailKeys == 1, let second = Hangul.leadIndex(of: consonant),
                      let combined = Hangul.doubleFinals[trail]?[second] {
                trail = combined
                trailKeys = 2
                pendingKeys += 1
                return
            }
        }
        flush()
        if let leadIndex = Hangul.leadIndex(of: consonant) {
            lead = leadIndex
            leadLetter = consonant
            pendingKeys = 1
        } else {
            // A cluster letter such as ㄳ cannot start a syllable.
            emitLoose(consonant)
        }
    }

    private mutating func feedVowel(_ index: Int) {
        if let currentVowel = vowel {
            if trail == 0 {
                if vowelKeys == 1, let combined = Hangul.doubleVowels[currentVowel]?[index] {
                    vowel = combined
                    vowelKeys = 2
                    pendingKeys += 1
                    return
                }
                flush()
                startLooseVowel(index)
                return
            }
            // A final moves to the next syllable when a vowel follows.
            guard lead != nil else {
                flush()
                startLooseVowel(index)
                return
            }
            let movingLead: Int
            if trailKeys == 2, let (first, second) = Hangul.splitFinals[trail] {
                trail = first
                movingLead = second
            } else if let single = Hangul.leadIndex(of: Hangul.trailCompatibility[trail]) {
                movingLead = single
                trail = 0
            } else {
                // A cluster letter that came as one scalar (ㄳ) stays whole: one input letter is never
                // split across two syllables, so the vowel stands alone.
                flush()
                startLooseVowel(index)
                return
            }
            pendingKeys -= 1
            trailKeys = max(0, trailKeys - 1)
            flush()
            lead = movingLead
            leadLetter = Hangul.leadCompatibility[movingLead]
            vowel = index
            vowelKeys = 1
            pendingKeys = 2
            return
        }
        if lead != nil {
            vowel = index
            vowelKeys = 1
            pendingKeys += 1
            return
        }
        flush()
        startLooseVowel(index)
    }

    private mutating func startLooseVowel(_ index: Int) {
        vowel = index
        vowelKeys = 1
        pendingKeys = 1
    }

    private mutating func emitLoose(_ scalar: Unicode.Scalar) {
        output.append(scalar)
        map.appendChangedOrSame(originalCount: 1, resultCount: 1)
    }

    /// Emits whatever is pending as a syllable, or as loose jamo when there is no vowel or no lead.
    private mutating func flush() {
        defer {
            lead = nil
            leadLetter = nil
            vowel = nil
            vowelKeys = 0
            trail = 0
            trailKeys = 0
            pendingKeys = 0
        }
        guard pendingKeys > 0 else { return }
        if let lead, let vowel {
            output.append(Hangul.compose(lead: lead, vowel: vowel, trail: trail)!)
            map.appendChanged(originalCount: pendingKeys, resultCount: 1)
        } else if let leadLetter {
            output.append(leadLetter)
            map.appendUnchanged(1)
        } else if let vowel {
            let letter = Hangul.vowelCompatibility[vowel]
            if vowelKeys == 2 {
                output.append(letter)
                map.appendChanged(originalCount: 2, resultCount: 1)
            } else {
                output.append(letter)
                map.appendUnchanged(1)
            }
        }
    }
}

extension OffsetMap.Builder {
    /// A one-for-one replacement counts as unchanged for offsets (the positions line up).
    mutating func appendChangedOrSame(originalCount: Int, resultCount: Int) {
        if originalCount == resultCount { appendUnchanged(originalCount) } else {
            appendChanged(originalCount: originalCount, resultCount: resultCount)
        }
    }
}
