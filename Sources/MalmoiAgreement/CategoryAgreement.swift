/// Agreement on one category: how often it was used and how reliably.
public struct CategoryAgreement: Hashable, Sendable {
    /// The category as displayed (`긍정`, `3`, `{경제, 문화}`).
    public var name: String
    /// How many annotations gave this value.
    public var count: Int
    /// How many of them are in items with two or more annotations (Krippendorff's `n_c`).
    public var pairableCount: Int
    /// Category-specific alpha: nominal alpha after merging every other category,
    /// `1 − (n − 1)(n_c − o_cc) / (n_c (n − n_c))`; nil when undefined.
    public var alpha: Double?
    /// Specific (positive) agreement `Σ_u n_uc(n_uc − 1) / Σ_u n_uc(n_u − 1)`: the chance that another
    /// annotator of the item also chose this category, given one did; nil when never paired.
    public var positiveAgreement: Double?

    /// Creates a category breakdown.
    public init(name: String, count: Int, pairableCount: Int, alpha: Double?, positiveAgreement: Double?) {
        self.name = name
        self.count = count
        self.pairableCount = pairableCount
        self.alpha = alpha
        self.positiveAgreement = positiveAgreement
    }
}
