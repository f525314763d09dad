import MalmoiAbuse
import MalmoiCore
import MalmoiModel
import Testing

/// Drafts at import (``ItemDrafter``), accepting them at the prompt (``DraftAcceptance``) and the
/// model–human comparison of a project's items.
@Suite("Drafts and model agreement per item")
struct DraftTests {
    @Test("an item keeps its own draft; else the module drafts; with a model, the model does")
    func drafter() throws {
        let module = try AbuseTask(configuration: [:])
        let moduleDrafter = ItemDrafter(module: module, classifier: nil)
        let stored: JSONValue = ["categories": ["insult"]]
        #expect(moduleDrafter.draft(for: Item(id: "a", text: "ㅅㅂ 꺼져", preAnnotation: stored)) == stored)
        let drafted = try #require(moduleDrafter.draft(for: Item(id: "b", text: "ㅅㅂ 꺼져")))
        #expect(drafted["categories"]?.arrayValue?.contains("profanity") == true)

        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: TestData.options)
        let modelDraft = try #require(ItemDrafter(module: module, classifier: model)
            .draft(for: Item(id: "c", text: "배송이 빠르고 품질이 좋아서 정말 만족합니다")))
        #expect(modelDraft["labels"] == ["긍정"])
        #expect((modelDraft["model_score"]?.doubleValue ?? 0) > 0.5)
    }

    @Test("only label projects with a model setting draft with the model")
    func modelPath() {
        #expect(ItemDrafter.modelPath(for: Project(name: "리뷰", kind: "label", taskConfig: ["model": "r.model"])) == "r.model")
        #expect(ItemDrafter.modelPath(for: Project(name: "욕설", kind: "abuse", taskConfig: ["model": "a.model"])) == nil)
    }

    @Test("ok or ㅐㅏ accepts the draft without its score, unless the module reads the line itself")
    func acceptance() throws {
        #expect(DraftAcceptance.isAccept(" OK\t") && DraftAcceptance.isAccept("ㅐㅏ\u{3000}"))
        #expect(!DraftAcceptance.isAccept("okay") && !DraftAcceptance.isAccept("o k"))
        // Enter (an empty or blank line) accepts the draft too.
        #expect(DraftAcceptance.isAccept("") && DraftAcceptance.isAccept("  \t"))
        let module = try AbuseTask(configuration: [:])
        let item = Item(id: "a", text: "ㅅㅂ", preAnnotation: ["labels": ["1"], "model_score": 0.9])
        #expect(DraftAcceptance.answer(for: "ok", item: item, module: module) == ["labels": ["1"]])
        #expect(DraftAcceptance.answer(for: "", item: item, module: module) == ["labels": ["1"]])
        #expect(DraftAcceptance.answer(for: "clean", item: item, module: module) == nil)
        // Without a stored draft, the module's own draft (the one the prompt shows) is taken.
        #expect(DraftAcceptance.answer(for: "ok", item: Item(id: "b", text: "ㅅㅂ"), module: module)?["categories"] == ["profanity"])
        #expect(DraftAcceptance.answer(for: "ok", item: nil, module: module) == nil)
    }

    @Test("each annotation of an item is compared with the model and the draft; a bad payload names it")
    func agreementPerItem() throws {
        let project = Project(name: "리뷰", kind: "label", taskConfig: ["labels": ["긍정", "부정"]])
        let reader = try ProjectExamples(project: project, axis: nil)
        var agreement = ModelAgreement()
        let item = Item(id: "r1", text: "정말 좋아요", preAnnotation: ["labels": ["긍정"]])
        try agreement.add(item: item, annotations: [(1, ["labels": ["긍정"]]), (2, ["labels": ["부정"]])],
                          predicted: ["긍정"], reader: reader)
        try agreement.add(item: Item(id: "r2", text: "별로"), annotations: [(3, ["labels": ["부정"]])],
                          predicted: nil, reader: reader)
        #expect(agreement.compared == 2 && agreement.percentAgreement == 0.5)
        #expect(agreement.draftOutcomes[.kept] == 1 && agreement.draftOutcomes[.replaced] == 1 && agreement.withoutDraft == 1)
        let json = agreement.json(project: "리뷰", model: nil)
        #expect(json["compared"] == 2 && json["model"] == .null && json["percent_agreement"] == 0.5)
        #expect(json["drafts"]?["without_draft"] == 1 && json["drafts"]?["kept"] == 1)

        let error = #expect(throws: ModelError.self) {
            try agreement.add(item: Item(id: "r3", text: "음"), annotations: [(9, ["labels": ["보통"]])],
                              predicted: nil, reader: reader)
        }
        #expect(error?.description.hasPrefix("project 리뷰, item r3, annotation 9: ") == true)
    }
}

@Suite("Evaluation warnings")
struct EvaluationWarningTests {
    @Test("a gold label the model lacks is named, with the model's labels")
    func unknownGoldLabel() {
        let evaluation = ModelEvaluation(labels: ["긍정", "부정"], gold: [["긍정"], ["중립"]], predicted: [["긍정"], ["부정"]])
        #expect(evaluation.unknownLabelWarnings(modelLabels: ["긍정", "부정"])
            == ["gold label \"중립\" is not one of the model's labels (긍정, 부정); it is never predicted"])
        #expect(evaluation.unknownLabelWarnings(modelLabels: ["긍정", "부정", "중립"]).isEmpty)
    }

    @Test("the saved answer is compared with the draft the item showed: kept, changed or replaced")
    func outcomes() throws {
        let module = try AbuseTask(configuration: [:])
        let item = Item(id: "a", text: "ㅅㅂ 꺼져 이 인간아")
        let draft = try #require(DraftAcceptance.draft(of: item, module: module))
        let categories = Set((draft["categories"]?.arrayValue ?? []).compactMap(\.stringValue))
        #expect(categories.contains("profanity"))
        // Accepting the draft (Enter) keeps it.
        let accepted = try #require(DraftAcceptance.answer(for: "", item: item, module: module))
        #expect(DraftAcceptance.outcome(of: try module.parse(json: accepted, for: item), for: item, module: module) == .kept)
        // Nothing abusive: no category in common.
        #expect(DraftAcceptance.outcome(of: try module.parse(answer: "clean", for: item), for: item, module: module) == .replaced)
        // One category kept and one added.
        let edited = try module.parse(answer: "profanity,insult | 3 | individual_addressee", for: item)
        #expect(DraftAcceptance.outcome(of: edited, for: item, module: module) == .changed)
    }

    @Test("draft outcome counts give the share of drafts not kept")
    func outcomeCounts() {
        func annotation(_ id: Int64, _ outcome: DraftOutcome?) -> Annotation {
            Annotation(id: id, item: "i\(id)", annotator: "kim", payload: ["labels": ["긍정"]], submittedAt: "2026-12-03T00:00:00.000Z",
                       draftOutcome: outcome)
        }
        let counts = DraftOutcomeCounts([annotation(1, .kept), annotation(2, .kept), annotation(3, .changed),
                                         annotation(4, .replaced), annotation(5, nil)])
        #expect(counts.withDraft == 4 && counts.withoutDraft == 1 && counts.changedShare == 0.5)
        #expect(counts.json["kept"] == 2 && counts.json["replaced"] == 1 && counts.json["changed_share"] == 0.5)
        #expect(DraftOutcomeCounts().changedShare == nil)
    }

    @Test("project figures: stored outcomes for every annotation, and the model against the people")
    func projectFigures() throws {
        let project = Project(name: "리뷰", kind: "label", taskConfig: ["labels": ["긍정", "부정"]])
        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: TestData.options)
        let good = Item(id: "r1", text: "배송이 빠르고 품질이 좋아서 정말 만족합니다", preAnnotation: ["labels": ["긍정"]])
        let items: [(Item, [Annotation])] = [
            (good, [Annotation(id: 1, item: "r1", annotator: "kim", payload: ["labels": ["긍정"]], submittedAt: "t", draftOutcome: .kept),
                    Annotation(id: 2, item: "r1", annotator: "lee", payload: ["labels": ["부정"]], submittedAt: "t", draftOutcome: .replaced)]),
        ]
        let figures = try ModelAgreement.projectFigures(project: project, model: model) { body in
            for (item, annotations) in items { try body(item, annotations) }
        }
        #expect(figures["drafts"]?["kept"] == 1 && figures["drafts"]?["replaced"] == 1)
        #expect(figures["model"]?["compared"] == 2 && figures["model"]?["percent_agreement"] == 0.5)
        let withoutModel = try ModelAgreement.projectFigures(project: project, model: nil) { body in
            try body(Item(id: "r2", text: "별로"), [Annotation(id: 3, item: "r2", annotator: "kim", payload: ["labels": ["부정"]], submittedAt: "t")])
        }
        #expect(withoutModel.count == 0)
    }
}

