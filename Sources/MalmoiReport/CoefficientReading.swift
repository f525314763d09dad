import MalmoiAgreement

/// A plain-language reading of an agreement coefficient: what the number means, by the usual bands,
/// with their caveats.
///
/// ```swift
/// CoefficientReading.sentence(for: .krippendorffAlphaNominal, value: 0.45, interval: nil)
/// // "0.450: below 0.667, too low to draw conclusions from (Krippendorff) …"
/// ```
/// Bands: Krippendorff (2004, *Content Analysis*, §11.4): α ≥ 0.800 reliable, 0.667 ≤ α < 0.800 for
/// tentative conclusions only, below that not reliable. Landis and Koch (1977) for the kappa family:
/// < 0 poor, 0–0.20 slight, 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, 0.81–1 almost
/// perfect. Both are conventions, not tests; the interval's lower end is what a careful reading uses.
public enum CoefficientReading {
    /// The band a value falls in for the metric's family, e.g. `"moderate"` or `"tentative"`.
    public static func band(for metric: AgreementMetric, value: Double) -> String {
        if metric == .percentAgreement { return "raw share" }
        if metric.rawValue.hasPrefix("krippendorff") {
            return value >= 0.8 ? "reliable" : value >= 0.667 ? "tentative" : "not reliable"
        }
        switch value {
        case ..<0: return "poor"
        case ..<0.205: return "slight"
        case ..<0.405: return "fair"
        case ..<0.605: return "moderate"
        case ..<0.805: return "substantial"
        default: return "almost perfect"
        }
    }

    /// One sentence reading `value` (and its interval, when given) for `metric`.
    public static func sentence(for metric: AgreementMetric, value: Double, interval: AgreementInterval?) -> String {
        let shown = HTMLText.fixed(value, 3)
        var text: String
        if metric == .percentAgreement {
            text = "\(shown): annotators gave the same answer in \(HTMLText.percent(value)) of pairs. "
                + "This is not corrected for chance: with two common labels, agreement by guessing alone is already near 50%."
        } else if metric.rawValue.hasPrefix("krippendorff") {
            let reading = value >= 0.8 ? "at or above 0.800, the usual bar for relying on the labels"
                : value >= 0.667 ? "between 0.667 and 0.800, enough only for tentative conclusions"
                : value > 0 ? "below 0.667, too low to draw conclusions from the labels"
                : "at or below 0, no better than chance (systematic disagreement when negative)"
            text = "\(shown): \(reading) (Krippendorff's bands). 1 is perfect agreement, 0 what chance gives."
        } else {
            let reading = band(for: metric, value: value)
            text = "\(shown): \(reading) agreement on Landis and Koch's scale (0.41–0.60 moderate, 0.61–0.80 substantial). "
                + "The bands are a convention; kappa falls when one label dominates even if annotators rarely differ."
        }
        if let interval {
            text += " The \(HTMLText.fixed(interval.lower, 3))–\(HTMLText.fixed(interval.upper, 3)) interval"
            let lowBand = metric == .percentAgreement ? nil : band(for: metric, value: interval.lower)
            if let lowBand, lowBand != band(for: metric, value: value) {
                text += " reaches down into \"\(lowBand)\": more items would be needed to be sure of the band."
            } else {
                text += " stays in the same band."
            }
        }
        return text
    }
}
