import MalmoiSummary
import Testing

/// Which analyzer `summary draft --similarity` compares sentences with.
struct ExtractiveDrafterSimilarityTests {
    @Test("bigram needs no dictionary and warns of nothing")
    func bigram() {
        let chosen = ExtractiveDrafter.analyzer(for: .bigram, dictionary: "/nonexistent/mecab-ko-dic")
        #expect(chosen.analyzer == nil && chosen.warning == nil)
    }

    @Test("morph without a dictionary falls back to bigrams with a warning")
    func morphWithoutDictionary() {
        let chosen = ExtractiveDrafter.analyzer(for: .morph, dictionary: "/nonexistent/mecab-ko-dic")
        #expect(chosen.analyzer == nil)
        #expect(chosen.warning == "no mecab-ko-dic dictionary found; drafting with character-bigram similarity")
    }
}
