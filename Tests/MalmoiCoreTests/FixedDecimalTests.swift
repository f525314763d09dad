import Foundation
import MalmoiCore
import Testing

@Suite("Fixed decimals without Foundation")
struct FixedDecimalTests {
    @Test("the same text as String(format: \"%.4f\") on edge cases and 20,000 seeded values")
    func matchesPrintf() {
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 0.00005, 0.00015, 0.00025, 0.12345, 0.74345, 2.5e-5, 0.99995, 0.999949999,
                                1e-300, 123456789.123456, -3.14159265, .nan, .infinity, -.infinity, Double.greatestFiniteMagnitude]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let bits = generator.next()
            values.append(Double(bits % 2_000_001) / 1_000_000 - 1)   // [-1, 1] in steps of 1e-6: many exact ties
            values.append(Double(bitPattern: bits) .isFinite ? Double(bitPattern: bits) : 0)
        }
        for value in values {
            #expect(FixedDecimal.format(value) == String(format: "%.4f", value), "\(value)")
        }
        #expect(FixedDecimal.format(2, digits: 1) == "2.0")
        #expect(FixedDecimal.format(0.125, digits: 2) == String(format: "%.2f", 0.125))
        #expect(FixedDecimal.format(7.5, digits: 0) == "8")
    }
}
