import MalmoiCore

/// The agreement of one task: counts, coefficients, intervals, undefined reasons and breakdowns.
///
/// ```swift
/// let report = AgreementScorer.score(data)
/// report.value(.krippendorffAlphaNominal)    // 0.7434…
/// report.undefined[.cohenKappa]              // "needs exactly two annotators"
/// print(report.jsonValue.serialized())       // {"items":12,"annotators":4,…,"metrics":{…}}
/// ```
/// ``jsonValue`` has the shape `malmoi agree --format json` prints:
/// `{"items", "annotators", "annotations", "duplicates", "single_annotation_items", "level",
/// "metrics": {name: value|null}, "intervals": {name: [lo, hi]}, "undefined": {name: reason},
/// "per_category", "per_annotator", "annotator_matrix", "coincidence", "confusion", "bootstrap"}`.
public struct AgreementReport: Sendable {
    /// The task, when the input had a `task` field.
    public var task: String?
    /// The type of the labels.
    public var kind: ReliabilityData.ValueKind
    /// The level the report was narrowed to, or nil for every level that fits.
    public var level: AgreementLevel?
    /// Units (items) with at least one annotation.
    public var items: Int
    /// Annotators.
    public var annotators: Int
    /// Annotations after dropping repeats.
    public var annotations: Int
    /// Repeated annotations (same item, annotator and label) that were counted once.
    public var duplicates: Int
    /// Items with a single annotation: dropped by alpha, kept in the chance term of Gwet's family.
    public var singleAnnotationItems: Int
    /// Annotations with a `null` label, left out as missing.
    public var nullLabels: Int
    /// The coefficients reported, in order; each has a value or an ``undefined`` reason.
    public var metrics: [AgreementMetric]
    /// The coefficients' values.
    public var values: [AgreementMetric: Double]
    /// Why a reported coefficient has no value (JSON `null`).
    public var undefined: [AgreementMetric: String]
    /// Bootstrap intervals, when resamples were drawn.
    public var intervals: [AgreementMetric: AgreementInterval]
    /// The bootstrap settings used, when resamples were drawn.
    public var bootstrap: (resamples: Int, confidence: Double, seed: UInt64)?
    /// The alpha used for ``AnnotatorAgreement/alphaWithout``.
    public var primaryAlpha: AgreementMetric?
    /// Per-category agreement, in category order.
    public var perCategory: [CategoryAgreement]
    /// Per-annotator agreement, in annotator order.
    public var perAnnotator: [AnnotatorAgreement]
    /// Pairwise annotator agreement (share of shared items with the same label).
    public var annotatorAgreement: AgreementMatrix?
    /// Pairwise Cohen's kappa between annotators.
    public var annotatorKappa: AgreementMatrix?
    /// How many items each pair of annotators shares.
    public var annotatorSharedItems: AgreementMatrix?
    /// Krippendorff's coincidence matrix `o_ck` (pairable values).
    public var coincidence: AgreementMatrix?
    /// The confusion matrix of two annotators (rows: the first annotator).
    public var confusion: AgreementMatrix?
    /// The two annotators of ``confusion``: rows, then columns.
    public var confusionAnnotators: [String] = []
    /// Span-specific counts (spans only): spans per annotator and the continuum length used by αu.
    public var spanSummary: [String: Double] = [:]

    /// Creates an empty report for data of this shape; the scorer fills it in.
    public init(task: String?, kind: ReliabilityData.ValueKind, level: AgreementLevel?) {
        self.task = task
        self.kind = kind
        self.level = level
        items = 0
        annotators = 0
        annotations = 0
        duplicates = 0
        singleAnnotationItems = 0
        nullLabels = 0
        metrics = []
        values = [:]
        undefined = [:]
        intervals = [:]
        perCategory = []
        perAnnotator = []
    }

    /// A coefficient's value, or nil when it is undefined or not reported.
    public func value(_ metric: AgreementMetric) -> Double? { values[metric] }

    /// The `"level"` field: the level given, else the value type (`nominal`, `numeric`, `set`, `spans`).
    public var levelName: String { level?.rawValue ?? kind.rawValue }
}
