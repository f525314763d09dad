import MalmoiAbuse
import MalmoiMorph
import Testing

/// ``MorphemeAnalyzerFilter`` on the real mecab-ko-dic: the noun spans it reports, and the hits it
/// vetoes inside the canonicalizer (a plainly spelled word inside a longer noun morpheme).
struct MorphemeAnalyzerFilterTests {
    /// The dictionary, loaded once; without it the tests fail with the setup command.
    static let analyzer: Result<Analyzer, any Error> = Result { Analyzer(dictionary: try SystemDictionary.discover(explicit: nil)) }

    static func filter() throws -> MorphemeAnalyzerFilter {
        switch analyzer {
        case .success(let analyzer): return MorphemeAnalyzerFilter(analyzer: analyzer)
        case .failure(let error):
            Issue.record("mecab-ko-dic is needed: \(error). Setup: Scripts/install-mecab-ko-dic.sh")
            throw error
        }
    }

    /// mecab-ko-dic analyses 시발점, 지랄병 and 미친개 as one compound NNG each; 미친 in 미친 소리 is
    /// VV+ETM, so only 소리 is a noun there. Offsets are Unicode scalars.
    @Test(arguments: [
        ("시발점에서 보자", [0..<3]),
        ("지랄병 도졌네", [0..<3]),
        ("저 미친개 좀 봐", [2..<5]),
        ("미친 소리 하지 마", [3..<5]),
        ("지랄 좀 그만해", [0..<2]),
    ])
    func nounSpans(text: String, expected: [Range<Int>]) throws {
        #expect(try Self.filter().nounSpans(in: text) == expected)
    }

    @Test("A plainly spelled word inside a longer noun is vetoed only with the filter",
          arguments: [("지랄병 도졌네", "지랄"), ("저 미친개 좀 봐", "미친")])
    func vetoInsideALongerNoun(text: String, word: String) throws {
        var canonicalizer = try Canonicalizer.standard()
        #expect(canonicalizer.canonicalize(text).hits.map(\.canonical) == [word])
        canonicalizer.morphemeFilter = try Self.filter()
        #expect(canonicalizer.canonicalize(text).hits.isEmpty)
    }

    @Test("A word that is its own morpheme, and a disguised word, are kept with the filter",
          arguments: [("지랄 좀 그만해", "지랄", 0), ("미친 소리 하지 마", "미친", 0), ("ㅈㄹ병 도졌네", "지랄", 0)])
    func keptWithTheFilter(text: String, word: String, start: Int) throws {
        var canonicalizer = try Canonicalizer.standard()
        canonicalizer.morphemeFilter = try Self.filter()
        let hits = canonicalizer.canonicalize(text).hits
        #expect(hits.map(\.canonical) == [word])
        #expect(hits.first?.start == start)
    }
}
