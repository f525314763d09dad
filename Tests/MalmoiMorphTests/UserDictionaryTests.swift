import Foundation
import MalmoiMorph
import Testing

@Suite struct UserDictionaryTests {
    @Test func shortFormWordChangesTheAnalysis() throws {
        let dictionary = try TestDictionary.dictionary()
        let plain = Analyzer(dictionary: dictionary)
        #expect(TestDictionary.tagged(plain, "챗지피티를 만든다") == "챗/NNG 지피/NNG 티/NNG 를/JKO 만든다/VV+EC")
        let user = try UserDictionary(csv: "챗지피티,NNP\n", path: "words.csv", system: dictionary)
        let analyzer = Analyzer(dictionary: dictionary, userDictionary: user)
        #expect(TestDictionary.tagged(analyzer, "챗지피티를 만든다") == "챗지피티/NNP 를/JKO 만든다/VV+EC")
        let token = try #require(analyzer.analyze("챗지피티를").first)
        #expect(token.featureString == "NNP,*,F,챗지피티,*,*,*,*")
        #expect(!token.isUnknown)
    }

    /// Ids are inferred the way mecab-dict-index does: rewrite.def, then left-id.def / right-id.def.
    @Test func inferredIdsMatchThoseOfASystemEntryWithTheSameFeature() throws {
        let dictionary = try TestDictionary.dictionary()
        let user = try UserDictionary(csv: "말모이,NNP\n깃허브,NNP,100\n", path: "words.csv", system: dictionary)
        let entry = try #require(user.entries.first { $0.surface == "말모이" })
        // right-id.def: 3545 NNP,*,F,…; left-id.def: 1786 NNP,*,*,…; pos-id.def: NNP 151.
        #expect(entry.rightId == 3545)
        #expect(entry.leftId == 1786)
        #expect(entry.posId == 151)
        #expect(entry.wordCost == UserDictionary.defaultCost)
        #expect(user.entries.first { $0.surface == "깃허브" }?.wordCost == 100)
        #expect(user.entries.first { $0.surface == "깃허브" }?.feature == "NNP,*,F,깃허브,*,*,*,*")
    }

    @Test func fullLayoutWithExplicitIdsIsUsedAsGiven() throws {
        let dictionary = try TestDictionary.dictionary()
        let csv = "말모이,1786,3545,-1000,NNP,*,F,말모이,*,*,*,*\n"
        let user = try UserDictionary(csv: csv, path: "words.csv", system: dictionary)
        let entry = try #require(user.entries.first)
        #expect(entry.leftId == 1786 && entry.rightId == 3545 && entry.wordCost == -1000)
        #expect(TestDictionary.tagged(Analyzer(dictionary: dictionary, userDictionary: user), "말모이") == "말모이/NNP")
    }

    @Test func corpusUserDictionaryLoads() throws {
        let dictionary = try TestDictionary.dictionary()
        let path = TestDictionary.repository.appendingPathComponent("Corpora/morph/user-dictionary.csv").path
        let user = try UserDictionary(contentsOf: path, system: dictionary)
        #expect(user.entries.count == 4)
        let analyzer = Analyzer(dictionary: dictionary, userDictionary: user)
        #expect(TestDictionary.tagged(analyzer, "말모이로 챗지피티를 평가했다").hasPrefix("말모이/NNP 로/JKB 챗지피티/NNP 를/JKO"))
    }

    @Test(arguments: [
        ("말모이\n", 1, "line"),
        ("a,NNP\n말모이,NNP,비싸다\n", 2, "cost"),
        ("말모이,XYZ\n", 1, "POS"),
        ("말모이,99999,1,0,NNP,*,F,말모이,*,*,*,*\n", 1, "left_id"),
        ("\"말모이,NNP\n", 1, "line"),
    ])
    func badLinesNameTheirLineAndField(_ csv: String, _ line: Int, _ field: String) throws {
        let dictionary = try TestDictionary.dictionary()
        do {
            _ = try UserDictionary(csv: csv, path: "words.csv", system: dictionary)
            Issue.record("expected an error")
        } catch let error as MorphError {
            #expect(error.code == .invalidUserDictionary)
            #expect(error.line == line)
            #expect(error.field == field)
            #expect(error.description.hasPrefix("words.csv:\(line): field \"\(field)\""))
        }
    }
}
