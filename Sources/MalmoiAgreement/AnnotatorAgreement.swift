/// How one annotator agrees with the others.
public struct AnnotatorAgreement: Hashable, Sendable {
    /// The annotator's id.
    public var name: String
    /// How many items the annotator labelled.
    public var items: Int
    /// The share of the annotator's pairings (with every other annotator of the same item) that agree;
    /// nil when the annotator never shares an item.
    public var agreement: Double?
    /// The mean of Cohen's kappa with each other annotator over shared items (pairs where it is
    /// defined); nil when none is.
    public var meanCohenKappa: Double?
    /// The report's primary alpha recomputed without this annotator: a value well above the overall
    /// alpha marks an annotator who pulls agreement down. Nil when undefined or not computed.
    public var alphaWithout: Double?

    /// Creates an annotator breakdown.
    public init(name: String, items: Int, agreement: Double?, meanCohenKappa: Double?, alphaWithout: Double?) {
        self.name = name
        self.items = items
        self.agreement = agreement
        self.meanCohenKappa = meanCohenKappa
        self.alphaWithout = alphaWithout
    }
}
