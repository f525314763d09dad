import MalmoiCore
import Testing

/// The three formatters `FixedDecimal.halfAwayFromZero` replaced, kept here as they were, as oracles.
private enum Replaced {
    /// The agreement tables' `TextFormat.fixed` (finite values with a scaled product under 9e15).
    static func agreementTable(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = UInt64(scaled)
        let integer = whole / UInt64(scale)
        var text = (value < 0 && whole != 0 ? "-" : "") + String(integer)
        if digits > 0 {
            let fraction = String(whole % UInt64(scale))
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }

    /// The HTML reports' `HTMLText.fixed` (finite values under 1e12).
    static func html(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        var text = (value < 0 && scaled > 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let fraction = String(Int(scaled) - whole * Int(scale))
            text += "." + String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
        }
        return text
    }

    /// The model evaluation table's four-decimal `format` (precision, recall and F1: not negative).
    static func modelTable(_ x: Double) -> String {
        let scaled = (x * 10000).rounded() / 10000
        var text = String(scaled)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < 4 { text += String(repeating: "0", count: 4 - decimals) }
        }
        return text
    }
}

@Suite("Fixed decimals rounded half away from zero")
struct FixedDecimalHalfAwayTests {
    /// Edge cases and 60,000 seeded values: exact ties on a 1e-6 grid, shares in [0, 1], and magnitudes
    /// spread over twelve orders.
    static let values: [Double] = {
        var values: [Double] = [0, -0.0, 1, -1, 0.5, -0.5, 0.00005, -0.00005, 0.00015, 0.00025, 0.12345, 0.74345, 2.5e-5,
                                0.99995, 0.999949999, 0.4567, 1e-300, -1e-300, 123456789.123456, -3.14159265, 66.65, 95.35,
                                999_999_999_999.9, 899_999_999_999.99995, 1e11 + 0.00005]
        var generator = SplitMix64(seed: 13)
        for _ in 0..<20_000 {
            let bits = generator.next()
            values.append(Double(bits % 2_000_001) / 1_000_000 - 1)
            values.append(Double(bits >> 11) / Double(1 << 53))
            let magnitude = Double(bits % 12)
            var power = 1.0
            for _ in 0..<Int(magnitude) { power *= 10 }
            values.append((Double(bits >> 11) / Double(1 << 53) - 0.5) * power)
        }
        return values
    }()

    @Test("the same text as the agreement tables' formatter, for 0 to 4 decimals")
    func matchesAgreementTables() {
        for digits in 0...4 {
            for value in Self.values {
                #expect(FixedDecimal.halfAwayFromZero(value, digits: digits) == Replaced.agreementTable(value, digits), "\(value) \(digits)")
            }
        }
    }

    @Test("the same text as the HTML reports' formatter, for 0 to 4 decimals below 1e12")
    func matchesHTMLReports() {
        for digits in 0...4 {
            for value in Self.values where abs(value) < 1e12 {
                #expect(FixedDecimal.halfAwayFromZero(value, digits: digits) == Replaced.html(value, digits), "\(value) \(digits)")
            }
        }
    }

    /// Precision, recall and F1 are ratios of counts: never negative, never -0.0 (which the old
    /// formatter wrote as "-0.0000").
    @Test("the same text as the model evaluation table's formatter on positive values and +0")
    func matchesModelTable() {
        for value in Self.values where value.sign == .plus && value < 1e6 {
            #expect(FixedDecimal.halfAwayFromZero(value, digits: 4) == Replaced.modelTable(value), "\(value)")
        }
    }

    @Test("ties round away from zero, unlike printf; nothing is printed for what cannot be written exactly")
    func roundingAndLimits() {
        #expect(FixedDecimal.halfAwayFromZero(0.5, digits: 0) == "1")
        #expect(FixedDecimal.halfAwayFromZero(-2.5, digits: 0) == "-3")
        #expect(FixedDecimal.halfAwayFromZero(0.4567, digits: 2) == "0.46")
        #expect(FixedDecimal.halfAwayFromZero(-0.00001, digits: 4) == "0.0000")
        #expect(FixedDecimal.halfAwayFromZero(0.125, digits: 2) == "0.13")
        #expect(FixedDecimal.format(0.125, digits: 2) == "0.12")
        #expect(FixedDecimal.halfAwayFromZero(.nan, digits: 2) == nil)
        #expect(FixedDecimal.halfAwayFromZero(-.infinity, digits: 2) == nil)
        #expect(FixedDecimal.halfAwayFromZero(1e19, digits: 0) == nil)
        #expect(FixedDecimal.halfAwayFromZero(1, digits: 19) == nil)
    }
}
