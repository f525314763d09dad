import MalmoiCore

/// The profanity and slur lexicon (`Guidelines/abuse/lexicon.json`): stems with category, severity,
/// respellings and the context they need, plus the substitution tables the canonicalizer uses
/// (placeholders, look-alikes, Latin letters, emoji and Hanja readings, counters).
///
/// ```swift
/// let lexicon = try Lexicon.standard(taxonomy: try Taxonomy.standard())
/// lexicon.entries.first?.canonical   // "씨발"
/// ```
public struct Lexicon: Sendable {
    /// Where a match may stand; every rule is checked on the canonicalized text around the match.
    public struct Context: Hashable, Sendable {
        /// Strings that may not immediately follow the match (시발 + 점 is innocent).
        public var notBefore: [String] = []
        /// Strings that may not immediately precede the match in the same word.
        public var notAfter: [String] = []
        /// Reject when a counter word (년, 살, 세 …) follows, as in 18세.
        public var counters = false
        /// Match only where digits were read aloud (10 → 십).
        public var digitOnly = false
        /// With ``digitOnly``: the digits must touch Hangul in the same word (10창, not a lone 10).
        public var attached = false
        /// The match must be a whole word (repeats of the same letter allowed: ㅗㅗ).
        public var standalone = false
        /// ``notBefore`` and ``notAfter`` also look at the neighbouring word across one space
        /// (가방을 뒤져 봤다, 불이 꺼져 있다).
        public var nextWord = false
        /// With a morpheme analyzer: reject a hit lying inside a longer noun morpheme (시발점).
        public var morphRejectInsideNoun = true
        /// Strings that, right after the match (or starting the next word), show its innocent sense;
        /// they lower the score by ``ContextRules/innocentPenalty`` (병신 + 년 as in 丙申年, X팔 + 리).
        public var innocentBefore: [String] = []
        /// Strings anywhere in the line that show the innocent sense (낳다, 어미, 펭귄 for an animal's
        /// young); they lower the score by ``ContextRules/innocentPenalty``.
        public var innocentInLine: [String] = []
        /// Strings that may not start the next word (닥쳐 + 오: a crisis "comes upon").
        public var notBeforeWord: [String] = []
        /// Strings that may not end the previous word (에 미친 영향, 살이 찐다).
        public var notAfterWord: [String] = []

        /// Creates a context with no restrictions.
        public init() {}
    }

    /// One spelling of an entry with its own context.
    public struct Form: Hashable, Sendable {
        /// The spelling.
        public var text: String
        /// The context (the entry's, with the form's additions).
        public var context: Context
    }

    /// A lexicon entry: one stem and its spellings.
    public struct Entry: Hashable, Sendable {
        /// The citation form reported in hits (`canonical` in scan output).
        public var canonical: String
        /// The standard spelling written into canonical text in place of a disguised match.
        public var stem: String
        /// The harm category.
        public var category: HarmCategory
        /// Severity 1–3.
        public var severity: Int
        /// Respellings (phonetic variants or pictograms).
        public var forms: [Form]
        /// Initial-consonant abbreviations.
        public var choseong: [String]
        /// Whether partly reduced spellings (ㅈ같) are derived.
        public var derivesPartial: Bool
        /// Whether the two syllables written in reverse order are accepted as a whole word.
        public var acceptsReorder: Bool
        /// Code-switched equivalents (foreign words).
        public var foreign: [String]
        /// Camouflage puns, matched as whole words.
        public var puns: [String]
        /// The entry-wide context.
        public var context: Context
        /// The technique a respelling of this entry counts as (phonetic respelling, or the pictogram).
        public var formTechnique: EvasionTechnique
        /// A technique the plain stem itself counts as (the ㅗ gesture), if any.
        public var stemTechnique: EvasionTechnique?
        /// Spellings (the stem or forms) that also have an ordinary meaning (새끼 an animal's young,
        /// 염병 typhoid, 색기 色氣); written plainly they need an abusive context to be reported.
        public var innocentSenses: [String] = []
    }

    /// The lexicon's version.
    public var version: String
    /// The entries.
    public var entries: [Entry]
    /// Placeholder characters (x, *, ○ …) that stand for a masked syllable.
    public var placeholders: Set<UInt32>
    /// Look-alike character → the compatibility jamo it imitates.
    public var lookalikes: [UInt32: UInt32]
    /// Lowercase Latin letter → the syllable it is read as (c → 씨).
    public var latinSyllables: [UInt32: UInt32]
    /// Emoji → the syllables it stands for.
    public var emoji: [UInt32: [UInt32]]
    /// Hanja → its Hangul reading.
    public var hanja: [UInt32: [UInt32]]
    /// Counter words that make a preceding number a quantity (년, 살, 세 …).
    public var counters: [[UInt32]]
    /// Compatibility jamo used as laughter or emotion (ㅋ, ㅎ, ㅠ) that may touch an abbreviation.
    public var laughterJamo: Set<UInt32>
    /// The rules that score candidates from their context (`context_rules`; defaults when absent).
    public var contextRules: ContextRules

    /// The lexicon built into the library (a copy of `Guidelines/abuse/lexicon.json`).
    public static func standard(taxonomy: Taxonomy) throws -> Lexicon {
        try Lexicon(parsing: EmbeddedResources.lexiconJSON, path: "Guidelines/abuse/lexicon.json", taxonomy: taxonomy)
    }

    /// Loads and validates a lexicon file against a taxonomy.
    public init(contentsOf path: String, taxonomy: Taxonomy) throws {
        try self.init(parsing: try readTextFile(path), path: path, taxonomy: taxonomy)
    }

    /// Parses and validates lexicon JSON; `path` is used in error messages.
    /// - Throws: ``AbuseError`` `.invalidLexicon` naming the field at fault.
    public init(parsing text: String, path: String, taxonomy: Taxonomy) throws {
        let root: JSONValue
        do { root = try JSONValue.parse(text) } catch {
            throw AbuseError(.invalidLexicon, "\(path): not valid JSON: \(error.message) at byte \(error.offset)")
        }
        let reader = FieldReader(path: path, code: .invalidLexicon)
        let top = try reader.object(root, "")
        guard try reader.int(top, "schema_version") == 1 else { throw reader.error("schema_version", "unsupported; this Malmoi reads 1") }
        version = try reader.string(top, "version")
        let tables = try reader.object(top["tables"], "tables")
        func scalars(_ string: String) -> [UInt32] { string.unicodeScalars.map(\.value) }
        func single(_ string: String, _ field: String) throws -> UInt32 {
            let values = scalars(string)
            guard values.count == 1 else { throw reader.error(field, "\"\(string)\" must be one character") }
            return values[0]
        }
        placeholders = Set(try reader.requiredStrings(tables["placeholders"], "tables.placeholders").map { try single($0, "tables.placeholders") })
        var lookalikes: [UInt32: UInt32] = [:]
        for (jamo, list) in try reader.object(tables["lookalikes"], "tables.lookalikes") {
            let target = try single(jamo, "tables.lookalikes")
            for item in try reader.strings(list, "tables.lookalikes.\(jamo)") { lookalikes[try single(item, "tables.lookalikes.\(jamo)")] = target }
        }
        self.lookalikes = lookalikes
        var latin: [UInt32: UInt32] = [:]
        for (letter, syllable) in try reader.object(tables["latin_syllables"], "tables.latin_syllables") {
            latin[try single(letter.lowercased(), "tables.latin_syllables")] = try single(syllable.stringValue ?? "", "tables.latin_syllables.\(letter)")
        }
        latinSyllables = latin
        func readingTable(_ key: String) throws -> [UInt32: [UInt32]] {
            var table: [UInt32: [UInt32]] = [:]
            for (symbol, reading) in try reader.object(tables[key], "tables.\(key)") {
                guard let text = reading.stringValue, scalars(text).allSatisfy(Jamo.isSyllable), !text.isEmpty else {
                    throw reader.error("tables.\(key).\(symbol)", "reading must be Hangul syllables")
                }
                table[try single(symbol, "tables.\(key)")] = scalars(text)
            }
            return table
        }
        emoji = try readingTable("emoji")
        hanja = try readingTable("hanja")
        counters = try reader.requiredStrings(tables["counters"], "tables.counters").map(scalars)
        laughterJamo = Set(try reader.requiredStrings(tables["laughter_jamo"], "tables.laughter_jamo").map { try single($0, "tables.laughter_jamo") })

        var entries: [Entry] = []
        for (index, value) in try reader.array(top["entries"], "entries").enumerated() {
            let field = "entries[\(index)]"
            let object = try reader.object(value, field)
            let canonical = try reader.string(object, "canonical", in: field)
            let categoryName = try reader.string(object, "category", in: field)
            guard let category = HarmCategory(rawValue: categoryName), taxonomy.categories.contains(where: { $0.id == categoryName }) else {
                throw reader.error(field + ".category", "unknown category \"\(categoryName)\"; see taxonomy axes.category")
            }
            let severity = try reader.int(object, "severity", in: field)
            guard (1...3).contains(severity) else { throw reader.error(field + ".severity", "must be 1, 2 or 3, found \(severity)") }
            let context = try Self.context(object["context"], base: Context(), reader: reader, field: field + ".context")
            var forms: [Form] = []
            let formValues: [JSONValue] = try object["forms"].map { try reader.array($0, field + ".forms") } ?? []
            for (k, formValue) in formValues.enumerated() {
                let formField = "\(field).forms[\(k)]"
                if let text = formValue.stringValue, !text.isEmpty {
                    forms.append(Form(text: text, context: context))
                } else {
                    let formObject = try reader.object(formValue, formField)
                    let base = formObject["inherit"]?.boolValue == false ? Context() : context
                    forms.append(Form(text: try reader.string(formObject, "form", in: formField),
                                      context: try Self.context(formValue, base: base, reader: reader, field: formField)))
                }
            }
            func technique(_ key: String) throws -> EvasionTechnique? {
                guard let name = object[key]?.stringValue else { return nil }
                guard let technique = taxonomy.resolveTechnique(name) else { throw reader.error("\(field).\(key)", "unknown technique \"\(name)\"") }
                return technique
            }
            let stem = object["stem"]?.stringValue ?? canonical
            let choseong: [String]
            if let list = object["choseong"] {
                choseong = try reader.strings(list, field + ".choseong")
            } else {
                let stemScalars = scalars(stem)
                choseong = stemScalars.count >= 2 && stemScalars.allSatisfy(Jamo.isSyllable)
                    ? [String(String.UnicodeScalarView(stemScalars.map { Unicode.Scalar(Jamo.choseong(of: $0))! }))] : []
            }
            for spelling in [stem] + forms.map(\.text) + choseong where spelling.unicodeScalars.contains(where: { $0.value == 0x20 }) {
                throw reader.error(field, "spelling \"\(spelling)\" must not contain spaces")
            }
            entries.append(Entry(
                canonical: canonical, stem: stem, category: category, severity: severity, forms: forms,
                choseong: choseong,
                derivesPartial: object["partial"]?.boolValue ?? true,
                acceptsReorder: object["reorder"]?.boolValue ?? false,
                foreign: try reader.strings(object["foreign"], field + ".foreign").map { $0.lowercased() },
                puns: try reader.strings(object["puns"], field + ".puns"),
                context: context,
                formTechnique: try technique("form_technique") ?? (canonical == "ㅗ" ? .gesturePictogram : .phoneticRespelling),
                stemTechnique: try technique("stem_technique")
                    ?? (canonical == "ㅗ" ? .gesturePictogram : (object["foreign"] != nil && stem.unicodeScalars.allSatisfy { $0.value < 0x80 } ? .codeSwitch : nil)),
                innocentSenses: try reader.strings(object["innocent_senses"], field + ".innocent_senses")))
            let spellings = Set([stem] + forms.map(\.text) + entries[entries.count - 1].foreign)
            for sense in entries[entries.count - 1].innocentSenses where !spellings.contains(sense) {
                throw reader.error(field + ".innocent_senses", "\"\(sense)\" is not the stem or a form of this entry")
            }
        }
        guard !entries.isEmpty else { throw reader.error("entries", "must not be empty") }
        self.entries = entries
        contextRules = try ContextRules(parsing: top["context_rules"], reader: reader, taxonomy: taxonomy)
    }

    private static func context(_ value: JSONValue?, base: Context, reader: FieldReader, field: String) throws -> Context {
        var context = base
        guard let value else { return context }
        let object = try reader.object(value, field)
        context.notBefore += try reader.strings(object["not_before"], field + ".not_before")
        context.notAfter += try reader.strings(object["not_after"], field + ".not_after")
        if let flag = object["counters"]?.boolValue { context.counters = flag }
        if let flag = object["digit_only"]?.boolValue { context.digitOnly = flag }
        if let flag = object["attached"]?.boolValue { context.attached = flag }
        if let flag = object["standalone"]?.boolValue { context.standalone = flag }
        if let flag = object["next_word"]?.boolValue { context.nextWord = flag }
        if let flag = object["morph_reject_inside_noun"]?.boolValue { context.morphRejectInsideNoun = flag }
        context.innocentBefore += try reader.strings(object["innocent_before"], field + ".innocent_before")
        context.notBeforeWord += try reader.strings(object["not_before_word"], field + ".not_before_word")
        context.innocentInLine += try reader.strings(object["innocent_in_line"], field + ".innocent_in_line")
        context.notAfterWord += try reader.strings(object["not_after_word"], field + ".not_after_word")
        return context
    }
}
