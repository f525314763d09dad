import MalmoiCore
import Testing
@testable import MalmoiAbuse

/// The `abuse` task kind: drafts, typed and JSON answers, validation against the taxonomy and the
/// text, and agreement records per axis.
struct AbuseTaskTests {
    static let task = try! AbuseTask(configuration: JSONObject())
    static let item = Item(id: "m1", text: "ㅅ ㅂ 너 진짜 틀딱이냐")

    @Test func theDraftCarriesTheScannerSuggestions() throws {
        let draft = try #require(Self.task.preAnnotate(Self.item))
        #expect(draft["categories"] == ["profanity", "identity_hate"])
        #expect(draft["severity"] == 2)
        #expect(draft["taxonomy_version"] == .string(AbuseFixtures.taxonomy.version))
        #expect(draft["spans"]?[0]?["canonical"] == "씨발")
        #expect(draft["spans"]?[0]?["techniques"] == ["choseong_abbreviation", "spacing"])
        #expect(Self.task.prompt(for: Self.item).contains("제안 (suggestion): profanity,identity_hate | 2 | none | 0-3=씨발/choseong_abbreviation+spacing"))
    }

    @Test func theSuggestionLineParsesBackToTheDraft() throws {
        let draft = try #require(Self.task.preAnnotate(Self.item))
        #expect(try Self.task.parse(answer: Self.task.summary(of: draft)) == draft)
    }

    @Test func aTypedAnswerWithAliasesIsStoredWithTaxonomyIDs() throws {
        let payload = try Self.task.parse(answer: "profanity, identity_hate | 2 | group:elderly | 0-3=씨발/choseong+spacing")
        #expect(payload["groups"] == ["elderly"])
        #expect(payload["directed"] == true)
        #expect(payload["spans"]?[0]?["techniques"] == ["choseong_abbreviation", "spacing"])
        #expect(Self.task.validate(payload, for: Self.item).filter(\.isError).isEmpty)
    }

    @Test func undirectedProfanityAndCleanAnswers() throws {
        #expect(try Self.task.parse(answer: "profanity- | 1 | none |")["directed"] == false)
        let clean = try Self.task.parse(answer: "clean")
        #expect(clean["categories"] == [] && clean["severity"] == 0)
        #expect(Self.task.validate(clean, for: Self.item).isEmpty)
    }

    @Test(arguments: [
        ("teleport | 2 | none |", "unknown-category"),
        ("insult | 5 | none |", "bad-severity"),
        ("insult | 2 | martians |", "unknown-target"),
        ("insult | 2 | group |", "group-missing"),
        ("insult | 2 | none | 10-40=씨발/spacing", "span-outside-text"),
        ("insult | 2 | none | 0-3=씨발/teleport", "unknown-technique"),
        ("insult | 2 | none | 0-3=씨발/spacing, 2-4=틀딱/spacing", "overlapping-spans"),
        ("insult | 2 | none | 0-3=/spacing", "span-without-canonical"),
    ])
    func invalidLabelsAreErrors(answer: String, code: String) throws {
        let findings = Self.task.validate(try Self.task.parse(answer: answer), for: Self.item)
        #expect(findings.contains { $0.isError && $0.code == code }, "\(findings)")
    }

    @Test func malformedAnswersAreRejected() {
        #expect(throws: TaskError.self) { try Self.task.parse(answer: "insult") }
        #expect(throws: TaskError.self) { try Self.task.parse(answer: "insult | two | none |") }
        #expect(throws: TaskError.self) { try Self.task.parse(answer: "insult | 2 | none | 0:3") }
    }

    @Test func agreementRecordsCoverEveryAxis() throws {
        let a = Annotation(id: 1, item: "m1", annotator: "kim", payload: try Self.task.parse(answer: "profanity,insult | 2 | individual_addressee | 0-3=씨발/spacing"), submittedAt: "t")
        let b = Annotation(id: 2, item: "m1", annotator: "lee", payload: try Self.task.parse(answer: "profanity | 1 | none | 0-3=씨발/spacing"), submittedAt: "t")
        let records = Self.task.agreementRecords(for: [a, b])
        let tasks = Set(records.compactMap(\.task))
        #expect(tasks.isSuperset(of: ["abuse.category.profanity", "abuse.category.insult", "abuse.categories", "abuse.severity", "abuse.target_type", "abuse.spans"]))
        #expect(records.first { $0.task == "abuse.category.insult" && $0.annotator == "lee" }?.label == "no")
        #expect(records.first { $0.task == "abuse.spans" && $0.annotator == "kim" }?.label == [["start": 0, "end": 3, "label": "씨발"]])
        #expect(Self.task.goldScore(a.payload, gold: a.payload) == 1)
        #expect(Self.task.goldScore(b.payload, gold: a.payload) < 1)
    }
}
