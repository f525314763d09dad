import MalmoiCore
/// The answer metrics of the official KorQuAD 1.0 evaluation script: its answer normalization, exact
/// match and its character-level (order-blind) F1.
///
/// ```swift
/// KorQuADMetric.normalized("《토지》 (1969)")          // "토지 1969"
/// KorQuADMetric.exactMatch("《토지》", "토지")          // true
/// KorQuADMetric.f1("임수경", "임수경을")                // 0.857…
/// KorQuADMetric.f1("임수경", "경수임")                  // 1.0 — a bag of characters, order does not count
/// ```
/// The normalization, in the script's order:
/// 1. each of `' " 《 》 < > 〈 〉 ( ) ‘ ’` becomes a space;
/// 2. lowercase;
/// 3. every character of Python's `string.punctuation` (ASCII punctuation only) is deleted;
/// 4. white space runs (Python `str.split()` white space) collapse to one space, ends trimmed.
/// Unlike SQuAD's script, articles (`a`, `an`, `the`) are kept.
///
/// F1 ("F1 by character"): normalize both, split on spaces, concatenate the characters (Unicode scalars,
/// what Python iterates) of all tokens, and count the multiset intersection:
/// `P = common / |pred|`, `R = common / |gold|`, `F1 = 2PR / (P + R)`, and 0 when nothing is shared.
/// The arithmetic is done in the script's order so results agree to the last bit.
public enum KorQuADMetric {
    /// The script's answer normalization.
    public static func normalized(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        // Steps 1–2: quote and bracket characters become spaces, then lowercase.
        var replaced = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            replaced.append(isReplacedBySpace(scalar) ? " " : scalar)
        }
        let lowered = pythonLowercased(String(replaced))
        // Steps 3–4: drop ASCII punctuation, collapse white space.
        var pendingSpace = false
        for scalar in lowered.unicodeScalars {
            if isASCIIPunctuation(scalar) { continue }
            if isPythonWhitespace(scalar) {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            output.append(scalar)
        }
        return String(output)
    }

    /// Whether the normalized prediction equals the normalized gold answer (white space still counts:
    /// `1989년 2월 15일` ≠ `1989년2월15일`).
    public static func exactMatch(_ prediction: String, _ gold: String) -> Bool {
        sameScalars(normalized(prediction), normalized(gold))
    }

    /// Python's `==` on `str`: code point by code point. Swift's `String ==` would also equate
    /// canonically equivalent text (NFC and NFD Hangul), which the script does not.
    public static func sameScalars(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }

    /// Python's `str.lower()`: full lowercase mappings, with the Final_Sigma rule (Σ at the end of a
    /// word becomes ς), which Swift's `lowercased()` does not apply.
    static func pythonLowercased(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{03A3}") else { return text.lowercased() }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            guard scalar == "\u{03A3}" else {
                output.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                continue
            }
            // Final_Sigma: a cased letter before (skipping case-ignorables) and none after.
            var before = index - 1
            while before >= 0, scalars[before].properties.isCaseIgnorable { before -= 1 }
            var after = index + 1
            while after < scalars.count, scalars[after].properties.isCaseIgnorable { after += 1 }
            let isFinal = before >= 0 && scalars[before].properties.isCased
                && !(after < scalars.count && scalars[after].properties.isCased)
            output.append(isFinal ? "\u{03C2}" : "\u{03C3}")
        }
        return String(output)
    }

    /// The script's character-bag F1 in `[0, 1]`.
    public static func f1(_ prediction: String, _ gold: String) -> Double {
        f1(normalizedPrediction: normalized(prediction), normalizedGold: normalized(gold))
    }

    /// The best exact match over several gold answers (the script's `metric_max_over_ground_truths`).
    /// With no gold answer (an unanswerable question), the prediction must normalize to the empty string.
    public static func exactMatch(_ prediction: String, golds: [String]) -> Bool {
        let normalizedPrediction = normalized(prediction)
        if golds.isEmpty { return normalizedPrediction.isEmpty }
        return golds.contains { sameScalars(normalized($0), normalizedPrediction) }
    }

    /// The best F1 over several gold answers; with none, 1 when the prediction normalizes to empty, else 0.
    public static func f1(_ prediction: String, golds: [String]) -> Double {
        let normalizedPrediction = normalized(prediction)
        if golds.isEmpty { return normalizedPrediction.isEmpty ? 1 : 0 }
        var best = -Double.infinity
        for gold in golds {
            best = max(best, f1(normalizedPrediction: normalizedPrediction, normalizedGold: normalized(gold)))
        }
        return best
    }

    /// F1 of two already normalized answers.
    static func f1(normalizedPrediction: String, normalizedGold: String) -> Double {
        let predicted = characters(normalizedPrediction)
        let gold = characters(normalizedGold)
        let common = sortedIntersectionCount(predicted, gold)
        if common == 0 { return 0 }
        let precision = 1.0 * Double(common) / Double(predicted.count)
        let recall = 1.0 * Double(common) / Double(gold.count)
        return (2 * precision * recall) / (precision + recall)
    }

    /// The scalars of the tokens of a normalized text (spaces dropped), sorted for the bag intersection.
    private static func characters(_ normalizedText: String) -> [UInt32] {
        var values: [UInt32] = []
        values.reserveCapacity(normalizedText.utf8.count)
        for scalar in normalizedText.unicodeScalars where scalar != " " { values.append(scalar.value) }
        values.sort()
        return values
    }

    private static func isReplacedBySpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x27, 0x22, 0x300A, 0x300B, 0x3C, 0x3E, 0x3008, 0x3009, 0x28, 0x29, 0x2018, 0x2019: true
        default: false
        }
    }

    /// Python's `string.punctuation`: ``!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~``.
    static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
        default: false
        }
    }

    /// The characters Python's `str.split()` splits on (`str.isspace()`).
    static func isPythonWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
