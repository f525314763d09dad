import MalmoiAgreement
import MalmoiCore

/// Deterministic random annotation sets for property tests.
struct TestData {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func next(below bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    /// `items` items × `coders` coders; each coder agrees with the item's "truth" 60% of the time and
    /// misses a cell with probability `missing` (in percent). Labels are indexes into `labels`.
    mutating func records(items: Int, coders: Int, labels: [JSONValue], missing: Int = 15) -> [AgreementRecord] {
        var records: [AgreementRecord] = []
        for item in 0..<items {
            let truth = next(below: labels.count)
            for coder in 0..<coders where next(below: 100) >= missing {
                let label = next(below: 100) < 60 ? truth : next(below: labels.count)
                records.append(AgreementRecord(item: "item\(item)", annotator: "coder\(coder)", label: labels[label]))
            }
        }
        return records
    }

    mutating func shuffled<T>(_ values: [T]) -> [T] {
        var values = values
        for index in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(index, next(below: index + 1))
        }
        return values
    }
}

/// Scores records as one task.
func score(_ records: [AgreementRecord], options: AgreementOptions = AgreementOptions()) throws -> AgreementReport {
    AgreementScorer.score(try ReliabilityData(records: records, level: options.level), options: options)
}
