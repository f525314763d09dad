/// A bootstrap confidence interval of a coefficient: the percentiles of its resampled values.
public struct AgreementInterval: Hashable, Sendable {
    /// The lower bound (the `(1 − confidence)/2` quantile).
    public var lower: Double
    /// The upper bound (the `(1 + confidence)/2` quantile).
    public var upper: Double
    /// How many resamples had the coefficient defined (the others are left out).
    public var definedResamples: Int

    /// Creates an interval.
    public init(lower: Double, upper: Double, definedResamples: Int) {
        self.lower = lower
        self.upper = upper
        self.definedResamples = definedResamples
    }
}
