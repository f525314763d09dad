/// The lexicon compiled for matching: every spelling the scanner accepts (stems, respellings,
/// abbreviations, partly reduced and masked forms, reversed forms, foreign words, puns) in one
/// ``PatternAutomaton``, each with its entry, technique and context.
struct CompiledLexicon: Sendable {
    /// What a pattern is, relative to its entry's stem.
    enum Kind: Int, Sendable, Comparable {
        case stem, form, foreign, pun, reorder, choseong, partial, masked
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    /// One pattern.
    struct Pattern: Sendable {
        var entry: Int
        var kind: Kind
        var techniques: TechniqueSet
        var context: Lexicon.Context
        var length: Int
        var maskCount: Int
        var isLatin: Bool
        /// ``Lexicon/Context/notBefore`` and ``Lexicon/Context/notAfter`` as scalars.
        var notBefore: [[UInt32]] = []
        var notAfter: [[UInt32]] = []
        /// The plain spelling has an innocent sense (``Lexicon/Entry/innocentSenses``).
        var needsContext = false
        /// ``Lexicon/Context/innocentBefore``, ``Lexicon/Context/notBeforeWord`` and
        /// ``Lexicon/Context/notAfterWord`` as scalars.
        var innocentBefore: [[UInt32]] = []
        var notBeforeWord: [[UInt32]] = []
        var notAfterWord: [[UInt32]] = []
        var innocentInLine: [[UInt32]] = []
    }

    /// The scalar standing for a masked syllable in views and patterns (□).
    static let mask: UInt32 = 0x25A1

    let lexicon: Lexicon
    let patterns: [Pattern]
    let automaton: PatternAutomaton
    /// Counter words, longest first.
    let counters: [[UInt32]]
    /// Scalars with an emoji or Hanja reading.
    let readable: Set<UInt32>

    /// Whether a scalar has an emoji or Hanja reading.
    @inline(__always) func hasReading(_ s: UInt32) -> Bool { readable.contains(s) }

    init(lexicon: Lexicon) {
        self.lexicon = lexicon
        var texts: [[UInt32]] = []
        var patterns: [Pattern] = []
        var seen: [[UInt32]: Int] = [:]
        func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
        func add(_ text: [UInt32], entry: Int, kind: Kind, techniques: TechniqueSet, context: Lexicon.Context) {
            guard !text.isEmpty else { return }
            if let existing = seen[text] {
                // Keep the most specific reading: a lower kind, or the first entry.
                if kind < patterns[existing].kind {
                    patterns[existing] = Pattern(entry: entry, kind: kind, techniques: techniques, context: context,
                                                 length: text.count, maskCount: text.filter { $0 == Self.mask }.count,
                                                 isLatin: text.allSatisfy { $0 < 128 })
                }
                return
            }
            seen[text] = texts.count
            texts.append(text)
            patterns.append(Pattern(entry: entry, kind: kind, techniques: techniques, context: context,
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
        for index in patterns.indices {
            let context = patterns[index].context
            patterns[index].notBefore = context.notBefore.map { $0.unicodeScalars.map(\.value) }
            patterns[index].notAfter = context.notAfter.map { $0.unicodeScalars.map(\.value) }
            patterns[index].innocentBefore = context.innocentBefore.map { $0.unicodeScalars.map(\.value) }
            patterns[index].notBeforeWord = context.notBeforeWord.map { $0.unicodeScalars.map(\.value) }
            patterns[index].notAfterWord = context.notAfterWord.map { $0.unicodeScalars.map(\.value) }
            patterns[index].innocentInLine = context.innocentInLine.map { $0.unicodeScalars.map(\.value) }
            let kind = patterns[index].kind
            if kind == .stem || kind == .form || kind == .foreign {
                let text = String(String.UnicodeScalarView(texts[index].compactMap(Unicode.Scalar.init)))
                patterns[index].needsContext = lexicon.entries[patterns[index].entry].innocentSenses.contains(text)
            }
        }
        self.patterns = patterns
        automaton = PatternAutomaton(patterns: texts)
        counters = lexicon.counters.sorted { $0.count > $1.count }
        readable = Set(lexicon.emoji.keys).union(lexicon.hanja.keys)
    }
}
