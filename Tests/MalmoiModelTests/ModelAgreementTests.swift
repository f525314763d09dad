import MalmoiCore
import MalmoiModel
import Testing

@Suite("Model agreement and queue priority")
struct ModelAgreementTests {
    @Test("draft outcomes", arguments: [
        (["욕설"], ["욕설"], DraftOutcome.kept), (["욕설", "혐오"], ["혐오", "욕설"], .kept),
        (["욕설", "혐오"], ["욕설"], .changed), (["욕설"], ["정상"], .replaced), ([], ["욕설"], .replaced),
    ])
    func outcomes(draft: [String], final: [String], expected: DraftOutcome) {
        #expect(DraftOutcome(draft: draft, final: final) == expected)
    }

    @Test("percent agreement and Cohen's kappa match a hand count")
    func kappa() {
        // model/human pairs: (1,1) (1,1) (0,0) (0,1); p_o = 3/4; p_e = (2/4)(3/4) + (2/4)(1/4) = 1/2; kappa = 0.5.
        var agreement = ModelAgreement()
        agreement.add(human: ["1"], model: ["1"], draft: ["1"])
        agreement.add(human: ["1"], model: ["1"], draft: nil)
        agreement.add(human: ["0"], model: ["0"], draft: ["1"])
        agreement.add(human: ["1"], model: ["0"], draft: ["1"])
        #expect(agreement.percentAgreement == 0.75)
        #expect(abs((agreement.cohenKappa ?? 0) - 0.5) < 1e-12)
        #expect(agreement.draftOutcomes[.kept] == 2 && agreement.draftOutcomes[.replaced] == 1 && agreement.withoutDraft == 1)
    }

    @Test("uncertain items get higher queue priorities than confident ones")
    func priorities() throws {
        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: TestData.options)
        let texts = ["배송이 빠르고 품질이 좋아서 정말 만족합니다 추천해요", "환불 요청했어요 최악입니다 실망", "그냥 그래요"]
        let priorities = QueuePriority.priorities(for: texts, model: model)
        #expect(priorities.allSatisfy { (0...QueuePriority.maximum).contains($0) })
        #expect(priorities[2] > priorities[0] && priorities[2] > priorities[1])
    }
}
