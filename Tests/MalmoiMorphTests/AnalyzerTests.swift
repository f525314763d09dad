import Foundation
import MalmoiMorph
import Testing

@Suite struct AnalyzerTests {
    /// Every line of `Corpora/morph/edge-cases.txt` gives MeCab's output in `edge-cases.mecab`, byte for byte.
    @Test func edgeCasesMatchMeCabByteForByte() throws {
        let analyzer = try TestDictionary.analyzer()
        let folder = TestDictionary.repository.appendingPathComponent("Corpora/morph")
        let input = try String(contentsOf: folder.appendingPathComponent("edge-cases.txt"), encoding: .utf8)
        let expected = try String(contentsOf: folder.appendingPathComponent("edge-cases.mecab"), encoding: .utf8)
        var lines = input.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()
        var blocks: [String] = []
        var current = ""
        for line in expected.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            current += line + "\n"
            if line == "EOS" {
                blocks.append(current)
                current = ""
            }
        }
        #expect(blocks.count == lines.count)
        for (line, block) in zip(lines, blocks) {
            #expect(TestDictionary.mecabOutput(analyzer, line) == block, "\(line.debugDescription)")
        }
    }

    /// Exact ties are broken the way MeCab breaks them; each case was a difference found by parity runs
    /// with a wrong ordering rule (`docs/mecab-dictionary-format.md`, "Costs and the best path").
    @Test(arguments: [
        ("그는 학교에 가서 공부했다", "그/NP 는/JX 학교/NNG 에/JKB 가/VV 서/EC 공부/NNG 했/XSV+EP 다/EC"),
        ("아버지가방에들어가신다", "아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 신다/EP+EC"),
        ("해봤어요", "해/VV+EC 봤/VX+EP 어요/EF"),
    ])
    func tiesFollowMeCabOrder(_ text: String, _ expected: String) throws {
        #expect(TestDictionary.tagged(try TestDictionary.analyzer(), text) == expected)
    }

    /// mecab-ko's `left-space-penalty-factor`: a particle after a space costs 6000 more, yet it is only
    /// a penalty, not a ban.
    @Test func spaceBeforeParticleIsPenalizedNotForbidden() throws {
        let analyzer = try TestDictionary.analyzer()
        #expect(TestDictionary.tagged(analyzer, "나는 학교 에 간다") == "나/NP 는/JX 학교/NNG 에/JKB 간다/VV+EC")
        #expect(TestDictionary.tagged(analyzer, "집 에서 밥 을 먹었다") == "집/NNG 에서/JKB 밥/NNG 을/JKO 먹/VV 었/EP 다/EC")
    }

    @Test(arguments: [
        // NBSP is DEFAULT in char.bin, so it becomes a symbol token, not a separator.
        ("서울\u{00A0}시청", "서울/NNP \u{00A0}/SY 시청/NNG"),
        // U+FFFF indexes past the table: an empty category that groups with nothing.
        ("가\u{FFFF}나", "가/JKS \u{FFFF}/SY 나/JX"),
        // 4-byte characters all reduce to U+0000 (DEFAULT) and group together.
        ("정말😀👍🏽", "정말/MAG 😀👍🏽/SY"),
        ("大韓民國 만세", "大韓/NNG 民國/NNG 만세/NNG"),
        ("ㅋㅋㅋ 웃기다ㅠㅠ", "ㅋㅋㅋ/IC 웃기/VV 다/EF ㅠㅠ/UNKNOWN"),
    ])
    func specialCharactersFollowCharBin(_ text: String, _ expected: String) throws {
        #expect(TestDictionary.tagged(try TestDictionary.analyzer(), text) == expected)
    }

    @Test func latinRunsLongerThan25LettersSplitIntoSingleLettersThenAGroup() throws {
        let letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        let tokens = try TestDictionary.analyzer().analyze(letters)
        #expect(tokens.count == 28)
        #expect(tokens.prefix(27).allSatisfy { $0.surface.unicodeScalars.count == 1 && $0.pos == "SL" })
        #expect(tokens.last?.surface == String(letters.suffix(25)))
    }

    @Test(arguments: ["", "   ", "\t \t", "\n"])
    func blankTextHasNoTokens(_ text: String) throws {
        #expect(try TestDictionary.analyzer().analyze(text).isEmpty)
        #expect(TestDictionary.mecabOutput(try TestDictionary.analyzer(), text) == "EOS\n")
    }

    @Test func offsetsAreUnicodeScalarOffsets() throws {
        let text = "😀 아버지가 왔다"
        let tokens = try TestDictionary.analyzer().analyze(text)
        let scalars = Array(text.unicodeScalars)
        for token in tokens {
            #expect(String(String.UnicodeScalarView(scalars[token.start..<token.end])) == token.surface)
        }
        #expect(tokens.map(\.start) == [0, 2, 5, 7, 8])
    }

    /// MeCab stops at a NUL (it takes C strings); Malmoi analyzes it as the DEFAULT character U+0000
    /// and goes on, so no text is silently dropped.
    @Test func nulIsAnalyzedAsASymbolInsteadOfEndingTheText() throws {
        #expect(TestDictionary.tagged(try TestDictionary.analyzer(), "가\u{0}나 다") == "가/JKS \u{0}/SY 나/JX 다/MAG")
    }

    /// Whitespace runs of 65,535 bytes and more make MeCab's 16-bit lengths overflow (its output is
    /// undefined there); Malmoi skips any run like a short one.
    @Test func veryLongWhitespaceRunActsLikeOneSpace() throws {
        let analyzer = try TestDictionary.analyzer()
        let long = "가" + String(repeating: " ", count: 70_000) + "나다"
        #expect(TestDictionary.tagged(analyzer, long) == TestDictionary.tagged(analyzer, "가 나다"))
        #expect(analyzer.analyze(long).last?.end == 70_003)
    }

    @Test func expressionIsSpelledOutWithSpans() throws {
        let tokens = try TestDictionary.analyzer().analyze("들어가신다")
        let inflect = try #require(tokens.last)
        #expect(inflect.type == "Inflect")
        // mecab-ko-dic writes this ending with a compatibility jamo (others, like 만든다, use ᆫ U+11AB).
        #expect(inflect.expression.map(\.form) == ["시", "\u{3134}다"])
        #expect(inflect.expression.map(\.pos) == ["EP", "EC"])
        // 신다 ≠ 시 + ᆫ다 letter for letter, so both parts carry the token's span.
        #expect(inflect.expression.allSatisfy { $0.start == 3 && $0.end == 5 })
    }

    @Test func compoundPartsGetTheirOwnSpans() throws {
        let tokens = try TestDictionary.analyzer().analyze("인공지능")
        let compound = try #require(tokens.first { $0.type == "Compound" })
        #expect(compound.parts.map(\.form) == ["인공", "지능"])
        #expect(compound.parts.map(\.start) == [0, 2])
        #expect(compound.parts.map(\.end) == [2, 4])
    }

    @Test func nbestListsDistinctPathsBestFirst() throws {
        let analyzer = try TestDictionary.analyzer()
        let paths = analyzer.analyze("아버지가방에들어가신다", nbest: 3)
        #expect(paths.count == 3)
        #expect(paths[0].map(\.surface) == analyzer.analyze("아버지가방에들어가신다").map(\.surface))
        #expect(Set(paths.map { $0.map { "\($0.surface)\t\($0.featureString)" } }).count == 3)
    }

    @Test func oneAnalyzerIsSafeToShareBetweenThreads() async throws {
        let analyzer = try TestDictionary.analyzer()
        let sentences = ["아버지가 방에 들어가신다", "오늘 날씨가 맑다", "大韓民國 만세 😀", "ABC 123"]
        let expected = sentences.map { TestDictionary.tagged(analyzer, $0) }
        let results = await withTaskGroup(of: (Int, String).self) { group in
            for round in 0..<64 {
                group.addTask { (round % sentences.count, TestDictionary.tagged(analyzer, sentences[round % sentences.count])) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for (index, result) in results { #expect(result == expected[index]) }
    }
}
