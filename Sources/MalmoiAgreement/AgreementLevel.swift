/// The level of measurement a coefficient treats the labels at, as `--level` names it.
///
/// ```swift
/// var options = AgreementOptions()
/// options.level = .interval   // only interval alpha and the weighted kappa/AC2 forms
/// ```
/// Without a level the scorer reports every level that fits the value type: strings are nominal,
/// numbers are reported at every level (nominal, ordinal, interval, and ratio when no value is
/// negative), arrays of strings are sets, arrays of `{start, end, label}` objects are spans.
public enum AgreementLevel: String, Sendable, CaseIterable, Hashable {
    /// Labels are unordered categories; every distinct value is one category.
    case nominal
    /// Numbers whose order matters but whose differences do not (Krippendorff's ordinal metric).
    case ordinal
    /// Numbers whose differences matter (squared differences; linear/quadratic weights).
    case interval
    /// Non-negative numbers whose ratios matter.
    case ratio
    /// Arrays of strings compared as sets (MASI and Jaccard distances).
    case set
    /// Span annotations: lists of `{start, end, label}` with Unicode scalar offsets `[start, end)`.
    case spans
}
