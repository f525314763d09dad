/// How a ``TextClassifier`` is trained.
///
/// ```swift
/// var options = TrainingOptions()
/// options.c = 8
/// options.groups = [.characters, .lexicon]
/// ```
public struct TrainingOptions: Hashable, Sendable {
    /// How training examples are weighted by their label.
    public enum ClassWeight: String, Hashable, Sendable {
        /// Every example weighs 1.
        case none
        /// Each class weighs `n / (2 · n_class)` in its one-vs-rest problem, so rare labels count as much as common ones.
        case balanced
    }

    /// The feature groups read from each text.
    public var groups: FeatureGroups = .standard
    /// Buckets are `0 ..< 2^hashBits`.
    public var hashBits = 20
    /// The hash seed; the same data, options and seed give the same model file, byte for byte.
    public var seed: UInt64 = 1
    /// The inverse regularization strength (larger fits the training data more closely).
    public var c = 10.0
    /// The label weighting.
    public var classWeight: ClassWeight = .balanced
    /// The most L-BFGS iterations per label.
    public var maxIterations = 300
    /// Stop when the gradient's norm falls below this fraction of its first value.
    public var tolerance = 1e-4
    /// Choose C, the class weighting and the decision threshold by cross-validation on the training
    /// examples (two-label data only); ``c`` and ``classWeight`` are then ignored.
    public var tune = false
    /// The values of C tried when tuning (each with balanced and with no class weights).
    public var tuningC: [Double] = [1, 3, 10, 30]
    /// The number of cross-validation parts when tuning.
    public var tuningFolds = 5
    /// Worker threads (the result does not depend on it); defaults to the number of processors.
    public var threads: Int = Parallel.processorCount

    /// Options with the defaults.
    public init() {}
}
