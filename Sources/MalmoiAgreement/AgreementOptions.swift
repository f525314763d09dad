/// What the scorer computes: the level, a subset of metrics, bootstrap intervals and breakdowns.
///
/// ```swift
/// var options = AgreementOptions()
/// options.metrics = [.krippendorffAlphaNominal]
/// options.bootstrapResamples = 1000
/// options.seed = 7
/// let report = AgreementScorer.score(data, options: options)
/// ```
public struct AgreementOptions: Sendable, Hashable {
    /// The level to narrow the output to; nil reports every level that fits the value type.
    public var level: AgreementLevel?
    /// The coefficients to report; nil reports every coefficient of the level.
    public var metrics: Set<AgreementMetric>?
    /// Whether `<metric>__<variant>` names are reported alongside the coefficients we follow.
    public var includesVariants: Bool
    /// Whether per-category, per-annotator, annotator-matrix, coincidence and confusion breakdowns
    /// are computed.
    public var includesBreakdowns: Bool
    /// The confidence level of bootstrap intervals, in (0, 1).
    public var confidence: Double
    /// How many bootstrap resamples of the units to draw; 0 computes no intervals.
    public var bootstrapResamples: Int
    /// The seed of the bootstrap's random generator: the same seed gives the same intervals.
    public var seed: UInt64
    /// How many threads the bootstrap may use; nil uses every active processor.
    public var threads: Int?

    /// Creates options: every level, every metric, variants and breakdowns, no bootstrap, seed 1.
    public init(
        level: AgreementLevel? = nil, metrics: Set<AgreementMetric>? = nil, includesVariants: Bool = true,
        includesBreakdowns: Bool = true, confidence: Double = 0.95, bootstrapResamples: Int = 0,
        seed: UInt64 = 1, threads: Int? = nil
    ) {
        self.level = level
        self.metrics = metrics
        self.includesVariants = includesVariants
        self.includesBreakdowns = includesBreakdowns
        self.confidence = confidence
        self.bootstrapResamples = bootstrapResamples
        self.seed = seed
        self.threads = threads
    }
}
