import MalmoiCore
import MalmoiMorph
extension MorphAnalysis {
    /// The analyzer's analysis of a sentence as the machine draft of the morpheme correction task,
    /// aligned with the sentence.
    ///
    /// ```swift
    /// MorphAnalysis(draftOf: "아버지가 방에 들어가신다", analyzer: analyzer)?.line
    /// // "아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP+ㄴ다/EC"
    /// ```
    /// Each token gives the morphemes `malmoi morph --format conllu` puts in LEMMA: a simple or
    /// Compound token whole, an Inflect or Preanalysis token as the parts of its expression field (bare
    /// endings in compatibility jamo). Where the parts do not spell the token in its eojeol under the
    /// ``MorphAligner`` rule (mecab-ko-dic writes 였 as 았, or contracts inside a stem: 이뤄지 =
    /// 이루어지), or carry a tag outside ``MorphTagSet``, the token stays whole with its `+`-joined tag
    /// (`이뤄지는/VV+ETM`).
    /// - Returns: the draft, or nil when the text has no eojeols or the draft cannot be aligned.
    public init?(draftOf text: String, analyzer: Analyzer) {
        let tokens = analyzer.analyze(text)
        guard !tokens.isEmpty else { return nil }
        let wholes = tokens.map { [Entry(form: JamoLetters.composed($0.surface), pos: $0.pos)] }
        var chosen = wholes
        let words = CoNLLUSentence.eojeols(of: text)
        let wordOfToken = tokens.map { token in words.firstIndex { token.start >= $0.start && token.start < $0.end } }
        for (index, token) in tokens.enumerated() {
            let parts = AnalysisFormat.conlluParts(of: token).map { Entry(form: JamoLetters.composed($0.form), pos: $0.pos) }
            guard parts.count > 1, parts.allSatisfy({ MorphTagSet.contains($0.pos) }), let word = wordOfToken[index] else { continue }
            // Try the parts in their eojeol, the other tokens of the eojeol kept whole.
            let entries = tokens.indices.filter { wordOfToken[$0] == word }.flatMap { $0 == index ? parts : wholes[$0] }
            if case .success = MorphAligner.align(MorphAnalysis(entries: entries), to: words[word].form) { chosen[index] = parts }
        }
        for candidate in [chosen, wholes] {
            if case .success(let aligned) = MorphAligner.align(MorphAnalysis(entries: candidate.flatMap { $0 }), to: text) {
                self = aligned
                return
            }
        }
        return nil
    }

    /// The analysis with every unsplit contracted morpheme (`신다/EP+EC`) replaced by the morphemes
    /// mecab-ko-dic records for that surface and tag sequence (`시/EP`, `ㄴ다/EC`), where it has them.
    /// Spans are dropped from the entries it replaces; align again afterwards.
    public func spelledOut(with analyzer: Analyzer) -> MorphAnalysis {
        var result: [Entry] = []
        var changed = false
        for entry in entries {
            guard entry.tags.count > 1, let parts = analyzer.recordedParts(surface: entry.form, pos: entry.pos) else {
                result.append(entry)
                continue
            }
            result += parts.map { Entry(form: $0.form, pos: $0.pos) }
            changed = true
        }
        return changed ? MorphAnalysis(entries: result, isConfirmed: isConfirmed) : self
    }
}

extension Analyzer {
    /// The morphemes of the first system-dictionary entry with this surface and tag whose expression
    /// field spells them out, forms in compatibility jamo; nil when there is none.
    ///
    /// ```swift
    /// analyzer.recordedParts(surface: "신다", pos: "EP+EC")   // [("시", "EP"), ("ㄴ다", "EC")]
    /// ```
    public func recordedParts(surface: String, pos: String) -> [(form: String, pos: String)]? {
        expressionParts(surface: surface, pos: pos).map { parts in
            parts.map { (JamoLetters.composed(AnalysisFormat.compatibilityJamo($0.form)), $0.pos) }
        }
    }
}
