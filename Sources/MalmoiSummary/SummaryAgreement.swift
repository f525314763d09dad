import MalmoiCore

/// Agreement between annotators' abstractive summaries of the same documents: pairwise ROUGE.
///
/// ```swift
/// var scorer = RougeScorer(tokenizer: RougeTokenizer(.char))
/// let aggregate = SummaryAgreement.pairwiseRouge(annotations, scorer: &scorer)
/// aggregate.mean.rougeL.fmeasure
/// aggregate.fmeasureQuantiles(variant: 2)   // min, Q1, median, Q3, max of ROUGE-L F
/// ```
/// For each item every unordered pair of annotators is scored once (the first annotator's summary as
/// the reference; the F-measure is symmetric); the aggregate holds the mean and the distribution.
public enum SummaryAgreement {
    /// ROUGE over all annotator pairs of each item.
    public static func pairwiseRouge(_ annotations: [Annotation], scorer: inout RougeScorer) -> RougeAggregate {
        var byItem: [String: [(String, String)]] = [:]
        var order: [String] = []
        for annotation in annotations {
            guard let text = annotation.payload["summary"]?.stringValue else { continue }
            if byItem[annotation.item] == nil { order.append(annotation.item) }
            if byItem[annotation.item]?.contains(where: { $0.0 == annotation.annotator }) == true { continue }
            byItem[annotation.item, default: []].append((annotation.annotator, text))
        }
        var aggregate = RougeAggregate()
        for item in order {
            let summaries = byItem[item] ?? []
            for i in summaries.indices {
                for j in summaries.indices where j > i {
                    aggregate.add(scorer.score(reference: summaries[i].1, candidate: summaries[j].1))
                }
            }
        }
        return aggregate
    }
}
