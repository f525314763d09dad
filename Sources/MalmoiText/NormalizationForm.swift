/// A Unicode normalization form (UAX #15), plus ICU's NFKC_Casefold.
public enum NormalizationForm: String, CaseIterable, Hashable, Sendable {
    /// Canonical composition: the form Malmoi stores text in.
    case nfc
    /// Canonical decomposition.
    case nfd
    /// Compatibility composition: folds full-width letters, compatibility jamo, ligatures.
    case nfkc
    /// Compatibility decomposition.
    case nfkd
    /// NFKC with case folding and removal of default-ignorable characters (ICU `nfkc_cf`).
    case nfkcCasefold = "nfkc-casefold"
}
