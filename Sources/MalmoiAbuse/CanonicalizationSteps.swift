/// The switchable steps of ``Canonicalizer``, each undoing one family of evasion techniques.
///
/// ```swift
/// var steps = CanonicalizationSteps.all
/// steps.remove(.keyboard)      // leave Latin runs alone
/// ```
public struct CanonicalizationSteps: OptionSet, Hashable, Sendable {
    /// The bit mask.
    public var rawValue: UInt32
    /// Creates a set from its bit mask.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Fullwidth, halfwidth, circled and conjoining forms folded to their ordinary letters (not NFKC).
    public static let width = CanonicalizationSteps(rawValue: 1 << 0)
    /// Zero-width characters, soft hyphens and Hangul fillers removed.
    public static let invisible = CanonicalizationSteps(rawValue: 1 << 1)
    /// Latin runs decoded as 2-set keyboard input when the result is plausible Hangul.
    public static let keyboard = CanonicalizationSteps(rawValue: 1 << 2)
    /// Separately typed letters reassembled into syllables.
    public static let jamo = CanonicalizationSteps(rawValue: 1 << 3)
    /// Digits, symbols, Latin letters or emoji between the syllables of one word removed (lexicon-gated).
    public static let insertion = CanonicalizationSteps(rawValue: 1 << 4)
    /// Spaced single syllables joined when the joined form is a lexicon word.
    public static let spacing = CanonicalizationSteps(rawValue: 1 << 5)
    /// Echoed vowels collapsed (씨이이발 → 씨발), lexicon-gated.
    public static let elongation = CanonicalizationSteps(rawValue: 1 << 6)
    /// Digits read aloud, placeholders, look-alikes, Latin-letter syllables, emoji and Hanja readings,
    /// kept only where they complete a lexicon word.
    public static let substitution = CanonicalizationSteps(rawValue: 1 << 7)
    /// Latin runs read as romanized Korean, kept only where they give a lexicon word.
    public static let romanization = CanonicalizationSteps(rawValue: 1 << 8)
    /// Lexicon matches rewritten to their standard spelling (ㅅㅂ → 씨발, 새키 → 새끼).
    public static let lexicon = CanonicalizationSteps(rawValue: 1 << 9)

    /// Every step.
    public static let all: CanonicalizationSteps = [.width, .invisible, .keyboard, .jamo, .insertion, .spacing,
                                                     .elongation, .substitution, .romanization, .lexicon]

    /// Each step's command-line name and what it does, in pipeline order (for `--explain` and `--steps`).
    public static let catalog: [(name: String, step: CanonicalizationSteps, techniques: [EvasionTechnique], explanation: String)] = [
        ("width", .width, [.invisibleOrWidth], "fold fullwidth/halfwidth/circled letters and stray conjoining jamo to ordinary letters and compatibility jamo (own table; NFKC would turn ㅅㅂ into conjoining initials)"),
        ("invisible", .invisible, [.invisibleOrWidth], "remove zero-width characters, soft hyphens and Hangul fillers (ZWJ inside emoji is kept)"),
        ("keyboard", .keyboard, [.keyboard2Set], "decode Latin runs of 3+ letters typed on the 2-set layout in English mode when every key group makes a full syllable, at least three of them, and the run is neither a common English word nor a valid romanization (shorter runs such as tlqkf are read by the lexicon-gated substitution view)"),
        ("jamo", .jamo, [.jamoDecomposition], "reassemble separately typed letters into syllables with the input method's rules (ㅅㅣㅂㅏㄹ → 시발); consonant-only runs such as ㅅㅂ stay"),
        ("insertion", .insertion, [.insertion], "drop up to 4 digits/symbols/Latin letters/emoji between Hangul of one word, kept only where a lexicon word results (씨1발)"),
        ("spacing", .spacing, [.spacing], "join a space next to a one-letter word (미 친, ㅅ ㅐ ㄲ ㅣ), kept only where a lexicon word starting at a word start results; 딸내미 친구 is never joined"),
        ("elongation", .elongation, [.elongation], "collapse a syllable ㅇ+vowel echoing the previous vowel (씨이이발, 조오온나), kept only inside a lexicon word"),
        ("substitution", .substitution, [.digitHomophone, .masking, .lookalike, .latinPhonetic, .emojiRebus, .hanjaSubstitution], "read digits aloud (18 → 십팔, not before counters such as 세/년), placeholders as a hidden syllable (x발), look-alikes (ㅈ1랄), Latin letters (C발, G랄), emoji (🐶 → 개) and Hanja (犬 → 개); kept only where a lexicon word results"),
        ("romanization", .romanization, [.romanization], "read Latin runs as Revised Romanization (ssibal → 씨발), kept only where a lexicon word results"),
        ("lexicon", .lexicon, [.phoneticRespelling, .choseongAbbreviation, .partialJamo, .codeSwitch, .camouflagePun, .syllableReorder, .gesturePictogram], "rewrite every lexicon match (respellings, initial-consonant abbreviations, partial forms, pictograms, foreign words) to the entry's standard spelling, after its context rules"),
    ]

    /// Parses a comma-separated list of step names (`width,jamo`), `all` or `none`.
    /// - Throws: ``AbuseError`` `.invalidRequest` for an unknown name.
    public init(parsing list: String) throws {
        self = []
        for name in list.split(separator: ",").map({ String($0).trimmingSpaces() }) where !name.isEmpty {
            if name == "all" { formUnion(.all); continue }
            if name == "none" { continue }
            guard let entry = Self.catalog.first(where: { $0.name == name }) else {
                throw AbuseError(.invalidRequest, "unknown step \"\(name)\"; steps are: \(Self.catalog.map(\.name).joined(separator: ", "))")
            }
            formUnion(entry.step)
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
