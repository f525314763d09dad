extension String {
    /// The string without the spaces and tabs at either end: Unicode space separators (general category
    /// Zs, e.g. U+0020, U+00A0, U+3000) and U+0009, the set Foundation calls `.whitespaces`.
    public var trimmingBlanks: String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// The entries of a comma-separated list, trimmed of spaces, empty ones left out:
    /// `"긍정, 부정,,"` gives `["긍정", "부정"]`.
    public var commaSeparatedEntries: [String] {
        split(separator: ",").map { String($0).trimmingBlanks }.filter { !$0.isEmpty }
    }
}
