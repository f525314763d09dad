/// One sentence in CoNLL-U, in the style of the UD Korean treebanks: one word line per eojeol, FORM the
/// eojeol, LEMMA its `+`-joined morphemes, XPOS their `+`-joined tags.
///
/// ```swift
/// let sentence = CoNLLUSentence(id: "7", text: "방에 들어가신다", words: [
///     .init(form: "방에", lemmas: ["방", "에"], tags: ["NNG", "JKB"]),
///     .init(form: "들어가신다", lemmas: ["들어가", "시", "ㄴ다"], tags: ["VV", "EP", "EC"]),
/// ])
/// sentence.rendered
/// // # sent_id = 7
/// // # text = 방에 들어가신다
/// // 1	방에	방+에	NOUN	NNG+JKB	_	_	_	_	_
/// // 2	들어가신다	들어가+시+ㄴ다	VERB	VV+EP+EC	_	_	_	_	_
/// // (blank line)
/// ```
/// Used by `malmoi morph --format conllu` (``AnalysisFormat/conllu``) and by the export of the morpheme
/// correction task (``MorphCorrectionTask/conllu(of:for:)``), so both write the same lines. UPOS is a
/// coarse guess from the tags; HEAD, DEPREL and the other columns are `_`. Format:
/// <https://universaldependencies.org/format.html>.
public struct CoNLLUSentence: Hashable, Sendable {
    /// One word line: an eojeol and its morphemes.
    public struct Word: Hashable, Sendable {
        /// The eojeol as written (FORM).
        public var form: String
        /// Its morphemes (joined by `+` into LEMMA; `_` when empty).
        public var lemmas: [String]
        /// Their tags (joined by `+` into XPOS; `_` when empty).
        public var tags: [String]

        /// Creates a word.
        public init(form: String, lemmas: [String], tags: [String]) {
            self.form = form
            self.lemmas = lemmas
            self.tags = tags
        }
    }

    /// The `sent_id` comment's value.
    public var id: String
    /// The `text` comment's value (C0 controls are written as spaces).
    public var text: String
    /// The word lines, in order.
    public var words: [Word]

    /// Creates a sentence.
    public init(id: String, text: String, words: [Word]) {
        self.id = id
        self.text = text
        self.words = words
    }

    /// The sentence's lines, each ending in `\n`, then the blank line that ends a CoNLL-U sentence.
    public var rendered: String {
        var output = "# sent_id = \(id)\n# text = \(Self.replacingControls(text))\n"
        for (index, word) in words.enumerated() {
            let lemma = word.lemmas.isEmpty ? "_" : word.lemmas.joined(separator: "+")
            let xpos = word.tags.isEmpty ? "_" : word.tags.joined(separator: "+")
            output += "\(index + 1)\t\(word.form)\t\(lemma)\t\(Self.universalTag(word.tags.flatMap { $0.split(separator: "+").map(String.init) }))\t\(xpos)\t_\t_\t_\t_\t_\n"
        }
        return output + "\n"
    }

    /// The eojeols of a text: maximal runs of scalars that are not separators
    /// (``AnalysisFormat/isEojeolSeparator(_:)``), with their scalar spans `[start, end)`.
    public static func eojeols(of text: String) -> [(start: Int, end: Int, form: String)] {
        var eojeols: [(start: Int, end: Int, form: String)] = []
        var current = ""
        var currentStart = 0
        var offset = 0
        for scalar in text.unicodeScalars {
            if AnalysisFormat.isEojeolSeparator(scalar) {
                if !current.isEmpty { eojeols.append((currentStart, offset, current)) }
                current = ""
            } else {
                if current.isEmpty { currentStart = offset }
                current.unicodeScalars.append(scalar)
            }
            offset += 1
        }
        if !current.isEmpty { eojeols.append((currentStart, offset, current)) }
        return eojeols
    }

    /// A coarse Universal POS tag for an eojeol from its morpheme tags.
    static func universalTag(_ tags: [String]) -> String {
        guard let first = tags.first else { return "X" }
        if tags.contains(where: { $0 == "VV" || $0 == "XSV" || $0 == "VX" }) && !first.hasPrefix("N") || first == "VV" { return "VERB" }
        if tags.contains(where: { $0 == "VA" || $0 == "XSA" }) && !first.hasPrefix("N") || first == "VA" { return "ADJ" }
        switch first {
        case "NNG", "NNB", "NNBC", "NR", "XR", "XPN", "SH": return tags.contains("XSV") ? "VERB" : tags.contains("XSA") ? "ADJ" : "NOUN"
        case "NNP": return "PROPN"
        case "NP": return "PRON"
        case "MAG", "MAJ": return "ADV"
        case "MM": return "DET"
        case "IC": return "INTJ"
        case "SN": return "NUM"
        case "SL": return "X"
        case "SF", "SE", "SC", "SSO", "SSC", "SP", "SS": return "PUNCT"
        case "SY": return "SYM"
        case "VCP", "VCN": return "VERB"
        default:
            if first.hasPrefix("J") { return "ADP" }
            if first.hasPrefix("E") { return "PART" }
            return "X"
        }
    }

    /// The text with tabs, line breaks and other C0 controls replaced by spaces (for `# text =` lines).
    static func replacingControls(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            result.unicodeScalars.append(scalar.value < 0x20 ? " " : scalar)
        }
        return result
    }
}
