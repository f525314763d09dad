/// Agreement on span annotations: pairwise span F1 and Krippendorff's unitizing alpha (αu).
///
/// ```swift
/// let alpha = SpanAgreement.unitizingAlpha(continuumLength: 300, annotations: [spansOfA, spansOfB])
/// let f1 = SpanAgreement.f1(spansOfA, spansOfB, matching: .overlap)
/// ```
/// Offsets are Unicode scalar offsets, `[start, end)`.
public enum SpanAgreement {
    /// How two spans are matched for F1.
    public enum Matching: Sendable, Hashable {
        /// Same start, same end and same label.
        case exact
        /// Same label and at least one shared scalar.
        case overlap
    }

    /// Matched counts of two annotators' spans on one or more documents.
    public struct Counts: Sendable, Hashable {
        /// Spans of the first annotator that match a span of the second (recall numerator).
        public var matchedFirst = 0
        /// Spans of the second annotator that match a span of the first (precision numerator).
        public var matchedSecond = 0
        /// Spans of the first annotator.
        public var first = 0
        /// Spans of the second annotator.
        public var second = 0

        /// Creates empty counts.
        public init() {}

        /// F1 = 2PR/(P + R) with R = matchedFirst/first and P = matchedSecond/second; symmetric in the
        /// two annotators. Nil when neither annotator marked any span; 0 when only one did.
        public var f1: Double? {
            if first == 0 && second == 0 { return nil }
            if first == 0 || second == 0 || matchedFirst == 0 || matchedSecond == 0 { return 0 }
            let recall = Double(matchedFirst) / Double(first)
            let precision = Double(matchedSecond) / Double(second)
            return 2 * precision * recall / (precision + recall)
        }

        static func += (lhs: inout Counts, rhs: Counts) {
            lhs.matchedFirst += rhs.matchedFirst
            lhs.matchedSecond += rhs.matchedSecond
            lhs.first += rhs.first
            lhs.second += rhs.second
        }
    }

    /// Counts matching spans of two annotators on one document (repeated spans count once).
    public static func f1(_ first: [AgreementSpan], _ second: [AgreementSpan], matching: Matching) -> Counts {
        let a = Array(Set(first)).sorted()
        let b = Array(Set(second)).sorted()
        var counts = Counts()
        counts.first = a.count
        counts.second = b.count
        switch matching {
        case .exact:
            let common = Set(a).intersection(b).count
            counts.matchedFirst = common
            counts.matchedSecond = common
        case .overlap:
            counts.matchedFirst = a.filter { span in b.contains { $0.label == span.label && $0.overlaps(span) } }.count
            counts.matchedSecond = b.filter { span in a.contains { $0.label == span.label && $0.overlaps(span) } }.count
        }
        return counts
    }

    /// Krippendorff's unitizing alpha αu (Krippendorff 1995, "On the reliability of unitizing continuous
    /// data"; Content Analysis 2004, §12.3) for one continuum `[0, L)` unitized by every annotator.
    ///
    /// For each label c, an annotator's c-spans and the gaps between them partition the continuum.
    /// Observed disagreement sums, over ordered annotator pairs and overlapping segments, the squared
    /// distance: `(b₁−b₂)² + (e₁−e₂)²` for two overlapping c-spans, `l²` for a c-span of length l
    /// lying inside the other's gap; `D_o(c) = Σ / (m(m − 1)L²)`. Expected disagreement is
    /// `D_e(c) = (2/L) Σ_g [ (N_c − 1)(2l³ − 3l² + l)/3 + l² Σ_{gaps γ ≥ l} (γ − l + 1) ] /
    /// (mL(mL − 1) − Σ_g l(l − 1))` over all c-spans g (N_c of them). Over labels,
    /// `αu = 1 − mean_c D_o(c) / mean_c D_e(c)`.
    ///
    /// Overlapping spans with the same label from one annotator are merged first.
    /// - Parameters:
    ///   - continuumLength: L, in scalars.
    ///   - annotations: each annotator's spans (at least two annotators).
    /// - Returns: αu, or nil when it is undefined (fewer than two annotators, no span, or `D_e = 0`).
    public static func unitizingAlpha(continuumLength: Int, annotations: [[AgreementSpan]]) -> Double? {
        guard let (observed, expected) = unitizingDisagreements(continuumLength: continuumLength, annotations: annotations),
              expected > 0
        else { return nil }
        return 1 - observed / expected
    }

    /// The mean observed and expected disagreements of αu over labels.
    static func unitizingDisagreements(continuumLength L: Int, annotations: [[AgreementSpan]]) -> (Double, Double)? {
        let m = annotations.count
        guard m >= 2, L > 0 else { return nil }
        let labels = Set(annotations.joined().map(\.label)).sorted()
        guard !labels.isEmpty else { return nil }
        var observedSum = 0.0
        var expectedSum = 0.0
        let length = Double(L)
        for label in labels {
            let units = annotations.map { merged($0.filter { $0.label == label }, limit: L) }
            let segments = units.map { partition($0, length: L) }
            var observed = 0.0
            for i in 0..<m {
                for j in (i + 1)..<m { observed += 2 * sweep(segments[i], segments[j]) }
            }
            observedSum += observed / (Double(m * (m - 1)) * length * length)

            let all = units.joined().map { Double($0.length) }
            let count = Double(all.count)
            var gaps = segments.joined().filter { !$0.isUnit }.map { Double($0.length) }
            gaps.sort()
            var suffix = [Double](repeating: 0, count: gaps.count + 1)
            for index in stride(from: gaps.count - 1, through: 0, by: -1) { suffix[index] = suffix[index + 1] + gaps[index] }
            var total = 0.0
            var squaredLengths = 0.0
            for l in all {
                total += (count - 1) * (2 * l * l * l - 3 * l * l + l) / 3
                let first = lowerBound(gaps, l)
                let longer = Double(gaps.count - first)
                total += l * l * (suffix[first] - (l - 1) * longer)
                squaredLengths += l * (l - 1)
            }
            let denominator = Double(m) * length * (Double(m) * length - 1) - squaredLengths
            expectedSum += denominator > 0 ? 2 / length * total / denominator : 0
        }
        let k = Double(labels.count)
        return (observedSum / k, expectedSum / k)
    }

    private struct Segment {
        var begin: Int
        var end: Int
        var isUnit: Bool
        var length: Int { end - begin }
    }

    private static func merged(_ spans: [AgreementSpan], limit: Int) -> [AgreementSpan] {
        var result: [AgreementSpan] = []
        for span in spans.sorted() where span.end > span.start {
            let clipped = AgreementSpan(start: span.start, end: min(span.end, limit), label: span.label)
            if let last = result.last, clipped.start < last.end {
                result[result.count - 1].end = max(last.end, clipped.end)
            } else if clipped.end > clipped.start {
                result.append(clipped)
            }
        }
        return result
    }

    private static func partition(_ units: [AgreementSpan], length: Int) -> [Segment] {
        var segments: [Segment] = []
        var position = 0
        for unit in units {
            if unit.start > position { segments.append(Segment(begin: position, end: unit.start, isUnit: false)) }
            segments.append(Segment(begin: unit.start, end: unit.end, isUnit: true))
            position = unit.end
        }
        if position < length { segments.append(Segment(begin: position, end: length, isUnit: false)) }
        return segments
    }

    /// Σ of squared distances over overlapping segment pairs of two partitions of the same continuum.
    private static func sweep(_ first: [Segment], _ second: [Segment]) -> Double {
        var i = 0
        var j = 0
        var sum = 0.0
        while i < first.count && j < second.count {
            let a = first[i]
            let b = second[j]
            if a.isUnit && b.isUnit {
                let begin = Double(a.begin - b.begin)
                let end = Double(a.end - b.end)
                sum += begin * begin + end * end
            } else if a.isUnit && !b.isUnit && a.begin >= b.begin && a.end <= b.end {
                sum += Double(a.length * a.length)
            } else if !a.isUnit && b.isUnit && b.begin >= a.begin && b.end <= a.end {
                sum += Double(b.length * b.length)
            }
            if a.end == b.end {
                i += 1
                j += 1
            } else if a.end < b.end {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    private static func lowerBound(_ sorted: [Double], _ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Fills a report for span data: F1 averaged over annotator pairs (micro-averaged over the
    /// documents both annotated) and αu over the documents every annotator annotated, laid end to end;
    /// a document's length is the largest span end any annotator gave it.
    static func score(_ data: ReliabilityData, into report: inout AgreementReport) {
        guard case .spans(let lists) = data.categories else { return }
        let r = data.coderCount
        var byUnit: [[Int: [AgreementSpan]]] = []
        byUnit.reserveCapacity(data.unitCount)
        for unit in 0..<data.unitCount {
            var coders: [Int: [AgreementSpan]] = [:]
            for (coder, code) in data.annotations(ofUnit: unit) { coders[coder] = lists[code] }
            byUnit.append(coders)
        }
        var pairMatrix = [[Double?]](repeating: [Double?](repeating: nil, count: r), count: r)
        for (metric, matching) in [(AgreementMetric.spanF1Exact, Matching.exact), (.spanF1Overlap, .overlap)]
            where report.metrics.contains(metric)
        {
            var scores: [Double] = []
            for g in 0..<r {
                for h in (g + 1)..<max(g + 1, r) {
                    var counts = Counts()
                    for coders in byUnit {
                        guard let a = coders[g], let b = coders[h] else { continue }
                        counts += f1(a, b, matching: matching)
                    }
                    if let value = counts.f1 {
                        scores.append(value)
                        if matching == .overlap {
                            pairMatrix[g][h] = value
                            pairMatrix[h][g] = value
                        }
                    }
                }
            }
            if scores.isEmpty {
                report.undefined[metric] = r < 2 ? "needs two or more annotators" : "no two annotators marked spans on a shared item"
            } else {
                report.values[metric] = scores.reduce(0, +) / Double(scores.count)
            }
        }
        if report.metrics.contains(.krippendorffAlphaUnitizing) {
            var offset = 0
            var continuum = [[AgreementSpan]](repeating: [], count: r)
            var documents = 0
            for coders in byUnit where coders.count == r {
                let length = coders.values.joined().map(\.end).max() ?? 0
                guard length > 0 else { continue }
                for (coder, spans) in coders {
                    continuum[coder].append(contentsOf: spans.map {
                        AgreementSpan(start: $0.start + offset, end: $0.end + offset, label: $0.label)
                    })
                }
                offset += length
                documents += 1
            }
            report.spanSummary["unitizing_documents"] = Double(documents)
            report.spanSummary["unitizing_length"] = Double(offset)
            if let alpha = unitizingAlpha(continuumLength: offset, annotations: continuum) {
                report.values[.krippendorffAlphaUnitizing] = alpha
            } else {
                report.undefined[.krippendorffAlphaUnitizing] = r < 2
                    ? "needs two or more annotators"
                    : "no document annotated by every annotator has spans, or the expected disagreement is 0"
            }
        }
        if r >= 2 {
            let names = data.coderNames
            for g in 0..<r { pairMatrix[g][g] = 1 }
            report.annotatorAgreement = AgreementMatrix(rows: names, columns: names, cells: pairMatrix)
        }
    }
}
