import MalmoiCore
import MalmoiMorph
/// Checks that a morpheme analysis spells its sentence and places every morpheme in it: the spelling
/// rule of the morpheme correction task (`Guidelines/morph.md`, "철자 규칙").
///
/// ```swift
/// let typed = try MorphAnswerParser.parse("학교/NNG 이/VCP 다/EF 그렇/VA 어/EC")!
/// switch MorphAligner.align(typed, to: "학교다 그래") {
/// case .success(let aligned): aligned.entries[0].end    // 2
/// case .failure(let failure): print(failure.message)
/// }
/// ```
/// The rule, at the level of letters (``JamoLetters``: syllables split into jamo, `ㄴ` = `ᆫ`):
/// 1. The sentence is split into eojeols at whitespace; the morphemes are split, in order, into one
///    non-empty group per eojeol (a morpheme never spans a space).
/// 2. Within an eojeol, the letters of the group's forms must equal the eojeol's letters, except where
///    two morphemes of the group meet: the last syllable of the first and the first syllable of the
///    second (a *junction zone*) may differ, in these ways only: drop a vowel, a null initial ㅇ, the
///    initial ㄹ of the second morpheme (뭐+를 → 뭘) or the final ㅂ ㅅ ㅎ ㄹ of the first (irregular
///    stems, 것+은 → 건); change a vowel ㅏ ㅐ ㅑ ㅓ ㅔ ㅕ ㅣ into ㅐ ㅒ ㅔ ㅕ ㅖ, the first's final ㄷ into
///    ㄹ (듣+어 → 들어), its final ㅂ into ㅇ (가깝+ㄴ → 가까운) or a null initial ㅇ into ㄹ (모르+아 →
///    몰라); gain one ㅗ or ㅜ per junction (춥+어서 → 추워서, 돕+아 → 도와). Each changed or gained vowel needs a dropped letter in the same
///    eojeol (vowels change only where letters merge). This admits the contractions recorded in mecab-ko-dic's expression field:
///    시+ㄴ다 → 신다, 하+았 → 했, 보+아 → 봐, 되+어요 → 돼요, 그렇+어 → 그래, 무엇+ㄹ → 뭘.
/// 3. The first letter of every eojeol is kept as it is, and every morpheme keeps at least one letter
///    (matched or replaced), except `이/VCP`, which disappears after a vowel (학교+이+다 → 학교다).
/// 4. Characters other than Hangul letters (digits, Latin, Hanja, symbols, emoji) must match exactly.
///
/// Among the alignments that satisfy the rule the one with the fewest changed letters is kept. A
/// morpheme's span is the scalars whose letters it kept or gained; a vanished morpheme gets an empty
/// span where it vanished (or its syllable, when that was inside a syllable).
/// - Complexity: for a sentence of W eojeols and N morphemes, O(W · N · g · L²) with g the morphemes
///   tried per eojeol and L its letters: instant for sentences, not meant for paragraphs of thousands of
///   words.
public enum MorphAligner {
    /// Why an analysis does not spell its sentence.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// What is wrong, in words the annotator can act on.
        public var message: String
        /// The 0-based eojeol that could not be spelled, when known.
        public var eojeol: Int?
        /// The 0-based morpheme at which the eojeol should have started, when known.
        public var morpheme: Int?

        /// The message.
        public var description: String { message }
    }

    /// One eojeol of the sentence.
    struct Eojeol {
        var start: Int
        var end: Int
        var text: String
        var letters: [JamoLetters.Letter]
    }

    /// The eojeols (whitespace-separated words) of a text with their scalar spans.
    static func eojeols(of text: String) -> [Eojeol] {
        CoNLLUSentence.eojeols(of: text).map { word in
            Eojeol(start: word.start, end: word.end, text: word.form, letters: JamoLetters.letters(of: word.form, scalarBase: word.start))
        }
    }

    /// Aligns an analysis with a sentence (any spans it carries are ignored and recomputed).
    /// - Returns: the analysis with `start`, `end` and `eojeol` set on every entry, or why it fails.
    public static func align(_ analysis: MorphAnalysis, to text: String) -> Result<MorphAnalysis, Failure> {
        let words = eojeols(of: text)
        let entries = analysis.entries
        guard !words.isEmpty else {
            return entries.isEmpty ? .success(analysis)
                : .failure(Failure(message: "the sentence is empty but the analysis has \(entries.count) morpheme(s)"))
        }
        guard !entries.isEmpty else {
            return .failure(Failure(message: "the analysis is empty; give the morphemes of every word", eojeol: 0, morpheme: 0))
        }
        let forms = entries.map { JamoLetters.letters(of: $0.form) }
        if let empty = forms.firstIndex(where: \.isEmpty) {
            return .failure(Failure(message: "morpheme \(empty + 1) has an empty form", morpheme: empty))
        }
        let vanishing = zip(entries, forms).map { entry, letters in
            entry.pos == "VCP" && letters.map(\.value) == [0x3147, 0x3163]
        }
        let n = entries.count
        let infinity = Int.max / 2
        // best[e][k]: fewest changed letters spelling eojeols 0..<e with morphemes 0..<k.
        var best = [[Int]](repeating: [Int](repeating: infinity, count: n + 1), count: words.count + 1)
        var choice = [[(group: Int, spans: [Span])?]](repeating: [(group: Int, spans: [Span])?](repeating: nil, count: n + 1),
                                                      count: words.count + 1)
        best[0][0] = 0
        for e in 0..<words.count {
            let word = words[e]
            for k in 0..<n where best[e][k] < infinity {
                guard forms[k][0].value == word.letters[0].value else { continue }
                var letterCount = 0
                for end in (k + 1)...n {
                    letterCount += forms[end - 1].count
                    if letterCount > 2 * word.letters.count + 6 { break }
                    guard let (cost, spans) = alignGroup(Array(forms[k..<end]), vanishing: Array(vanishing[k..<end]), to: word)
                    else { continue }
                    if best[e][k] + cost < best[e + 1][end] {
                        best[e + 1][end] = best[e][k] + cost
                        choice[e + 1][end] = (end - k, spans)
                    }
                }
            }
        }
        guard best[words.count][n] < infinity else {
            return .failure(failure(best: best, words: words, entries: entries, infinity: infinity))
        }
        var aligned = entries
        var k = n
        for e in stride(from: words.count, to: 0, by: -1) {
            let (group, spans) = choice[e][k]!
            for (offset, span) in spans.enumerated() {
                aligned[k - group + offset].start = span.start
                aligned[k - group + offset].end = span.end
                aligned[k - group + offset].eojeol = e - 1
            }
            k -= group
        }
        return .success(MorphAnalysis(entries: aligned, isConfirmed: analysis.isConfirmed))
    }

    /// Vowels that change in a contraction: ㅏ ㅐ ㅑ ㅓ ㅔ ㅕ ㅣ.
    static let mergingVowels: Set<UInt32> = [0x314F, 0x3150, 0x3151, 0x3153, 0x3154, 0x3155, 0x3163]
    /// Vowels a contraction produces: ㅐ ㅒ ㅔ ㅕ ㅖ.
    static let mergedVowels: Set<UInt32> = [0x3150, 0x3152, 0x3154, 0x3155, 0x3156]

    struct Span {
        var start: Int
        var end: Int
    }

    /// Says where the spelling broke: the first eojeol no grouping reaches, or the morphemes left over.
    private static func failure(best: [[Int]], words: [Eojeol], entries: [MorphAnalysis.Entry], infinity: Int) -> Failure {
        let n = entries.count
        var reached = 0
        for e in 0...words.count where best[e].contains(where: { $0 < infinity }) { reached = e }
        let from = best[reached].firstIndex { $0 < infinity } ?? 0
        if reached == words.count {
            let extra = entries[from...].prefix(4).map(\.typed).joined(separator: " ")
            return Failure(message: "morphemes left over after the last word, from morpheme \(from + 1) (\(extra)); remove them or check the words before",
                           eojeol: words.count - 1, morpheme: from)
        }
        let word = words[reached].text
        if from >= n {
            return Failure(message: "word \(reached + 1) \"\(word)\" has no morphemes: the analysis ends too early",
                           eojeol: reached, morpheme: n)
        }
        let shown = entries[from...].prefix(4).map(\.typed).joined(separator: " ")
        return Failure(message: "word \(reached + 1) \"\(word)\" is not spelled by the morphemes from morpheme \(from + 1) (\(shown) …): check for a missing, extra or mistyped morpheme; letters may change only where two morphemes meet",
                       eojeol: reached, morpheme: from)
    }

    /// Aligns the letters of a group of morphemes with one eojeol under the junction-zone rule.
    /// - Returns: the number of changed letters and each morpheme's span, or nil when the rule fails.
    static func alignGroup(_ forms: [[JamoLetters.Letter]], vanishing: [Bool], to word: Eojeol) -> (Int, [Span])? {
        // Flatten the morphemes' letters, marking junction zones: the last syllable of a morpheme
        // followed by another (left side) and the first syllable of one preceded by another (right side).
        var letters: [JamoLetters.Letter] = []
        var owner: [Int] = []
        var isLast: [Bool] = []
        var zoneLeft: [Bool] = []
        var zoneRight: [Bool] = []
        for (index, form) in forms.enumerated() {
            let firstUnit = form.first!.unit
            let lastUnit = form.last!.unit
            for (position, letter) in form.enumerated() {
                letters.append(letter)
                owner.append(index)
                isLast.append(position == form.count - 1)
                zoneLeft.append(index < forms.count - 1 && letter.unit == lastUnit)
                zoneRight.append(index > 0 && letter.unit == firstUnit)
            }
        }
        let target = word.letters
        let m = letters.count
        let w = target.count
        /// Whether letter `i` may be dropped: a vowel, a null initial ㅇ, the initial ㄹ of an ending or
        /// particle (뭐+를 → 뭘), or the final ㅂ ㅅ ㅎ ㄹ of a stem (irregular verbs, 것+은 → 건).
        func droppable(_ i: Int) -> Bool {
            let letter = letters[i]
            guard zoneLeft[i] || zoneRight[i] else { return false }
            switch (letter.role, letter.value) {
            case (.vowel, _): return true
            case (.initial, 0x3147): return true
            case (.initial, 0x3139): return zoneRight[i]
            case (.final, 0x3142), (.final, 0x3145), (.final, 0x314E), (.final, 0x3139): return zoneLeft[i]
            default: return false
            }
        }
        /// Whether letter `i` may become `replacement`: one of the vowels ㅏ ㅑ ㅓ ㅕ ㅣ ㅐ ㅔ that merge
        /// into ㅐ ㅒ ㅔ ㅕ ㅖ (하+았 → 했, 시+어요 → 세요), a stem's final ㄷ into ㄹ (듣+어 → 들어) or its
        /// final ㅂ into ㅇ (가깝+ㄴ → 가까운), a null initial ㅇ into ㄹ (모르+아 → 몰라).
        func replaceable(_ i: Int, by replacement: JamoLetters.Letter) -> Bool {
            let letter = letters[i]
            guard zoneLeft[i] || zoneRight[i], letter.value != replacement.value, replacement.isHangul else { return false }
            if letter.isVowel && replacement.isVowel {
                return Self.mergingVowels.contains(letter.value) && Self.mergedVowels.contains(replacement.value)
            }
            if replacement.value == 0x3147 {
                return letter.role == .final && letter.value == 0x3142 && zoneLeft[i]
            }
            if replacement.value == 0x3139 {
                return (letter.role == .final && letter.value == 0x3137 && zoneLeft[i]) || (letter.role == .initial && letter.value == 0x3147)
            }
            return false
        }
        let maxInsertions = forms.count - 1
        let layers = 2 * (maxInsertions + 1)
        // State (i, j, kept, inserted) → index.
        func state(_ i: Int, _ j: Int, _ kept: Int, _ inserted: Int) -> Int {
            ((i * (w + 1) + j) * 2 + kept) * (maxInsertions + 1) + inserted
        }
        let infinity = Int.max / 2
        var cost = [Int](repeating: infinity, count: (m + 1) * (w + 1) * layers)
        var back = [Int32](repeating: -1, count: cost.count)
        var operation = [UInt8](repeating: 0, count: cost.count)  // 1 match, 2 replace, 3 drop, 4 gain
        cost[state(0, 0, 0, 0)] = 0
        func relax(_ from: Int, _ to: Int, _ value: Int, _ op: UInt8) {
            if value < cost[to] {
                cost[to] = value
                back[to] = Int32(from)
                operation[to] = op
            }
        }
        for i in 0...m {
            for j in 0...w {
                for kept in 0...1 {
                    for inserted in 0...maxInsertions {
                        let here = state(i, j, kept, inserted)
                        let c = cost[here]
                        if c >= infinity { continue }
                        if i < m {
                            let letter = letters[i]
                            func next(_ keeps: Bool) -> Int? {
                                let nowKept = kept == 1 || keeps
                                if isLast[i] {
                                    guard nowKept || vanishing[owner[i]] else { return nil }
                                    return 0
                                }
                                return nowKept ? 1 : 0
                            }
                            if j < w, letter.value == target[j].value, let k = next(true) {
                                relax(here, state(i + 1, j + 1, k, inserted), c, 1)
                            }
                            if j > 0 {
                                if j < w, replaceable(i, by: target[j]), let k = next(true) {
                                    relax(here, state(i + 1, j + 1, k, inserted), c + 1, 2)
                                }
                                if droppable(i), let k = next(false) {
                                    relax(here, state(i + 1, j, k, inserted), c + 1, 3)
                                }
                            }
                        }
                        if i > 0, i < m, j > 0, j < w, inserted < maxInsertions, target[j].value == 0x3157 || target[j].value == 0x315C,
                           zoneLeft[i - 1] || zoneRight[i - 1], zoneLeft[i] || zoneRight[i] {
                            relax(here, state(i, j + 1, kept, inserted + 1), c + 1, 4)
                        }
                    }
                }
            }
        }
        var end = -1
        for inserted in 0...maxInsertions {
            let candidate = state(m, w, 0, inserted)
            if cost[candidate] < infinity && (end < 0 || cost[candidate] < cost[end]) { end = candidate }
        }
        guard end >= 0 else { return nil }
        // Walk back: which morpheme owns each letter of the eojeol, and where vanished morphemes were.
        var letterOwner = [Int](repeating: -1, count: w)
        var vanishedAt = [Int?](repeating: nil, count: forms.count)
        var current = end
        var vowelChanges = 0
        var drops = 0
        while back[current] >= 0 {
            let previous = Int(back[current])
            let i = previous / ((w + 1) * layers)
            let j = (previous / layers) % (w + 1)
            switch operation[current] {
            case 1: letterOwner[j] = owner[i]
            case 2:
                letterOwner[j] = owner[i]
                if letters[i].isVowel { vowelChanges += 1 }
                if letters[i].value == 0x3142 { drops += 1 }  // ㅂ → ㅇ (가깝+ㄴ → 가까운) gives way to a vowel
            case 3:
                vanishedAt[owner[i]] = j
                drops += 1
            default:
                letterOwner[j] = owner[i - 1]
                vowelChanges += 1
            }
            current = previous
        }
        // Vowels change only where letters merge (하+았 → 했): a changed vowel needs a dropped letter.
        guard vowelChanges <= drops else { return nil }
        var spans: [Span] = []
        for index in forms.indices {
            let owned = letterOwner.indices.filter { letterOwner[$0] == index }
            if let first = owned.first, let last = owned.last {
                spans.append(Span(start: target[first].scalar, end: target[last].scalar + 1))
            } else {
                let j = vanishedAt[index] ?? w
                if j >= w {
                    spans.append(Span(start: word.end, end: word.end))
                } else if target[j - 1].scalar == target[j].scalar {
                    spans.append(Span(start: target[j].scalar, end: target[j].scalar + 1))
                } else {
                    spans.append(Span(start: target[j].scalar, end: target[j].scalar))
                }
            }
        }
        let total = cost[end]
        return (total, spans)
    }
}
