import MalmoiSummary
import Testing

@Suite struct RougeTableTests {
    @Test func tableShowsTheMeansOfTheSelectedVariantsWithFourDecimals() throws {
        var scorer = RougeScorer(tokenizer: RougeTokenizer(.eojeol))
        let pair = scorer.score(reference: RougeTests.reference, candidate: RougeTests.candidate)
        let identical = scorer.score(reference: RougeTests.reference, candidate: RougeTests.reference)
        let table = RougeEvaluation.table(tokenize: .eojeol, pairs: [pair, identical], selected: ["rouge1", "rouge2"])
        // rouge1: P (3/6 + 1)/2 = 0.75, R (3/7 + 1)/2 = 0.7142857…, F (0.4615384… + 1)/2 = 0.7307692…;
        // the median of two F values is their mean here.
        #expect(table == """
            pairs\t2\ttokenize eojeol
            metric\tP\tR\tF\tF median
            rouge1\t0.7500\t0.7143\t0.7308\t0.7308
            rouge2\t0.7000\t0.6667\t0.6818\t0.6818

            """)
    }

    @Test func metricsAreCheckedByName() throws {
        #expect(try RougeEvaluation.metrics(parsing: nil) == ["rouge1", "rouge2", "rougeL", "rougeLsum"])
        #expect(try RougeEvaluation.metrics(parsing: "rouge1, rougeL") == ["rouge1", "rougeL"])
        #expect(throws: SummaryError.self) { try RougeEvaluation.metrics(parsing: "rouge3") }
        #expect(throws: SummaryError.self) { try RougeEvaluation.metrics(parsing: ",") }
    }
}
