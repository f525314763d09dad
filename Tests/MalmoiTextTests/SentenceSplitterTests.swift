import Foundation
import MalmoiText
import Testing

@Suite struct SentenceSplitterTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var passage: String
        var sentences: [String]
        var line: Int
        var testDescription: String { "line \(line): \(passage)" }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The cases of `Corpora/sentences/splits.txt`.
    static let cases: [Case] = {
        let url = repository.appendingPathComponent("Corpora/sentences/splits.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var cases: [Case] = []
        var current: Case?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("> ") {
                if let current { cases.append(current) }
                current = Case(passage: String(line.dropFirst(2)), sentences: [], line: index + 1)
            } else if line.isEmpty {
                if let done = current { cases.append(done) }
                current = nil
            } else {
                current?.sentences.append(String(line))
            }
        }
        if let current { cases.append(current) }
        return cases
    }()

    @Test func theCorpusHasAtLeastThirtyPassages() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: cases)
    func splitsKoreanPassagesLikeAReader(testCase: Case) {
        #expect(SentenceSplitter().split(testCase.passage) == testCase.sentences)
    }

    @Test(arguments: cases)
    func sentenceOffsetsPointIntoThePassage(testCase: Case) {
        let scalars = Array(testCase.passage.unicodeScalars)
        for sentence in SentenceSplitter().sentences(in: testCase.passage) {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[sentence.start..<sentence.end])
            #expect(String(view) == sentence.text)
        }
    }

    @Test func lineBreaksEndSentences() {
        #expect(SentenceSplitter().split("제목\n본문 첫 문장이다. 둘째 문장이다.\n\n끝") == ["제목", "본문 첫 문장이다.", "둘째 문장이다.", "끝"])
    }

    @Test func icuAloneBreaksInsideQuotationsWhichTheRulesPrevent() throws {
        let passage = "그는 \"오늘은 안 간다. 내일 간다.\"라고 말했다."
        #expect(try TextBreaks.sentenceBoundaries(in: passage).count > 2)
        #expect(SentenceSplitter().split(passage).count == 1)
    }

    @Test func emptyAndBlankTextHasNoSentences() {
        #expect(SentenceSplitter().split("").isEmpty)
        #expect(SentenceSplitter().split("  \n ").isEmpty)
    }
}
