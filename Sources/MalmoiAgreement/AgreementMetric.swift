/// Every coefficient the scorer can report, under the exact name used in JSON output.
///
/// ```swift
/// AgreementMetric(rawValue: "gwet_ac1")          // .gwetAC1
/// AgreementMetric.krippendorffAlphaMASI.rawValue  // "krippendorff_alpha_masi"
/// ```
/// Names with a `__variant` suffix record another reference implementation's definition where the
/// references disagree (see `data/agreement/NOTES.md`); the unsuffixed name is the one we follow.
/// The cases are listed in the order reports print them.
public enum AgreementMetric: String, Sendable, CaseIterable, Hashable {
    /// Gwet's percent agreement: the mean over units with two or more values of the share of
    /// agreeing ordered value pairs.
    case percentAgreement = "percent_agreement"
    /// Cohen's kappa for exactly two annotators, over the units both annotated.
    case cohenKappa = "cohen_kappa"
    /// Cohen's weighted kappa with linear distances `|x − y|` on the values.
    case cohenKappaLinear = "cohen_kappa_linear"
    /// Cohen's weighted kappa with quadratic distances `(x − y)²` on the values.
    case cohenKappaQuadratic = "cohen_kappa_quadratic"
    /// Scott's pi for two annotators (pooled marginals).
    case scottPi = "scott_pi"
    /// Bennett, Alpert and Goldstein's S for two annotators (chance `1/q`).
    case bennettS = "bennett_s"
    /// Fleiss' kappa in Gwet's form for missing data.
    case fleissKappa = "fleiss_kappa"
    /// Conger's kappa (multi-rater Cohen) in Gwet's form.
    case congerKappa = "conger_kappa"
    /// Randolph's free-marginal kappa (Brennan–Prediger), chance `1/q`.
    case randolphKappa = "randolph_kappa"
    /// Light's kappa: the mean of Cohen's kappa over annotator pairs (complete data, ≥ 3 annotators).
    case lightKappa = "light_kappa"
    /// Gwet's AC1.
    case gwetAC1 = "gwet_ac1"
    /// Gwet's AC2 with linear weights on the values.
    case gwetAC2Linear = "gwet_ac2_linear"
    /// Gwet's AC2 with quadratic weights on the values.
    case gwetAC2Quadratic = "gwet_ac2_quadratic"
    /// Krippendorff's alpha, nominal distance.
    case krippendorffAlphaNominal = "krippendorff_alpha_nominal"
    /// Krippendorff's alpha, ordinal distance (frequency-based, over pairable values).
    case krippendorffAlphaOrdinal = "krippendorff_alpha_ordinal"
    /// Krippendorff's alpha, interval distance `(c − k)²`.
    case krippendorffAlphaInterval = "krippendorff_alpha_interval"
    /// Krippendorff's alpha, ratio distance `((c − k)/(c + k))²`.
    case krippendorffAlphaRatio = "krippendorff_alpha_ratio"
    /// Krippendorff's alpha over sets with the MASI distance `1 − J·M` (Passonneau 2006).
    case krippendorffAlphaMASI = "krippendorff_alpha_masi"
    /// Krippendorff's alpha over sets with the Jaccard distance `1 − J`.
    case krippendorffAlphaJaccard = "krippendorff_alpha_jaccard"
    /// Weighted kappa with linear distances on category ranks (statsmodels/scikit-learn default).
    case cohenKappaLinearRank = "cohen_kappa_linear__rank"
    /// Weighted kappa with quadratic distances on category ranks.
    case cohenKappaQuadraticRank = "cohen_kappa_quadratic__rank"
    /// Fleiss' kappa after dropping units with a single value.
    case fleissKappaPairable = "fleiss_kappa__pairable"
    /// Conger's kappa after dropping units with a single value.
    case congerKappaPairable = "conger_kappa__pairable"
    /// Randolph's kappa after dropping units with a single value.
    case randolphKappaPairable = "randolph_kappa__pairable"
    /// Gwet's AC1 after dropping units with a single value.
    case gwetAC1Pairable = "gwet_ac1__pairable"
    /// Gwet's AC2 (linear) after dropping units with a single value.
    case gwetAC2LinearPairable = "gwet_ac2_linear__pairable"
    /// Gwet's AC2 (quadratic) after dropping units with a single value.
    case gwetAC2QuadraticPairable = "gwet_ac2_quadratic__pairable"
    /// Krippendorff's alpha with irrCAC's rank-based ordinal weights `C(|i−j|+1, 2)`.
    case krippendorffAlphaOrdinalIrrCAC = "krippendorff_alpha_ordinal__irrcac"
    /// Krippendorff's alpha over sets with DKPro's MASI distance `(1 − J) × {0, 1/3, 2/3, 1}`.
    case krippendorffAlphaMASIDKPro = "krippendorff_alpha_masi__dkpro"
    /// Pairwise span F1 with exact matching (same start, end and label), averaged over annotator pairs.
    case spanF1Exact = "span_f1_exact"
    /// Pairwise span F1 where spans match when they overlap and have the same label.
    case spanF1Overlap = "span_f1_overlap"
    /// Krippendorff's unitizing alpha (αu) for labelled continua.
    case krippendorffAlphaUnitizing = "krippendorff_alpha_unitizing"

    /// Whether this name records a reference's alternative definition (`<metric>__<variant>`).
    public var isVariant: Bool { rawValue.contains("__") }

    /// The coefficients reported for a value kind at a level, in report order.
    ///
    /// - Parameters:
    ///   - kind: the type of the labels.
    ///   - level: the level to narrow to, or nil for every level that fits the kind.
    ///   - annotators: how many annotators the task has (two-coder coefficients need exactly 2).
    /// - Returns: the metrics, in ``allCases`` order.
    public static func metrics(
        for kind: ReliabilityData.ValueKind, level: AgreementLevel?, annotators: Int
    ) -> [AgreementMetric] {
        let twoCoders = annotators == 2
        var wanted: Set<AgreementMetric> = []
        func nominalFamily() {
            wanted.formUnion([.percentAgreement, .fleissKappa, .congerKappa, .randolphKappa, .lightKappa,
                              .gwetAC1, .krippendorffAlphaNominal, .fleissKappaPairable,
                              .congerKappaPairable, .randolphKappaPairable, .gwetAC1Pairable])
            if twoCoders { wanted.formUnion([.cohenKappa, .scottPi, .bennettS]) }
        }
        func ordinal() { wanted.formUnion([.krippendorffAlphaOrdinal, .krippendorffAlphaOrdinalIrrCAC]) }
        func interval() {
            wanted.formUnion([.krippendorffAlphaInterval, .gwetAC2Linear, .gwetAC2Quadratic,
                              .gwetAC2LinearPairable, .gwetAC2QuadraticPairable])
            if twoCoders {
                wanted.formUnion([.cohenKappaLinear, .cohenKappaQuadratic, .cohenKappaLinearRank,
                                  .cohenKappaQuadraticRank])
            }
        }
        func sets() {
            wanted.formUnion([.krippendorffAlphaMASI, .krippendorffAlphaJaccard, .krippendorffAlphaMASIDKPro])
        }
        switch (kind, level) {
        case (.spans, _):
            wanted = [.spanF1Exact, .spanF1Overlap, .krippendorffAlphaUnitizing]
        case (_, .nominal?):
            nominalFamily()
        case (.numeric, .ordinal?):
            ordinal()
        case (.numeric, .interval?):
            interval()
        case (.numeric, .ratio?):
            wanted = [.krippendorffAlphaRatio]
        case (.set, .set?):
            sets()
        case (.numeric, nil):
            nominalFamily()
            ordinal()
            interval()
            wanted.insert(.krippendorffAlphaRatio)
        case (.set, nil):
            nominalFamily()
            sets()
        case (.nominal, nil):
            nominalFamily()
        default:
            wanted = []
        }
        return allCases.filter { wanted.contains($0) }
    }
}
