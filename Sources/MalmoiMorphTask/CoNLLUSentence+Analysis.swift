import MalmoiCore
import MalmoiMorph

extension CoNLLUSentence {
    /// The sentence of an aligned morpheme analysis: one word per eojeol of `text`, LEMMA and XPOS from
    /// the morphemes the analysis places in it (an unsplit contraction `신다/EP+EC` stays one morpheme
    /// with the tag `EP+EC`).
    /// - Precondition: `analysis` is aligned with `text` (``MorphAligner/align(_:to:)``); morphemes
    ///   without an eojeol are left out.
    public init(id: String, text: String, analysis: MorphAnalysis) {
        var words = Self.eojeols(of: text).map { Word(form: $0.form, lemmas: [], tags: []) }
        for entry in analysis.entries {
            guard let eojeol = entry.eojeol, words.indices.contains(eojeol) else { continue }
            words[eojeol].lemmas.append(entry.form)
            words[eojeol].tags.append(entry.pos)
        }
        self.init(id: id, text: text, words: words)
    }
}
