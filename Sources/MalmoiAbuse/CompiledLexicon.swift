/// The lexicon compiled for matching: every spelling the scanner accepts (stems, respellings,
/// abbreviations, partly reduced and masked forms, reversed forms, foreign words, puns) in one
/// ``PatternAutomaton``, each with its entry, technique and context.
///
/// A class, so that the scanner's hot path reads its tables through one reference instead of copying
/// (and retaining) every array of the lexicon, the rules and each pattern.
final class CompiledLexicon: Sendable {
    /// What a pattern is, relative to its entry's stem.
    enum Kind: Int, Sendable, Comparable {
        case stem, form, foreign, pun, reorder, choseong, partial, masked
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    /// One pattern (a class: the matching loop reads it through one reference).
    final class Pattern: Sendable {
        let entry: Int
        let kind: Kind
        let techniques: TechniqueSet
        let context: Lexicon.Context
        let length: Int
        let maskCount: Int
        let isLatin: Bool
        /// ``Lexicon/Context/notBefore`` and ``Lexicon/Context/notAfter`` as scalars.
        let notBefore: [[UInt32]]
        let notAfter: [[UInt32]]
        /// The plain spelling has an innocent sense (``Lexicon/Entry/innocentSenses``).
        let needsContext: Bool
        /// ``Lexicon/Context/innocentBefore``, ``Lexicon/Context/notBeforeWord`` and
        /// ``Lexicon/Context/notAfterWord`` as scalars.
        let innocentBefore: [[UInt32]]
        let notBeforeWord: [[UInt32]]
        let notAfterWord: [[UInt32]]
        let innocentInLine: [[UInt32]]

        init(_ draft: Draft, needsContext: Bool) {
            entry = draft.entry
            kind = draft.kind
            techniques = draft.techniques
            context = draft.context
            length = draft.length
            maskCount = draft.maskCount
            isLatin = draft.isLatin
            func scalars(_ words: [String]) -> [[UInt32]] { words.map { $0.unicodeScalars.map(\.value) } }
            notBefore = scalars(draft.context.notBefore)
            notAfter = scalars(draft.context.notAfter)
            innocentBefore = scalars(draft.context.innocentBefore)
            notBeforeWord = scalars(draft.context.notBeforeWord)
            notAfterWord = scalars(draft.context.notAfterWord)
            innocentInLine = scalars(draft.context.innocentInLine)
            self.needsContext = needsContext
        }
    }

    /// A pattern while the lexicon is being compiled.
    struct Draft {
        var entry: Int
        var kind: Kind
        var techniques: TechniqueSet
        var context: Lexicon.Context
        var length: Int
        var maskCount: Int
        var isLatin: Bool
    }

    /// The scalar standing for a masked syllable in views and patterns (□).
    static let mask: UInt32 = 0x25A1

    let lexicon: Lexicon
    /// The lexicon's context rules (``Lexicon/contextRules``).
    let rules: ContextRules
    let patterns: [Pattern]
    let automaton: PatternAutomaton
    /// Counter words, longest first.
    let counters: [[UInt32]]
    /// ``counters`` by first scalar.
    let counterIndex: WordIndex
    /// Rules out lines of plain syllables with no match (nil when no line can be ruled out).
    let prefilter: PlainLinePrefilter?
    /// Scalars with an emoji or Hanja reading.
    let readable: Set<UInt32>
    /// ``ContextRules/techniqueWeights`` by bit position (``EvasionTechnique/ordered``).
    let techniqueWeights: [Int]

    /// Whether a scalar has an emoji or Hanja reading.
    @inline(__always) func hasReading(_ s: UInt32) -> Bool { readable.contains(s) }

    init(lexicon: Lexicon) {
        self.lexicon = lexicon
        var texts: [[UInt32]] = []
        var patterns: [Draft] = []
        var seen: [[UInt32]: Int] = [:]
        func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
        func add(_ text: [UInt32], entry: Int, kind: Kind, techniques: TechniqueSet, context: Lexicon.Context) {
            guard !text.isEmpty else { return }
            if let existing = seen[text] {
                // Keep the most specific reading: a lower kind, or the first entry.
                if kind < patterns[existing].kind {
                    patterns[existing] = Draft(entry: entry, kind: kind, techniques: techniques, context: context,
                                               length: text.count, maskCount: text.filter { $0 == Self.mask }.count,
                                               isLatin: text.allSatisfy { $0 < 128 })
                }
                return
            }
            seen[text] = texts.count
            texts.append(text)
            patterns.append(Draft(entry: entry, kind: kind, techniques: techniques, context: context,
                                  length: text.count, maskCount: text.filter { $0 == Self.mask }.count,
                                  isLatin: text.allSatisfy { $0 < 128 }))
        }
        for (index, entry) in lexicon.entries.enumerated() {
            let stemTechniques = entry.stemTechnique.map { TechniqueSet($0) } ?? []
            let stem = scalars(entry.stem)
            add(stem, entry: index, kind: .stem, techniques: stemTechniques, context: entry.context)
            var spellings: [([UInt32], Lexicon.Context)] = [(stem, entry.context)]
            for form in entry.forms {
                let text = scalars(form.text)
                add(text, entry: index, kind: .form, techniques: TechniqueSet(entry.formTechnique), context: form.context)
                spellings.append((text, form.context))
            }
            for abbreviation in entry.choseong {
                add(scalars(abbreviation), entry: index, kind: .choseong, techniques: TechniqueSet(.choseongAbbreviation), context: entry.context)
            }
            for word in entry.foreign {
                var context = entry.context
                context.standalone = word.unicodeScalars.allSatisfy { $0.value < 0x80 }
                add(scalars(word), entry: index, kind: .foreign, techniques: TechniqueSet(.codeSwitch), context: context)
            }
            for pun in entry.puns {
                var context = entry.context
                context.standalone = true
                add(scalars(pun), entry: index, kind: .pun, techniques: TechniqueSet(.camouflagePun), context: context)
            }
            if entry.acceptsReorder, stem.count == 2, stem.allSatisfy(Jamo.isSyllable) {
                var context = entry.context
                context.standalone = true
                context.notBefore = []
                add(stem.reversed(), entry: index, kind: .reorder, techniques: TechniqueSet(.syllableReorder), context: context)
            }
            for (text, context) in spellings where text.count >= 2 && text.count <= 4 && text.allSatisfy(Jamo.isSyllable) {
                if entry.derivesPartial {
                    let full = (1 << text.count) - 1
                    for subset in 1..<full {
                        var reduced = text
                        for position in 0..<text.count where subset & (1 << position) != 0 {
                            reduced[position] = Jamo.choseong(of: text[position])
                        }
                        add(reduced, entry: index, kind: .partial, techniques: TechniqueSet(.partialJamo), context: context)
                    }
                }
                for position in 0..<text.count {
                    var masked = text
                    masked[position] = Self.mask
                    add(masked, entry: index, kind: .masked, techniques: TechniqueSet(.masking), context: context)
                }
            }
        }
        var compiledPatterns: [Pattern] = []
        compiledPatterns.reserveCapacity(patterns.count)
        for index in patterns.indices {
            let kind = patterns[index].kind
            var needsContext = false
            if kind == .stem || kind == .form || kind == .foreign {
                let text = String(String.UnicodeScalarView(texts[index].compactMap(Unicode.Scalar.init)))
                needsContext = lexicon.entries[patterns[index].entry].innocentSenses.contains(text)
            }
            compiledPatterns.append(Pattern(patterns[index], needsContext: needsContext))
        }
        self.patterns = compiledPatterns
        rules = lexicon.contextRules
        automaton = PatternAutomaton(patterns: texts)
        prefilter = PlainLinePrefilter(patterns: texts)
        counters = lexicon.counters.sorted { $0.count > $1.count }
        counterIndex = WordIndex(counters)
        readable = Set(lexicon.emoji.keys).union(lexicon.hanja.keys)
        techniqueWeights = EvasionTechnique.ordered.map { lexicon.contextRules.techniqueWeights[$0] ?? 0 }
    }
}
