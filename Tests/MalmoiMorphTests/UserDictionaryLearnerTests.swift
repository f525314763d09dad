import MalmoiMorph
import Testing

/// Learning user-dictionary entries from corrected analyses.
struct UserDictionaryLearnerTests {
    @Test func unknownContentMorphemesBecomeEntriesThatChangeTheAnalysis() throws {
        let dictionary = try TestDictionary.dictionary()
        let learner = UserDictionaryLearner(dictionary: dictionary)
        let corrections: [[(form: String, pos: String)]] = [
            [("챗지피티", "NNP"), ("를", "JKO"), ("만들", "VV"), ("ㄴ다", "EF")],
            [("챗지피티", "NNP"), ("가", "JKS"), ("말모이", "NNP"), ("를", "JKO"), ("읽", "VV"), ("는다", "EF")],
        ]
        let entries = learner.learn(corrections)
        // Known words (만들/VV, 읽/VV) and closed classes (JKO, EF) are not learned; the most used comes first.
        #expect(entries.map(\.surface) == ["챗지피티", "말모이"])
        #expect(entries.allSatisfy { $0.pos == "NNP" && $0.cost == learner.medianCost["NNP"] })
        #expect(entries.first?.occurrences == 2)
        #expect(learner.isKnown(surface: "학교", pos: "NNG") && !learner.isKnown(surface: "학교", pos: "VV"))
        let user = try UserDictionary(csv: UserDictionaryLearner.csv(entries), path: "learned.csv", system: dictionary)
        let analyzer = Analyzer(dictionary: dictionary, userDictionary: user)
        #expect(TestDictionary.tagged(analyzer, "챗지피티를 만든다") == "챗지피티/NNP 를/JKO 만든다/VV+EC")
    }

    @Test func aMinimumCountLeavesOutRareWords() throws {
        let learner = UserDictionaryLearner(dictionary: try TestDictionary.dictionary())
        let entries = learner.learn([[("챗지피티", "NNP")], [("챗지피티", "NNP")], [("말모이", "NNP")]], minimumCount: 2)
        #expect(entries.map(\.surface) == ["챗지피티"])
    }
}
