/// The ranges a project's numeric settings must lie in, and the rules for names (issue 12, item 6).
///
/// ```swift
/// try project.checkSettings()                       // before the project is stored
/// let name = try ProjectLimits.checkedName(" 김민수 ", what: "--annotator")   // "김민수"
/// ```
/// The bounds keep every later sum of points far from `Int.max`: a million points per annotation times
/// a billion annotations is 10^15, which an `Int` holds with room to spare.
public enum ProjectLimits {
    /// The most points one accepted annotation may earn.
    public static let maximumPoints = 1_000_000
    /// The most annotators one item may be given to.
    public static let maximumOverlap = 1_000

    /// A name (project, annotator, reviewer, qualification, reason code) with white space trimmed from
    /// both ends. The caller normalizes it to NFC first (Core has no normalizer).
    /// - Parameters:
    ///   - name: the name as typed.
    ///   - what: the option or field named in errors, e.g. `--annotator`.
    /// - Returns: the trimmed name.
    /// - Throws: ``TaskError`` `.invalidConfiguration` when the name is empty or only white space, or
    ///   holds a control character (a line break, an escape sequence) or an unassigned/private-use
    ///   code point; such names break tables and terminals.
    public static func checkedName(_ name: String, what: String) throws -> String {
        let scalars = Array(name.unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end && scalars[start].properties.isWhitespace { start += 1 }
        while end > start && scalars[end - 1].properties.isWhitespace { end -= 1 }
        guard start < end else { throw TaskError(.invalidConfiguration, "\(what) is empty; give a name") }
        var trimmed = String.UnicodeScalarView()
        for scalar in scalars[start..<end] {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
                throw TaskError(.invalidConfiguration,
                                "\(what) \(escapedForTerminal(name)) holds the character U+\(String(scalar.value, radix: 16, uppercase: true)), which names may not contain")
            default:
                trimmed.append(scalar)
            }
        }
        return String(trimmed)
    }

    /// The text with every control character (C0, DEL, C1: ESC sequences, CR, BEL) shown as `\u{…}`, so
    /// that printing an id or a text can never move the cursor, recolour or rewrite the terminal.
    public static func escapedForTerminal(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isTerminalControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isTerminalControl(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether printing the scalar raw could control a terminal: C0 but tab and line feed, DEL, C1.
    static func isTerminalControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x09 && value != 0x0A) || (0x7F...0x9F).contains(value)
    }
}

extension Project {
    /// Checks every numeric setting against its range and the name and reason codes against
    /// ``ProjectLimits/checkedName(_:what:)``.
    /// - Throws: ``TaskError`` `.invalidConfiguration` naming the setting, its value and its range.
    public func checkSettings() throws {
        _ = try ProjectLimits.checkedName(name, what: "the project name")
        guard (0...ProjectLimits.maximumPoints).contains(pointsPerAccept) else {
            throw TaskError(.invalidConfiguration, "--points \(pointsPerAccept) is out of range; use 0 to \(ProjectLimits.maximumPoints)")
        }
        guard (1...ProjectLimits.maximumOverlap).contains(overlap) else {
            throw TaskError(.invalidConfiguration, "--overlap \(overlap) is out of range; use 1 to \(ProjectLimits.maximumOverlap)")
        }
        guard goldRate.isFinite, (0...1).contains(goldRate) else {
            throw TaskError(.invalidConfiguration, "--gold-rate \(goldRate) is out of range; use a number from 0 to 1")
        }
        guard nearDuplicateThreshold.isFinite, nearDuplicateThreshold > 0, nearDuplicateThreshold <= 1 else {
            throw TaskError(.invalidConfiguration, "--near-duplicate \(nearDuplicateThreshold) is out of range; use a number above 0 and at most 1")
        }
        if let requiredQualification { _ = try ProjectLimits.checkedName(requiredQualification, what: "--qualification") }
        for code in reasonCodes { _ = try ProjectLimits.checkedName(code, what: "the reason code") }
    }
}
