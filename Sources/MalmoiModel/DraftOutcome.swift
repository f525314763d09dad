import MalmoiCore

/// How a model (or the drafts shown) agreed with people on a project.
///
/// ```swift
/// var agreement = ModelAgreement()
/// agreement.add(human: ["1"], model: ["1"], draft: ["1"])
/// agreement.percentAgreement   // 1.0
/// ```
/// Percent agreement counts annotations whose label set equals the model's; Cohen's kappa (1960)
/// is `(p_o − p_e) / (1 − p_e)` over single-label annotations, with `p_e` from the two marginals.
public struct ModelAgreement: Sendable {
    /// Annotations compared with the model.
    public private(set) var compared = 0
    /// Of those, annotations whose labels equal the model's.
    public private(set) var agreed = 0
    /// Outcomes of the stored drafts, by kind.
    public private(set) var draftOutcomes: [DraftOutcome: Int] = [:]
    /// Annotations whose item had no stored draft.
    public private(set) var withoutDraft = 0
    private var pairs: [(String, String)] = []

    /// An empty tally.
    public init() {}

    /// Adds one annotation: the person's labels, the model's (nil without a model) and the stored draft's (nil without one).
    public mutating func add(human: [String], model: [String]?, draft: [String]?) {
        add(human: human, model: model, outcome: draft.map { DraftOutcome(draft: $0, final: human) })
    }

    /// Adds one annotation: the person's labels (nil when the kind has none to compare), the model's
    /// (nil without a model) and what the annotator did with the draft (nil without one).
    public mutating func add(human: [String]?, model: [String]?, outcome: DraftOutcome?) {
        if let model, let human {
            compared += 1
            if Set(model) == Set(human) { agreed += 1 }
            if model.count == 1 && human.count == 1 { pairs.append((model[0], human[0])) }
        }
        if let outcome {
            draftOutcomes[outcome, default: 0] += 1
        } else {
            withoutDraft += 1
        }
    }

    /// The share of compared annotations that equal the model's labels (nil when none were compared).
    public var percentAgreement: Double? { compared > 0 ? Double(agreed) / Double(compared) : nil }

    /// Cohen's kappa between the model and people over single-label annotations (nil when undefined).
    public var cohenKappa: Double? {
        guard !pairs.isEmpty else { return nil }
        let n = Double(pairs.count)
        var modelCounts: [String: Double] = [:]
        var humanCounts: [String: Double] = [:]
        var same = 0.0
        for (m, h) in pairs {
            modelCounts[m, default: 0] += 1
            humanCounts[h, default: 0] += 1
            if m == h { same += 1 }
        }
        let observed = same / n
        var expected = 0.0
        for (label, count) in modelCounts { expected += (count / n) * ((humanCounts[label] ?? 0) / n) }
        guard expected < 1 else { return nil }
        return (observed - expected) / (1 - expected)
    }
}
