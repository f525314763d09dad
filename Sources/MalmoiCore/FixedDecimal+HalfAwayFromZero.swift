extension FixedDecimal {
    /// `value` with `digits` decimals, rounded half away from zero after scaling by 10^`digits`
    /// (`halfAwayFromZero(0.4567, digits: 2)` is `"0.46"`; `halfAwayFromZero(0.74345, digits: 4)` is
    /// `"0.7435"`, where ``format(_:digits:)`` gives C's `"0.7434"`).
    ///
    /// This is the rounding of the agreement tables, the HTML reports and the model evaluation table: the
    /// product `|value| × 10^digits` is rounded as a double, then printed with integer arithmetic. A result
    /// that rounds to zero has no minus sign (`-0.00001` gives `"0.0000"`).
    /// - Parameters:
    ///   - value: The number.
    ///   - digits: Decimals, 0 to 18.
    /// - Returns: The text, or nil when `value` is not finite or `|value| × 10^digits` is 9.2e18 or more
    ///   (each caller says what it prints then).
    public static func halfAwayFromZero(_ value: Double, digits: Int) -> String? {
        guard value.isFinite, (0...18).contains(digits) else { return nil }
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (Swift.abs(value) * Double(scale)).rounded()
        guard scaled < 9.2e18 else { return nil }
        let whole = UInt64(scaled)
        var text = (value < 0 && whole != 0 ? "-" : "") + String(whole / scale)
        if digits > 0 {
            let fraction = String(whole % scale)
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }
}
