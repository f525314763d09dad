import MalmoiAgreement
import MalmoiCore
import Testing

/// Alpha against a direct transcription of Krippendorff (2011), pair by pair, including data with
/// more distinct values than the dense coincidence matrix holds.
struct AlphaDefinitionTests {
    /// α = 1 − (n − 1) Σ_u Σ_{i≠j} δ(x_i, x_j)/(n_u − 1) / Σ_{a≠b over all pairable values} δ.
    func naiveAlpha(_ units: [[Double]], _ delta: (Double, Double) -> Double) -> Double {
        let pairable = units.filter { $0.count >= 2 }
        let values = pairable.flatMap { $0 }
        let n = Double(values.count)
        var observed = 0.0
        for unit in pairable {
            var sum = 0.0
            for i in unit.indices { for j in unit.indices where i != j { sum += delta(unit[i], unit[j]) } }
            observed += sum / Double(unit.count - 1)
        }
        var expected = 0.0
        for i in values.indices { for j in values.indices where i != j { expected += delta(values[i], values[j]) } }
        return 1 - (n - 1) * observed / expected
    }

    @Test("Nominal, interval and ratio alpha match the definition", arguments: [12, 3000])
    func matchesDefinition(distinctValues: Int) throws {
        var random = TestData(seed: UInt64(distinctValues))
        var units: [[Double]] = []
        var records: [AgreementRecord] = []
        for item in 0..<700 {
            let truth = random.next(below: distinctValues)
            var unit: [Double] = []
            for coder in 0..<3 where random.next(below: 100) >= 20 {
                let value = Double(random.next(below: 100) < 70 ? truth : random.next(below: distinctValues))
                unit.append(value)
                records.append(AgreementRecord(item: "\(item)", annotator: "\(coder)", label: .number(value)))
            }
            if !unit.isEmpty { units.append(unit) }
        }
        let report = try score(records, options: AgreementOptions(includesBreakdowns: false))
        let nominal = naiveAlpha(units) { $0 == $1 ? 0 : 1 }
        let interval = naiveAlpha(units) { ($0 - $1) * ($0 - $1) }
        let ratio = naiveAlpha(units) { $0 + $1 == 0 ? 0 : (($0 - $1) / ($0 + $1)) * (($0 - $1) / ($0 + $1)) }
        #expect(abs(try #require(report.value(.krippendorffAlphaNominal)) - nominal) < 1e-9)
        #expect(abs(try #require(report.value(.krippendorffAlphaInterval)) - interval) < 1e-9)
        #expect(abs(try #require(report.value(.krippendorffAlphaRatio)) - ratio) < 1e-9)
    }
}
