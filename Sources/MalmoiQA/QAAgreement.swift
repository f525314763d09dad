import MalmoiCore

/// Agreement between annotators who answered the same questions (the answer-validation pass): KorQuAD
/// exact match and character F1, and the order-aware span metrics, averaged over annotator pairs.
///
/// ```swift
/// let report = QAAgreement.measure(annotations)   // answer-mode annotations of one or more items
/// report.exactMatch   // share of pairs whose answers are equal after KorQuAD normalization
/// report.spanIoU      // mean intersection over union of the [start, end) spans
/// ```
/// For each item, every unordered pair of annotators is one observation; the first (current) annotation
/// of each annotator counts. EM and F1 (``KorQuADMetric``, symmetric) compare the texts; exact span
/// compares `[start, end)`; IoU is `|A ∩ B| / |A ∪ B|` in scalars, so the same words chosen at another
/// place in the passage score 0 although their text matches. Two unanswerable answers agree fully; one
/// unanswerable against a span scores 0 everywhere. Krippendorff's alpha over the spans comes from the
/// agreement scorer via ``QATask/agreementRecords(for:)``.
public enum QAAgreement {
    /// Mean pairwise agreement.
    public struct Report: Hashable, Sendable {
        /// The number of annotator pairs compared.
        public var pairs: Int
        /// The number of items with at least one pair.
        public var items: Int
        /// Mean KorQuAD exact match in `[0, 1]`.
        public var exactMatch: Double
        /// Mean KorQuAD character F1 in `[0, 1]`.
        public var f1: Double
        /// Share of pairs with the identical span.
        public var exactSpan: Double
        /// Mean span intersection over union.
        public var spanIoU: Double
    }

    /// One annotator's answer: text and span, or nil for unanswerable.
    struct Answer {
        var text: String
        var start: Int
        var end: Int
    }

    /// Measures agreement over annotations (QA answer-mode payloads).
    public static func measure(_ annotations: [Annotation]) -> Report {
        var byItem: [String: [(String, Answer?)]] = [:]
        var order: [String] = []
        for annotation in annotations {
            if byItem[annotation.item] == nil { order.append(annotation.item) }
            if byItem[annotation.item]?.contains(where: { $0.0 == annotation.annotator }) == true { continue }
            var answer: Answer?
            if let first = annotation.payload["answers"]?[0], let text = first["text"]?.stringValue {
                let start = first["answer_start"]?.intValue ?? -1
                answer = Answer(text: text, start: start, end: start + text.unicodeScalars.count)
            }
            byItem[annotation.item, default: []].append((annotation.annotator, answer))
        }
        var pairs = 0
        var items = 0
        var sums = (em: 0.0, f1: 0.0, span: 0.0, iou: 0.0)
        for item in order {
            let answers = byItem[item] ?? []
            guard answers.count >= 2 else { continue }
            items += 1
            for i in 0..<answers.count {
                for j in (i + 1)..<answers.count {
                    pairs += 1
                    switch (answers[i].1, answers[j].1) {
                    case (nil, nil):
                        sums.em += 1; sums.f1 += 1; sums.span += 1; sums.iou += 1
                    case let (a?, b?):
                        sums.em += KorQuADMetric.exactMatch(a.text, b.text) ? 1 : 0
                        sums.f1 += KorQuADMetric.f1(a.text, b.text)
                        let valid = a.start >= 0 && b.start >= 0
                        sums.span += valid && a.start == b.start && a.end == b.end ? 1 : 0
                        if valid {
                            let overlap = max(0, min(a.end, b.end) - max(a.start, b.start))
                            let union = max(a.end, b.end) - min(a.start, b.start)
                            sums.iou += union > 0 ? Double(overlap) / Double(union) : 1
                        }
                    default:
                        break
                    }
                }
            }
        }
        let n = Double(max(pairs, 1))
        return Report(pairs: pairs, items: items, exactMatch: sums.em / n, f1: sums.f1 / n, exactSpan: sums.span / n, spanIoU: sums.iou / n)
    }
}
