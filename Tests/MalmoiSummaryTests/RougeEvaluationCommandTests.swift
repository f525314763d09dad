import Foundation
import MalmoiSummary
import Testing

/// `malmoi summary rouge` in one call: files read, tokenizer and variants chosen, pairs scored.
@Suite struct RougeEvaluationCommandTests {
    func file(_ lines: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rouge-\(UUID().uuidString).txt").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("eojeol tokens: the scores equal the scorer's on the same pairs, and the variants are the ones asked for")
    func filesEqualScorer() throws {
        let references = try file([RougeTests.reference, RougeTests.reference])
        let candidates = try file([RougeTests.candidate, RougeTests.reference])
        defer { for path in [references, candidates] { try? FileManager.default.removeItem(atPath: path) } }
        let (pairs, selected) = try RougeEvaluation.score(referencePath: references, candidatePath: candidates, format: .text, tokenize: .eojeol,
                                                          dictionary: nil, lowercases: true, sentenceMode: .splitter, metrics: "rouge1,rougeL",
                                                          normalization: .nfc, jobs: 2)
        var scorer = RougeScorer(tokenizer: RougeTokenizer(.eojeol))
        scorer.computesLsum = false
        #expect(selected == ["rouge1", "rougeL"])
        #expect(pairs.map(\.rouge1) == [scorer.score(reference: RougeTests.reference, candidate: RougeTests.candidate).rouge1,
                                        scorer.score(reference: RougeTests.reference, candidate: RougeTests.reference).rouge1])
        #expect(pairs[1].rougeL.fmeasure == 1)
    }

    @Test("an unknown variant is refused before any file is read")
    func unknownVariant() {
        #expect(throws: SummaryError.self) {
            try RougeEvaluation.score(referencePath: "/nonexistent/refs.txt", candidatePath: "/nonexistent/hyps.txt", format: .text,
                                      tokenize: .eojeol, dictionary: nil, lowercases: true, sentenceMode: .splitter, metrics: "rouge9",
                                      normalization: .nfc, jobs: 1)
        }
    }
}
