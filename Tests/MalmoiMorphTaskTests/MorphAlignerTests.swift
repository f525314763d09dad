import Foundation
import MalmoiCore
import MalmoiMorph
import MalmoiMorphTask
import Testing

/// The spelling rule of the morpheme correction task (`MorphAligner`) and the answer syntax.
@Suite struct MorphAlignerTests {
    private func aligned(_ line: String, _ text: String) throws -> Result<MorphAnalysis, MorphAligner.Failure> {
        MorphAligner.align(try #require(try MorphAnswerParser.parse(line)), to: text)
    }

    /// Every gold analysis of `Corpora/morph/correction.tsv` spells its sentence.
    @Test func goldAnalysesOfTheCorpusSpellTheirSentences() throws {
        let cases = try CorrectionCorpus.load()
        #expect(cases.count == 20)
        for entry in cases {
            let result = try aligned(entry.gold, entry.text)
            if case .failure(let failure) = result { Issue.record("\(entry.id): \(failure.message)") }
        }
    }

    /// Contractions recorded in mecab-ko-dic's expression field are accepted at the letter level.
    @Test(arguments: [
        ("들어가신다", "들어가/VV 시/EP ㄴ다/EC"),
        ("들어가신다", "들어가/VV 시/EP ᆫ다/EC"),          // conjoining ᆫ as in the dictionary
        ("들어가신다", "들어가/VV 신다/EP+EC"),            // unsplit, as MeCab prints it
        ("했다", "하/VV 았/EP 다/EF"),
        ("했다", "하/XSV 였/EP 다/EF"),
        ("봐", "보/VV 아/EC"),
        ("추워서", "춥/VA 어서/EC"),
        ("몰라", "모르/VV 아/EC"),
        ("그래", "그렇/VA 어/EC"),
        ("뭘", "무엇/NP ㄹ/JKO"),
        ("건", "것/NNB 은/JX"),
        ("학교다", "학교/NNG 이/VCP 다/EF"),
        ("돼요", "되/VV 어요/EF"),
        ("내", "나/NP 의/JKG"),
        ("들어", "듣/VV 어/EC"),
        ("도와", "돕/VV 아/EC"),
        ("주세요", "주/VV 시/EP 어요/EF"),
    ])
    func contractionsAreAccepted(_ text: String, _ line: String) throws {
        let result = try aligned(line, text)
        if case .failure(let failure) = result { Issue.record("\(text) ← \(line): \(failure.message)") }
    }

    /// Typos, missing and extra morphemes, and morphemes across a space are rejected.
    @Test(arguments: [
        ("아버지가 방에", "아바지/NNG 가/JKS 방/NNG 에/JKB"),        // typo inside a stem
        ("아버지가 방에", "아버지/NNG 방/NNG 에/JKB"),              // missing particle
        ("아버지가 방에", "아버지/NNG 가/JKS 방/NNG 에/JKB 서/JX"),  // extra morpheme at the end
        ("아버지가 방에", "아버지/NNG 가방/NNG 에/JKB"),            // a morpheme across the space
        ("들어가신다", "들어가/VV 시/EP"),                         // the ending dropped
        ("들어가신다", "들어가/VV 다/EC"),                         // letters gained beyond one per junction
        ("들어가신다", "들어가/VV 시/EP ㄴ다/EC 다/EF"),           // an extra morpheme vanishing
        ("KTX로", "KTZ/SL 로/JKB"),                                // non-Hangul must match exactly
        ("학교다", "학교/NNG 야/VCP 다/EF"),                        // only 이/VCP may vanish
        ("학교다", "학교/NNG 가/VCP 다/EF"),
        ("방에", "방/NNG 에/JKB 요/JX"),                            // ㅛ never merges into ㅔ
        ("아버지가", "아버저/NNG 가/JKS"),                          // a changed vowel needs a merge
        ("방에", "망/NNG 에/JKB"),                                 // the first letter of an eojeol is kept
    ])
    func misspellingsAreRejected(_ text: String, _ line: String) throws {
        let result = try aligned(line, text)
        if case .success(let analysis) = result { Issue.record("\(text) ← \(line) was accepted: \(analysis.jsonValue.serialized())") }
    }

    @Test func spansCoverSyllablesAndOverlapInContractions() throws {
        let analysis = try aligned("아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP+ㄴ다/EC", "아버지가 방에 들어가신다").get()
        #expect(analysis.entries.map { [$0.start!, $0.end!, $0.eojeol!] } == [
            [0, 3, 0], [3, 4, 0], [5, 6, 1], [6, 7, 1], [8, 11, 2], [11, 12, 2], [11, 13, 2],
        ])
        #expect(analysis.line == "아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP+ㄴ다/EC")
        let copula = try aligned("여기/NP 가/JKS 학교/NNG 이/VCP 다/EF", "여기가 학교다").get()
        #expect(copula.entries.map { [$0.start!, $0.end!] } == [[0, 2], [2, 3], [4, 6], [6, 6], [6, 7]])
    }

    @Test func failureNamesTheWordAndTheMorpheme() throws {
        let result = try aligned("아버지/NNG 가/JKS 밤/NNG 에/JKB", "아버지가 방에")
        guard case .failure(let failure) = result else { Issue.record("accepted"); return }
        #expect(failure.eojeol == 1)
        #expect(failure.morpheme == 2)
        #expect(failure.message.contains("word 2 \"방에\""))
        #expect(failure.message.contains("밤/NNG"))
        let extra = try aligned("방/NNG 에/JKB 요/JX", "방에")
        guard case .failure(let left) = extra else { Issue.record("accepted"); return }
        #expect(left.message.contains("left over"))
    }

    /// Boundary decisions: one per gap inside an eojeol; a boundary inside a syllable is no gap.
    @Test func boundariesAreCharacterGapsInsideEojeols() throws {
        let analysis = try aligned("아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP+ㄴ다/EC", "아버지가 방에 들어가신다").get()
        let decisions = MorphemeAgreement.boundaries(of: analysis)
        #expect(decisions.map(\.gap) == [1, 2, 3, 6, 9, 10, 11, 12])
        #expect(decisions.filter(\.isBoundary).map(\.gap) == [3, 6, 11])
        let copula = try aligned("학교/NNG 이/VCP 다/EF", "학교다").get()
        #expect(MorphemeAgreement.boundaries(of: copula).map { "\($0.gap):\($0.isBoundary)" } == ["1:false", "2:true"])
    }

    // MARK: Answer syntax

    @Test(arguments: [
        ("+/SY", ["+/SY"]),
        ("//SC", ["//SC"]),
        ("1/2/SN", ["1/2/SN"]),
        ("C++/SL", ["C++/SL"]),
        ("신다/EP+EC", ["신다/EP+EC"]),
        ("시/EP+ㄴ다/EC", ["시/EP", "ㄴ다/EC"]),
        ("하/VV+았/EP+어/EF", ["하/VV", "았/EP", "어/EF"]),
        ("아버지/nng", ["아버지/NNG"]),
        ("아버지/ㅜㅜㅎ", ["아버지/NNG"]),         // typed with the Korean layout on
        ("시/데", ["시/EP"]),                     // EP typed as 데
        ("시/EP+ᆫ다/EC", ["시/EP", "ㄴ다/EC"]),    // conjoining jamo become compatibility jamo
    ])
    func tokensReadAsFormSlashTag(_ token: String, _ expected: [String]) throws {
        #expect(try MorphAnswerParser.parseToken(token).map(\.typed) == expected)
    }

    @Test(arguments: ["", "   ", "ok", "OK", "ㅐㅏ"])
    func emptyLineAndOkConfirm(_ line: String) throws {
        #expect(try MorphAnswerParser.parse(line) == nil)
    }

    @Test(arguments: [("아버지", "tag is missing"), ("아버지/", "nothing after"), ("아버지/N1G", "form/TAG"), ("/NNG", "form/TAG")])
    func unreadableTokensSayHowToWriteThem(_ token: String, _ fragment: String) {
        #expect {
            _ = try MorphAnswerParser.parse("방/NNG \(token)")
        } throws: { error in
            guard let error = error as? TaskError else { return false }
            return error.code == .invalidAnswer && error.message.contains(token) && error.message.contains(fragment)
        }
    }
}

/// `Corpora/morph/correction.tsv`: id, sentence and gold analysis per line.
enum CorrectionCorpus {
    struct Case {
        var id: String
        var text: String
        var gold: String
    }

    static func load() throws -> [Case] {
        let url = TestDictionary.repository.appendingPathComponent("Corpora/morph/correction.tsv")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return fields.count == 3 ? Case(id: fields[0], text: fields[1], gold: fields[2]) : nil
        }
    }
}
