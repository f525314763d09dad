import Foundation
import MalmoiCore
import MalmoiSummary
import Testing

enum SummaryFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let document = "정부가 내년부터 전기차 구매 보조금을 단계적으로 줄이기로 했다. 환경부는 17일 이런 내용을 담은 무공해차 보급 계획을 발표했다. 승용차 한 대당 보조금은 올해 680만 원에서 내년 580만 원으로 낮아진다. 대신 충전기 설치 지원 예산은 두 배로 늘어난다. 업계는 보조금 축소가 판매 둔화로 이어질 수 있다고 우려했다. 정부는 충전 기반이 넓어지면 수요가 유지될 것이라고 설명했다."
    static let item = Item(id: "news-001", text: document)
}

@Suite struct ExtractiveDrafterTests {
    @Test(arguments: ExtractiveDrafter.Method.allCases)
    func draftPicksKSentencesInDocumentOrder(method: ExtractiveDrafter.Method) {
        let draft = ExtractiveDrafter(method: method, sentenceCount: 3).draft(SummaryFixtures.document)
        #expect(draft.sentences.count == 6)
        #expect(draft.selected.count == 3)
        #expect(draft.selected == draft.selected.sorted())
        // The offsets point at the sentences in the document.
        let scalars = Array(SummaryFixtures.document.unicodeScalars)
        for (sentence, range) in zip(draft.sentences, draft.ranges) {
            #expect(String(String.UnicodeScalarView(scalars[range])) == sentence)
        }
    }

    @Test func textRankFavoursTheSentenceSharingMostWithOthers() {
        // Sentence 1 shares 보조금 / 전기차 with the others; the unrelated one ranks last.
        let sentences = ["전기차 보조금이 줄어든다.", "정부가 전기차 보조금을 줄인다.", "보조금 축소로 전기차 판매가 줄 수 있다.", "오늘 날씨는 맑다."]
        let draft = ExtractiveDrafter(method: .textRank, sentenceCount: 1).draft(sentences: sentences)
        #expect(draft.scores[3] == draft.scores.min())
        #expect(draft.selected.count == 1 && draft.selected[0] != 3)
    }

    @Test func shortDocumentGivesAllItsSentences() {
        let draft = ExtractiveDrafter(sentenceCount: 3).draft("한 문장뿐이다.")
        #expect(draft.selected == [0])
    }
}

@Suite struct SummaryTaskTests {
    static func task(_ config: JSONObject = [:]) throws -> SummaryTask { try SummaryTask(configuration: config, morphemes: nil) }

    @Test func preAnnotationIsTheDraft() throws {
        let draft = try #require(try Self.task().preAnnotate(SummaryFixtures.item))
        #expect(draft["sentences"]?.arrayValue?.count == 3)
        #expect(draft["summary"]?.stringValue?.isEmpty == false)
    }

    @Test func multiLineAnswerEndsWithALonePeriod() throws {
        let payload = try Self.task().parse(answer: "정부가 내년부터 전기차 보조금을 줄인다.\n충전기 지원은 늘린다.\n.")
        #expect(payload.serialized() == #"{"summary":"정부가 내년부터 전기차 보조금을 줄인다.\n충전기 지원은 늘린다."}"#)
    }

    @Test func goodSummaryPasses() throws {
        let task = try Self.task()
        let payload = try task.parse(answer: "정부가 내년부터 전기차 보조금을 줄이는 대신 충전기 지원을 늘린다.")
        #expect(task.validate(payload, for: SummaryFixtures.item).isEmpty)
    }

    @Test(arguments: [
        ("짧다.", "summary-too-short"),
        ("The government will cut EV subsidies from next year while doubling charger support.", "not-hangul"),
        ("정부가 내년부터 전기차 구매 보조금을 단계적으로 줄이기로 했다. 환경부는 17일 이런 내용을 담은 무공해차 보급 계획을 발표했다.", "copies-sentences"),
        ("보조금. 축소. 충전기. 예산. 증가. 업계. 우려.", "sentence-count"),
    ])
    func validatorFlagsBadSummaries(summary: String, code: String) throws {
        let findings = try Self.task().validate(["summary": .string(summary)], for: SummaryFixtures.item)
        #expect(findings.contains { $0.code == code }, "\(findings)")
    }

    @Test func compressionOutsideTheRangeIsWarned() throws {
        let findings = try Self.task(["min_compression": 0.2]).validate(["summary": "정부가 내년부터 전기차 보조금을 줄인다."], for: SummaryFixtures.item)
        #expect(findings.map(\.code) == ["compression"])
        #expect(findings[0].isError == false)
    }

    @Test func draftCopiedBackIsWarned() throws {
        let task = try Self.task(["max_compression": 1, "max_chars": 1000])
        var item = SummaryFixtures.item
        item.preAnnotation = task.preAnnotate(item)
        let draftText = try #require(item.preAnnotation?["summary"]?.stringValue)
        let findings = task.validate(["summary": .string(draftText)], for: item)
        #expect(findings.contains { $0.code == "copies-draft" }, "\(findings)")
    }

    @Test func extractiveChoicesAreChecked() throws {
        let task = try Self.task(["mode": "extractive"])
        let payload = try task.parse(answer: "1, 3, 4")
        #expect(payload.serialized() == #"{"sentences":[0,2,3]}"#)
        #expect(task.validate(payload, for: SummaryFixtures.item).isEmpty)
        let codes = task.validate(["sentences": [0, 0, 9]], for: SummaryFixtures.item).map(\.code)
        #expect(codes.contains("sentence-out-of-range") && codes.contains("sentence-repeated") && codes.contains("sentence-count"))
    }

    @Test func extractiveAgreementRecords() throws {
        let task = try Self.task(["mode": "extractive"])
        let annotations = [Annotation(id: 1, item: "d", annotator: "kim", payload: ["sentences": [0, 2, 3]], submittedAt: ""),
                           Annotation(id: 2, item: "d", annotator: "lee", payload: ["sentences": [0, 1, 3]], submittedAt: "")]
        let records = task.agreementRecords(for: annotations)
        #expect(records.filter { $0.task == "summary-sentence-set" }.map(\.label) == [["0", "2", "3"], ["0", "1", "3"]])
        let perSentence = records.filter { $0.task == "summary-sentence" }
        #expect(perSentence.count == 8)
        #expect(perSentence.first { $0.item == "d#2" && $0.annotator == "lee" }?.label == "0")
        #expect(task.goldScore(annotations[0].payload, gold: annotations[1].payload) == 0.5)
    }

    @Test func abstractivePairwiseRouge() throws {
        let annotations = [Annotation(id: 1, item: "d", annotator: "kim", payload: ["summary": "정부가 보조금을 줄인다."], submittedAt: ""),
                           Annotation(id: 2, item: "d", annotator: "lee", payload: ["summary": "정부가 보조금을 줄인다."], submittedAt: ""),
                           Annotation(id: 3, item: "d", annotator: "park", payload: ["summary": "날씨가 맑다."], submittedAt: "")]
        var scorer = RougeScorer(tokenizer: RougeTokenizer(.eojeol))
        let aggregate = SummaryAgreement.pairwiseRouge(annotations, scorer: &scorer)
        #expect(aggregate.count == 3)
        #expect(abs(aggregate.mean.rouge1.fmeasure - 1.0 / 3.0) < 1e-12)
        #expect(aggregate.fmeasureQuantiles(variant: 0) == [0, 0, 0, 0.5, 1])
    }
}
