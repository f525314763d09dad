import MalmoiCore
import Dispatch

/// Bootstrap confidence intervals over units: draw the units with replacement, recompute every
/// coefficient, and take percentiles.
///
/// Resample `b` uses its own generator seeded from `(seed, b)`, so the intervals depend only on the
/// seed and the number of resamples, not on how many threads ran them.
enum AgreementBootstrap {
    static func intervals(
        _ data: ReliabilityData, coefficients: AgreementCoefficients, plan: AgreementTally.Plan, resamples: Int,
        confidence: Double, seed: UInt64, threads: Int?
    ) -> [AgreementMetric: AgreementInterval] {
        let metrics = coefficients.metrics
        let units = data.unitCount
        let needsCoders = plan.pairTables || metrics.contains { $0 == .congerKappa || $0 == .congerKappaPairable }
        let (patterns, patternOfUnit) = groupedByPattern(data, keepingCoders: needsCoders)
        let storage = ResultStorage(count: resamples * metrics.count)
        defer { storage.deallocate() }
        let workers = max(1, min(threads ?? Processors.activeCount, resamples))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var weights = [Int32](repeating: 0, count: patterns.unitCount)
            var resample = worker
            while resample < resamples {
                var random = SplitMix64(seed: seed, stream: UInt64(resample))
                for index in weights.indices { weights[index] = 0 }
                patternOfUnit.withUnsafeBufferPointer { pattern in
                    for _ in 0..<units { weights[Int(pattern[random.index(below: units)])] += 1 }
                }
                let tally = weights.withUnsafeBufferPointer {
                    AgreementTally.gather(patterns, plan: plan, weights: $0)
                }
                let results = coefficients.compute(tally)
                for (offset, metric) in metrics.enumerated() {
                    storage.store(results.value(metric) ?? .nan, at: resample * metrics.count + offset)
                }
                resample += workers
            }
        }
        var intervals: [AgreementMetric: AgreementInterval] = [:]
        let tail = (1 - confidence) / 2
        for (offset, metric) in metrics.enumerated() {
            var sample: [Double] = []
            sample.reserveCapacity(resamples)
            for resample in 0..<resamples {
                let value = storage.load(at: resample * metrics.count + offset)
                if !value.isNaN { sample.append(value) }
            }
            guard !sample.isEmpty else { continue }
            sample.sort()
            intervals[metric] = AgreementInterval(
                lower: quantile(sample, tail), upper: quantile(sample, 1 - tail), definedResamples: sample.count)
        }
        return intervals
    }

    /// Units with the same values count the same in every sum, so a resample only needs how many
    /// times each distinct pattern was drawn. The pattern is the unit's multiset of values, or its
    /// (coder, value) pairs when a coefficient looks at coders (Conger, the pair tables).
    /// - Returns: one unit per pattern, and the pattern of each original unit.
    static func groupedByPattern(_ data: ReliabilityData, keepingCoders: Bool) -> (ReliabilityData, [Int32]) {
        var index: [[Int32]: Int32] = [:]
        var patternOfUnit = [Int32](repeating: 0, count: data.unitCount)
        var starts: [Int] = [0]
        var coders: [Int32] = []
        var codes: [Int32] = []
        var key: [Int32] = []
        for unit in 0..<data.unitCount {
            key.removeAll(keepingCapacity: true)
            let range = data.unitStarts[unit]..<data.unitStarts[unit + 1]
            if keepingCoders {
                for position in range { key.append(data.entryCoders[position] << 16 | data.entryCodes[position]) }
                if data.categoryCount >= 1 << 16 || data.coderCount >= 1 << 15 {
                    key = range.flatMap { [data.entryCoders[$0], data.entryCodes[$0]] }
                }
            } else {
                for position in range { key.append(data.entryCodes[position]) }
                key.sort()
            }
            if let known = index[key] {
                patternOfUnit[unit] = known
                continue
            }
            let id = Int32(starts.count - 1)
            index[key] = id
            patternOfUnit[unit] = id
            if keepingCoders {
                for position in range {
                    coders.append(data.entryCoders[position])
                    codes.append(data.entryCodes[position])
                }
            } else {
                // Coders do not matter here; number them 0..<n so every value has one.
                for (offset, code) in key.enumerated() {
                    coders.append(Int32(offset % max(1, data.coderCount)))
                    codes.append(code)
                }
            }
            starts.append(codes.count)
        }
        let patterns = ReliabilityData(
            unitNames: Array(repeating: "", count: starts.count - 1), coderNames: data.coderNames,
            categories: data.categories, unitStarts: starts, entryCoders: coders, entryCodes: codes,
            duplicateCount: 0, nullLabelCount: 0)
        return (patterns, patternOfUnit)
    }

    /// The `p` quantile of sorted values with linear interpolation (Hyndman–Fan type 7, NumPy's default).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}

/// A fixed buffer the bootstrap workers write to; each slot is written by exactly one worker.
private final class ResultStorage: @unchecked Sendable {
    private let pointer: UnsafeMutablePointer<Double>

    init(count: Int) {
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: .nan, count: max(count, 1))
    }

    func store(_ value: Double, at index: Int) { pointer[index] = value }
    func load(at index: Int) -> Double { pointer[index] }
    func deallocate() { pointer.deallocate() }
}
