import MalmoiCore
import MalmoiMorph

/// A linear text classifier: one-vs-rest logistic regression over hashed TF-IDF features of the
/// canonicalized text (see ``FeatureExtractor``).
///
/// ```swift
/// let examples = try LabeledText.read(path: "train.jsonl")
/// let model = try TextClassifier.train(examples, options: TrainingOptions())
/// try model.write(to: "abuse.model")
/// let again = try TextClassifier(contentsOf: "abuse.model")
/// again.predict("ㅅㅂ 진짜").label   // "1"
/// ```
/// With two labels one classifier scores the second label (in sorted order); with more, one
/// classifier per label and, for single-label data, the probabilities are normalized to sum to 1.
public struct TextClassifier: Sendable {
    /// The labels, sorted.
    public let labels: [String]
    /// Whether each text may carry any number of labels.
    public let isMultiLabel: Bool
    /// The feature extractor the model was trained with.
    public let extractor: FeatureExtractor
    /// What the model was trained on and how, as written in the file's header.
    public let training: TrainingSummary

    /// The bucket of each column, the column's idf, and one weight vector and bias per classifier.
    let buckets: [UInt32]
    let idf: [Float]
    let weights: [[Float]]
    let biases: [Double]
    /// The dense table for prediction: per bucket its idf (0 for unseen buckets) then its `k` weights,
    /// side by side so one cache line holds all a feature needs.
    let table: [Float]

    /// Facts about training recorded in the model file.
    public struct TrainingSummary: Hashable, Sendable {
        /// Examples trained on.
        public var examples: Int
        /// The regularization constant.
        public var c: Double
        /// The class weighting.
        public var classWeight: TrainingOptions.ClassWeight
        /// L-BFGS iterations per classifier.
        public var iterations: [Int]
        /// The decision threshold chosen by cross-validation and folded into the bias, or nil untuned.
        public var threshold: Double?
        /// The morpheme dictionary used, or nil without morpheme features.
        public var dictionary: String?
        /// The abuse lexicon version the canonicalizer used.
        public var lexiconVersion: String
    }

    /// The number of one-vs-rest classifiers.
    var classifierCount: Int { weights.count }

    init(labels: [String], isMultiLabel: Bool, extractor: FeatureExtractor, training: TrainingSummary,
         buckets: [UInt32], idf: [Float], weights: [[Float]], biases: [Double]) {
        self.labels = labels
        self.isMultiLabel = isMultiLabel
        self.extractor = extractor
        self.training = training
        self.buckets = buckets
        self.idf = idf
        self.weights = weights
        self.biases = biases
        let k = weights.count
        var table = [Float](repeating: 0, count: extractor.bucketCount * (k + 1))
        for (column, bucket) in buckets.enumerated() {
            table[Int(bucket) * (k + 1)] = idf[column]
            for c in 0..<k { table[Int(bucket) * (k + 1) + 1 + c] = weights[c][column] }
        }
        self.table = table
    }

    // MARK: - Training

    /// Trains a model.
    /// - Parameters:
    ///   - examples: the labeled texts; a label list in any example makes the data multi-label.
    ///   - options: features, regularization, seed, threads.
    ///   - analyzer: the morpheme analyzer, needed when `options.groups` contains morphemes.
    ///   - dictionary: a description of the analyzer's dictionary for the header.
    ///   - allowedLabels: when given, any other label is an error (`--project` mode).
    /// - Throws: ``ModelError`` `.noData`, `.oneClass`, `.unknownLabel` (located at the example),
    ///   `.dictionaryMissing`.
    public static func train(_ examples: [LabeledText], options: TrainingOptions, analyzer: Analyzer? = nil,
                             dictionary: String? = nil, allowedLabels: Set<String>? = nil) throws -> TextClassifier {
        guard let first = examples.first else {
            throw ModelError(.noData, "no training examples")
        }
        let isMulti = examples.contains { $0.isMultiLabel }
        var labelSet = Set<String>()
        for example in examples {
            for label in example.labels {
                if let allowedLabels, !allowedLabels.contains(label) {
                    throw ModelError(.unknownLabel,
                                     "unknown label \"\(label)\"; allowed: \(allowedLabels.sorted().joined(separator: ", "))",
                                     at: example.location?.field("label"))
                }
                labelSet.insert(label)
            }
        }
        let labels = labelSet.sorted()
        if !isMulti && labels.count < 2 {
            throw ModelError(.oneClass,
                             "every example has the label \"\(labels.first ?? "")\"; training needs at least two labels",
                             at: first.location?.field("label"))
        }
        if isMulti {
            guard !labels.isEmpty else { throw ModelError(.oneClass, "no example has any label", at: first.location?.field("label")) }
            for label in labels where examples.allSatisfy({ $0.labels.contains(label) }) {
                throw ModelError(.oneClass, "every example has the label \"\(label)\"; nothing to tell it from",
                                 at: first.location?.field("label"))
            }
        }
        let extractor = try FeatureExtractor(groups: options.groups, hashBits: options.hashBits, seed: options.seed,
                                             analyzer: options.groups.contains(.morphemes) ? analyzer : nil)
        let docs = SharedBuffer<[UInt32]>(repeating: [], count: examples.count)
        Parallel.forEachRange(examples.count, threads: options.threads, minimumChunk: 32) { range in
            for i in range { docs[i] = extractor.buckets(of: examples[i].text) }
        }
        let matrix = FeatureMatrix(sortedBuckets: docs.array, bucketCount: extractor.bucketCount)
        let targets: [String] = isMulti || labels.count > 2 ? labels : [labels[1]]
        var c = options.c
        var classWeight = options.classWeight
        var threshold: Double?
        if options.tune {
            guard targets.count == 1 else {
                throw ModelError(.invalidOption, "tuning needs data with exactly two labels, not \(labels.count)\(isMulti ? " (multi-label)" : "")")
            }
            let choice = ModelTuning.choose(docs: docs.array, positive: examples.map { $0.labels.contains(targets[0]) },
                                            bucketCount: extractor.bucketCount, options: options)
            c = choice.c
            classWeight = choice.classWeight
            threshold = choice.threshold
        }
        var weights: [[Float]] = []
        var biases: [Double] = []
        var iterations: [Int] = []
        for target in targets {
            let isPositive = examples.map { $0.labels.contains(target) }
            let sampleWeights = Self.sampleWeights(isPositive, classWeight: classWeight)
            let fit = LogisticRegression.fit(matrix, targets: isPositive, sampleWeights: sampleWeights, c: c,
                                             maxIterations: options.maxIterations, tolerance: options.tolerance,
                                             threads: options.threads)
            weights.append(fit.weights)
            // A tuned threshold t is folded into the bias, so that probability 0.5 falls where t did.
            biases.append(fit.bias - (threshold.map { Foundationless.log($0 / (1 - $0)) } ?? 0))
            iterations.append(fit.iterations)
        }
        let summary = TrainingSummary(examples: examples.count, c: c, classWeight: classWeight,
                                      iterations: iterations, threshold: threshold,
                                      dictionary: options.groups.contains(.morphemes) ? (dictionary ?? "mecab-ko-dic") : nil,
                                      lexiconVersion: extractor.canonicalizer.lexicon.version)
        return TextClassifier(labels: labels, isMultiLabel: isMulti, extractor: extractor, training: summary,
                              buckets: matrix.buckets, idf: matrix.idf, weights: weights, biases: biases)
    }

    /// Per-example weights for one one-vs-rest problem: 1, or `n / (2 · n_class)` when balanced.
    static func sampleWeights(_ isPositive: [Bool], classWeight: TrainingOptions.ClassWeight) -> [Double] {
        let positives = isPositive.filter { $0 }.count
        var weights = [Double](repeating: 1, count: isPositive.count)
        if classWeight == .balanced, positives > 0, positives < isPositive.count {
            let n = Double(isPositive.count)
            let positiveWeight = n / (2 * Double(positives))
            let negativeWeight = n / (2 * Double(isPositive.count - positives))
            for i in 0..<isPositive.count { weights[i] = isPositive[i] ? positiveWeight : negativeWeight }
        }
        return weights
    }

    // MARK: - Prediction

    /// Predicts the labels of one text.
    public func predict(_ text: String) -> Prediction {
        var scratch = PredictionScratch(bucketCount: extractor.bucketCount)
        return predict(text, scratch: &scratch)
    }

    /// Predicts the labels of many texts on all cores (the order of the results is the order of the texts).
    /// - Parameter threads: worker threads; nil means one per processor.
    public func predict(_ texts: [String], threads: Int? = nil) -> [Prediction] {
        let results = SharedBuffer<Prediction?>(repeating: nil, count: texts.count)
        forEachPrediction(texts, threads: threads) { index, prediction in results[index] = prediction }
        return results.array.map { $0! }
    }

    /// Predicts the labels of many texts on all cores and hands each result, with its index, to `body`
    /// on the worker thread that computed it (so `body` must only touch the slot of its index).
    public func forEachPrediction(_ texts: [String], threads: Int? = nil, _ body: (Int, Prediction) -> Void) {
        Parallel.forEachRange(texts.count, threads: threads ?? Parallel.processorCount, minimumChunk: 64) { range in
            var scratch = PredictionScratch(bucketCount: extractor.bucketCount)
            for i in range { body(i, predict(texts[i], scratch: &scratch)) }
        }
    }

    /// The raw classifier margins `w·x + b` of a text.
    ///
    /// The table is far larger than the caches, so the loads are arranged for memory-level parallelism:
    /// the occurrences are counted first (in a small hash table that stays in the cache), then every
    /// feature's table entry is gathered in a loop without branches, so the processor has many cache
    /// misses in flight at once.
    func margins(_ text: String, scratch: inout PredictionScratch) -> [Double] {
        scratch.buckets.removeAll(keepingCapacity: true)
        extractor.appendBuckets(of: text, to: &scratch.buckets, scalars: &scratch.scalars)
        scratch.countDistinct()
        let k = classifierCount
        let stride = k + 1
        var z = biases
        let n = scratch.distinctCount
        if scratch.values.count < n { scratch.values = [Float](repeating: 0, count: n * 2) }
        var norm: Double = 0
        table.withUnsafeBufferPointer { table in
            scratch.unique.withUnsafeBufferPointer { unique in
                scratch.tf.withUnsafeBufferPointer { tf in
                    if k == 1 {
                        // One classifier (two labels): its weight sits beside the idf, so the value, the
                        // norm and the dot product are summed in one pass, in the same order as below.
                        var sum = 0.0
                        for i in 0..<n {
                            let entry = unique[i] &* stride
                            let value = tf[i] * table[entry]
                            norm += Double(value * value)
                            sum += Double(value) * Double(table[entry &+ 1])
                        }
                        if norm > 0 { z[0] += sum * (1 / norm.squareRoot()) }
                        return
                    }
                    scratch.values.withUnsafeMutableBufferPointer { values in
                        for i in 0..<n {
                            let value = tf[i] * table[unique[i] &* stride]
                            values[i] = value
                            norm += Double(value * value)
                        }
                        guard norm > 0 else { return }
                        let scale = 1 / norm.squareRoot()
                        for c in 0..<k {
                            var sum = 0.0
                            for i in 0..<n { sum += Double(values[i]) * Double(table[unique[i] &* stride &+ 1 &+ c]) }
                            z[c] += sum * scale
                        }
                    }
                }
            }
        }
        return z
    }

    func predict(_ text: String, scratch: inout PredictionScratch) -> Prediction {
        let z = margins(text, scratch: &scratch)
        let sigmoid = z.map { $0 >= 0 ? 1 / (1 + Foundationless.exp(-$0)) : 1 - 1 / (1 + Foundationless.exp($0)) }
        var scores: [(label: String, probability: Double)]
        if !isMultiLabel && labels.count == 2 {
            scores = [(labels[0], 1 - sigmoid[0]), (labels[1], sigmoid[0])]
        } else if !isMultiLabel {
            let total = sigmoid.reduce(0, +)
            scores = zip(labels, sigmoid).map { ($0, total > 0 ? $1 / total : 1 / Double(labels.count)) }
        } else {
            scores = zip(labels, sigmoid).map { ($0, $1) }
        }
        var best = 0
        for i in scores.indices where scores[i].probability > scores[best].probability { best = i }
        let chosen = isMultiLabel ? scores.filter { $0.probability >= 0.5 }.map(\.label) : [scores[best].label]
        return Prediction(label: scores[best].label, score: scores[best].probability, scores: scores, labels: chosen,
                          isMultiLabel: isMultiLabel)
    }
}

/// Per-thread working memory for prediction: feature occurrences, counts by bucket (zeroed again after
/// each text), the buckets seen, and their weighted values.
struct PredictionScratch {
    var buckets: [UInt32] = []
    var scalars: [UInt32] = []
    /// The distinct buckets of the last text are `unique[0 ..< distinctCount]`, their weights
    /// `tf[0 ..< distinctCount]` (both arrays only grow, so they are written without growth checks).
    var unique: [Int] = []
    var tf: [Float] = []
    var distinctCount = 0
    var values: [Float] = []
    /// Open addressing: a slot holds `bucket + 1` (0 = empty) and its count.
    var slots = [UInt32](repeating: 0, count: 1024)
    var counts = [UInt16](repeating: 0, count: 1024)
    var used: [Int] = []

    init(bucketCount: Int) {}

    /// `1 + ln(count)` for the counts below 256, computed with the same `logf` as larger counts.
    private static let smallWeights: [Float] = (0..<256).map { 1 + Foundationless.logf(Float($0)) }

    /// Fills `unique[0 ..< distinctCount]` with the distinct buckets of `buckets` (in order of first
    /// occurrence) and `tf` with `1 + ln(count)` of each, leaving the hash table empty again.
    mutating func countDistinct() {
        let n = buckets.count
        if n * 2 > slots.count {
            var size = slots.count
            while size < n * 2 { size *= 2 }
            slots = [UInt32](repeating: 0, count: size)
            counts = [UInt16](repeating: 0, count: size)
        }
        if unique.count < n {
            let size = max(n, 2 * unique.count)
            unique = [Int](repeating: 0, count: size)
            tf = [Float](repeating: 0, count: size)
            used = [Int](repeating: 0, count: size)
        }
        let mask = slots.count - 1
        var distinct = 0
        let weights = Self.smallWeights
        buckets.withUnsafeBufferPointer { buckets in
            slots.withUnsafeMutableBufferPointer { slots in
                counts.withUnsafeMutableBufferPointer { counts in
                    used.withUnsafeMutableBufferPointer { used in
                        for bucket in buckets {
                            let key = bucket &+ 1
                            var slot = Int((key &* 0x9E37_79B1) >> 7) & mask
                            while true {
                                let held = slots[slot]
                                if held == key {
                                    if counts[slot] < UInt16.max { counts[slot] += 1 }
                                    break
                                }
                                if held == 0 {
                                    slots[slot] = key
                                    counts[slot] = 1
                                    used[distinct] = slot
                                    distinct += 1
                                    break
                                }
                                slot = (slot + 1) & mask
                            }
                        }
                        unique.withUnsafeMutableBufferPointer { unique in
                            tf.withUnsafeMutableBufferPointer { tf in
                                weights.withUnsafeBufferPointer { weights in
                                    for i in 0..<distinct {
                                        let slot = used[i]
                                        let count = counts[slot]
                                        unique[i] = Int(slots[slot] &- 1)
                                        tf[i] = count < 256 ? weights[Int(count)] : 1 + Foundationless.logf(Float(count))
                                        slots[slot] = 0
                                        counts[slot] = 0
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        distinctCount = distinct
    }
}

extension TextClassifier {
    /// Predicts many texts on all cores and returns each result as one JSON line (with `\n`), in order:
    /// `{"id"?, "label", "score", "scores"}` (see ``Prediction/appendJSON(id:to:)``).
    public func predictedJSONLines(_ entries: [(id: JSONValue?, text: String)], threads: Int? = nil) -> [[UInt8]] {
        let lines = SharedBuffer<[UInt8]>(repeating: [], count: entries.count)
        forEachPrediction(entries.map(\.text), threads: threads) { index, prediction in
            var line: [UInt8] = []
            line.reserveCapacity(96)
            prediction.appendJSON(id: entries[index].id, to: &line)
            line.append(0x0A)
            lines[index] = line
        }
        return lines.array
    }
}
