import MalmoiCore

/// The lexicon-wide rules that decide, from the text around a candidate, whether it is reported and
/// how strong it is (`context_rules` in `Guidelines/abuse/lexicon.json`).
///
/// Every candidate gets a score in points (0–100, shown as 0–1): a prior (plain words, or words with
/// an innocent sense that need an abusive context), plus the weight of each evasion technique that
/// was undone, plus or minus context cues (a target before it, an insulting construction after it,
/// other abuse in the line; a longer word around it, an innocent continuation). Number, Latin-word,
/// innocent-word and split-word rules drop a candidate outright. A hit is reported when its score reaches
/// ``minimumScore``.
///
/// ```swift
/// let rules = try Lexicon.standard(taxonomy: try Taxonomy.standard()).contextRules
/// rules.minimumScore          // 50
/// ```
public struct ContextRules: Sendable {
    /// The default threshold in points: hits below it are not reported.
    public var minimumScore = 50
    /// The prior of a plainly spelled lexicon word.
    public var plainPrior = 70
    /// The prior of a spelling listed in an entry's `innocent_senses` (새끼, 염병, 미친 …).
    public var ambiguousPrior = 35
    /// Points per evasion technique undone (negative for readings that are guesses).
    public var techniqueWeights: [EvasionTechnique: Int] = [:]
    /// The most points evasion techniques may add together.
    public var maximumEvasionBonus = 40
    /// Romanized hits shorter than this many syllables count as ambiguous (cip → 씹).
    public var romanizationMinimumSyllables = 2
    /// Points for a target before the hit (이, 저, 너, 니 …, attached or up to two words back).
    public var targetBonus = 30
    /// Words that name a target right before the hit: a demonstrative (이, 저) or a second person.
    public var targetWords: [[UInt32]] = []
    /// Second-person words that name a target up to two words before the hit (너, 니가, 당신).
    public var secondPersonWords: [[UInt32]] = []
    /// Points for an insulting construction right after the hit (…야, …같은, …놈).
    public var constructionBonus = 30
    /// Strings that make an insulting construction when they follow the hit (same word or next word).
    public var constructionAfter: [[UInt32]] = []
    /// Points when another hit of the line is reported on its own.
    public var otherAbuseBonus = 30
    /// Points taken from a plain hit glued to the end of a longer Hangul word (도시바, 감염병).
    public var insideWordPenalty = 20
    /// Attached prefixes that do not make a longer word (이새끼, 아씨발, 존나씨발).
    public var attachedPrefixes: [[UInt32]] = []
    /// Particles, endings and insult nouns that may follow a spacing join (새 끼들, 병 신이네, 미 친놈);
    /// anything else is a cut into the next word (김 씨 발언, 등 신경), and the candidate is dropped.
    public var attachedSuffixes: [[UInt32]] = []
    /// Points taken when the text after the hit shows its innocent sense (``Lexicon/Context/innocentBefore``).
    public var innocentPenalty = 40
    /// Words before a number that make it a rank or a label (TOP 10, 톱10, 제18대).
    public var numberPrefixes: [[UInt32]] = []
    /// Characters that join a number to another number in a date, a score or a decimal (18.10, 10:18,
    /// 18 - 10).
    public var numberSeparators: Set<UInt32> = []
    /// What may follow digits read as a homophone in the same word (18놈, 10새끼, 아18ㅋ); any other
    /// Hangul glued after the digits makes them a number with its noun (10진법, 10계명, 18비트).
    public var numberAbusiveContinuations: [[UInt32]] = []
    /// Marks that make the digits right after them a label or an identifier (리뷰-10, #18, item_10).
    public var numberLabelMarks: Set<UInt32> = []
    /// Particles and copula forms that make the digits before them a number used as a noun (18을, 10과,
    /// 18이다).
    public var numberParticles: [[UInt32]] = []
    /// Whole words (proper nouns, loanwords, compounds) inside which no hit is reported (도시바, 쉑쉑버거).
    public var innocentWords: [[UInt32]] = []
    /// Uppercase Latin runs up to this length are acronyms, never romanized abuse (CIP).
    public var acronymMaximumLength = 3

    /// Rules with the built-in defaults and no word lists.
    public init() {}

    /// Reads `context_rules`; every field is optional and defaults to the values above.
    init(parsing value: JSONValue?, reader: FieldReader, taxonomy: Taxonomy) throws {
        guard let value else { return }
        let field = "context_rules"
        let object = try reader.object(value, field)
        func points(_ key: String, _ current: Int) throws -> Int {
            guard let item = object[key] else { return current }
            guard let number = item.intValue, (0...100).contains(number) else {
                throw reader.error("\(field).\(key)", "must be an integer from 0 to 100 (points)")
            }
            return number
        }
        func words(_ key: String) throws -> [[UInt32]] {
            try reader.strings(object[key], "\(field).\(key)").map { Array($0.unicodeScalars.map(\.value)) }
        }
        minimumScore = try points("min_score", minimumScore)
        plainPrior = try points("plain_prior", plainPrior)
        ambiguousPrior = try points("ambiguous_prior", ambiguousPrior)
        maximumEvasionBonus = try points("max_evasion_bonus", maximumEvasionBonus)
        romanizationMinimumSyllables = try points("romanization_min_syllables", romanizationMinimumSyllables)
        targetBonus = try points("target_bonus", targetBonus)
        constructionBonus = try points("construction_bonus", constructionBonus)
        otherAbuseBonus = try points("other_abuse_bonus", otherAbuseBonus)
        insideWordPenalty = try points("inside_word_penalty", insideWordPenalty)
        innocentPenalty = try points("innocent_penalty", innocentPenalty)
        acronymMaximumLength = try points("acronym_max_length", acronymMaximumLength)
        if let weights = object["technique_weights"] {
            for (name, weight) in try reader.object(weights, "\(field).technique_weights") {
                guard let technique = taxonomy.resolveTechnique(name) else {
                    throw reader.error("\(field).technique_weights.\(name)", "unknown technique")
                }
                guard let number = weight.intValue, (-100...100).contains(number) else {
                    throw reader.error("\(field).technique_weights.\(name)", "must be an integer from -100 to 100")
                }
                techniqueWeights[technique] = number
            }
        }
        targetWords = try words("target_words")
        secondPersonWords = try words("second_person_words")
        attachedSuffixes = try words("attached_suffixes")
        constructionAfter = try words("construction_after")
        attachedPrefixes = try words("attached_prefixes")
        numberPrefixes = try words("number_prefixes").map { $0.map(lowerASCII) }
        innocentWords = try words("innocent_words")
        numberParticles = try words("number_particles")
        numberAbusiveContinuations = try words("number_abusive_continuations")
        for mark in try reader.strings(object["number_label_marks"], "\(field).number_label_marks") {
            let scalars = Array(mark.unicodeScalars)
            guard scalars.count == 1 else { throw reader.error("\(field).number_label_marks", "\"\(mark)\" must be one character") }
            numberLabelMarks.insert(scalars[0].value)
        }
        for separator in try reader.strings(object["number_separators"], "\(field).number_separators") {
            let scalars = Array(separator.unicodeScalars)
            guard scalars.count == 1 else { throw reader.error("\(field).number_separators", "\"\(separator)\" must be one character") }
            numberSeparators.insert(scalars[0].value)
        }
    }
}
