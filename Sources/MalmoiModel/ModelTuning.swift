/// Chooses the regularization, the class weighting and the decision threshold of a two-label model by
/// cross-validation on the training examples alone (nothing else is read).
///
/// The examples are dealt into `folds` parts by a shuffle seeded with the training seed. For every
/// candidate (each C of ``TrainingOptions/tuningC`` with balanced and with no class weights), each part
/// is scored by a model fitted on the other parts (its own columns and idf), so every example gets an
/// out-of-fold probability. The candidate and threshold with the best out-of-fold F1 of the second
/// label win; ties go to the earlier candidate and the threshold nearest 0.5.
struct ModelTuning {
    /// The chosen settings and the F1 they reached out of fold.
    struct Choice: Hashable {
        var c: Double
        var classWeight: TrainingOptions.ClassWeight
        var threshold: Double
        var f1: Double
    }

    /// The thresholds tried: 0.20, 0.225, …, 0.80.
    static let thresholds: [Double] = (0...24).map { 0.2 + Double($0) * 0.025 }

    /// Runs the search. `docs` are the examples' sorted buckets, `positive` whether each has the second label.
    static func choose(docs: [[UInt32]], positive: [Bool], bucketCount: Int, options: TrainingOptions) -> Choice {
        let n = docs.count
        let folds = max(2, min(options.tuningFolds, n))
        var order = Array(0..<n)
        var generator = SplitMix(seed: options.seed)
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = Int(generator.next() % UInt64(i + 1))
            order.swapAt(i, j)
        }
        var fold = [Int](repeating: 0, count: n)
        for (rank, index) in order.enumerated() { fold[index] = rank % folds }
        let candidates: [(Double, TrainingOptions.ClassWeight)] =
            options.tuningC.flatMap { c in [(c, TrainingOptions.ClassWeight.balanced), (c, .none)] }
        var probabilities = [[Double]](repeating: [Double](repeating: 0, count: n), count: candidates.count)
        for part in 0..<folds {
            let train = (0..<n).filter { fold[$0] != part }
            let held = (0..<n).filter { fold[$0] == part }
            let matrix = FeatureMatrix(sortedBuckets: train.map { docs[$0] }, bucketCount: bucketCount)
            let targets = train.map { positive[$0] }
            var columnOf = [Int32](repeating: -1, count: bucketCount)
            for (column, bucket) in matrix.buckets.enumerated() { columnOf[Int(bucket)] = Int32(column) }
            for (index, candidate) in candidates.enumerated() {
                let weights = TextClassifier.sampleWeights(targets, classWeight: candidate.1)
                let fit = LogisticRegression.fit(matrix, targets: targets, sampleWeights: weights, c: candidate.0,
                                                 maxIterations: options.maxIterations, tolerance: options.tolerance,
                                                 threads: options.threads)
                for i in held {
                    let z = margin(docs[i], columnOf: columnOf, idf: matrix.idf, weights: fit.weights, bias: fit.bias)
                    probabilities[index][i] = z >= 0 ? 1 / (1 + Foundationless.exp(-z)) : 1 - 1 / (1 + Foundationless.exp(z))
                }
            }
        }
        var best = Choice(c: candidates[0].0, classWeight: candidates[0].1, threshold: 0.5, f1: -1)
        for (index, candidate) in candidates.enumerated() {
            for threshold in thresholds.sorted(by: { abs($0 - 0.5) < abs($1 - 0.5) }) {
                let f1 = f1Score(probabilities[index], positive: positive, threshold: threshold)
                if f1 > best.f1 + 1e-12 {
                    best = Choice(c: candidate.0, classWeight: candidate.1, threshold: threshold, f1: f1)
                }
            }
        }
        return best
    }

    /// The margin of one text for a fitted classifier, weighting its buckets as ``FeatureMatrix`` does
    /// (sublinear tf times idf, unit length) and leaving out buckets the fit never saw.
    static func margin(_ doc: [UInt32], columnOf: [Int32], idf: [Float], weights: [Float], bias: Double) -> Double {
        var values: [(Int, Double)] = []
        var index = 0
        var norm = 0.0
        while index < doc.count {
            var end = index + 1
            while end < doc.count, doc[end] == doc[index] { end += 1 }
            let column = columnOf[Int(doc[index])]
            if column >= 0 {
                let value = Double(1 + Foundationless.logf(Float(end - index))) * Double(idf[Int(column)])
                values.append((Int(column), value))
                norm += value * value
            }
            index = end
        }
        guard norm > 0 else { return bias }
        let scale = 1 / norm.squareRoot()
        var z = bias
        for (column, value) in values { z += value * scale * Double(weights[column]) }
        return z
    }

    /// F1 of the positive class when a probability at or above `threshold` says positive.
    static func f1Score(_ probabilities: [Double], positive: [Bool], threshold: Double) -> Double {
        var tp = 0, fp = 0, fn = 0
        for (p, isPositive) in zip(probabilities, positive) {
            let said = p >= threshold
            if said && isPositive { tp += 1 } else if said { fp += 1 } else if isPositive { fn += 1 }
        }
        return tp == 0 ? 0 : 2 * Double(tp) / Double(2 * tp + fp + fn)
    }
}

/// A small seeded generator (SplitMix64), so fold assignment depends on the seed alone.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
