import MalmoiMorph
import MalmoiCore

/// How well the annotators of one item of the morpheme correction task agree: mean pairwise morpheme
/// F1 (``MorphemeAgreement``) and the share of boundary decisions they agree on.
///
/// ```swift
/// let summary = task.itemAgreement(for: annotationsOfOneItem, item: item)
/// summary.formTagF1     // 0.857: mean over annotator pairs
/// summary.jsonValue     // {"item":"s1","annotators":2,"pairs":1,"form_tag_f1":0.857,…}
/// ```
public struct MorphItemAgreement: Hashable, Sendable {
    /// The item's id.
    public var item: String
    /// Annotators whose analysis could be read (and, for the boundary figures, aligned).
    public var annotators: Int
    /// Annotator pairs, n(n−1)/2.
    public var pairs: Int
    /// Mean over pairs of the form+tag F1; nil with fewer than two annotators.
    public var formTagF1: Double?
    /// Mean over pairs of the boundary-only F1; nil when fewer than two analyses are aligned.
    public var boundaryF1: Double?
    /// Gaps inside eojeols (the units of the boundary alpha).
    public var boundaryUnits: Int
    /// Share of gap decisions on which a pair agrees, over pairs and gaps; nil without a pair or gaps.
    public var boundaryAgreement: Double?

    /// Creates a summary.
    public init(item: String, annotators: Int, pairs: Int, formTagF1: Double?, boundaryF1: Double?,
                boundaryUnits: Int, boundaryAgreement: Double?) {
        self.item = item
        self.annotators = annotators
        self.pairs = pairs
        self.formTagF1 = formTagF1
        self.boundaryF1 = boundaryF1
        self.boundaryUnits = boundaryUnits
        self.boundaryAgreement = boundaryAgreement
    }

    /// Summarizes analyses of one item given by different annotators (pairs are unordered).
    public init(item: String, analyses: [MorphAnalysis]) {
        var formTag: [Double] = []
        var boundary: [Double] = []
        var agreeing = 0
        var decisions = 0
        let cuts = analyses.map { Dictionary(MorphemeAgreement.boundaries(of: $0).map { ($0.gap, $0.isBoundary) }) { a, _ in a } }
        for i in analyses.indices {
            for j in analyses.indices where j > i {
                let comparison = MorphemeAgreement.compare(analyses[i], analyses[j])
                formTag.append(comparison.formTag.f1)
                if let score = comparison.boundary { boundary.append(score.f1) }
                for (gap, value) in cuts[i] {
                    guard let other = cuts[j][gap] else { continue }
                    decisions += 1
                    if other == value { agreeing += 1 }
                }
            }
        }
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        self.init(item: item, annotators: analyses.count, pairs: formTag.count, formTagF1: mean(formTag),
                  boundaryF1: mean(boundary), boundaryUnits: cuts.map(\.count).max() ?? 0,
                  boundaryAgreement: decisions == 0 ? nil : Double(agreeing) / Double(decisions))
    }

    /// The summary as a JSON object (`null` for undefined figures).
    public var jsonValue: JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
        return .object(JSONObject([
            ("item", .string(item)), ("annotators", .int(annotators)), ("pairs", .int(pairs)),
            ("form_tag_f1", number(formTagF1)), ("boundary_f1", number(boundaryF1)),
            ("boundary_units", .int(boundaryUnits)), ("boundary_agreement", number(boundaryAgreement)),
        ]))
    }
}
