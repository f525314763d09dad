/// Revised Romanization of Korean, written for reading Latin-letter spellings of Korean words
/// (`ssibal` → 씨발) and for generating them (씨발 → `ssibal`).
///
/// Reading is letter-based, not phonological: a consonant cluster between two vowels gives its longest
/// valid initial to the next syllable and the rest to the previous syllable's final. The spelling
/// produced by ``romanized(_:)`` always reads back to the same syllables. (The system ICU offers
/// `Latin-Hangul`, which `MalmoiText.Transliterator` wraps; this reader is kept so the scanner has no
/// ICU dependency in its hot path and so generation and reading are exact inverses.)
public enum Romanizer {
    static let initialSpellings: [(String, Int)] = [
        ("kk", 1), ("tt", 4), ("pp", 8), ("ss", 10), ("jj", 13), ("ch", 14),
        ("g", 0), ("k", 15), ("n", 2), ("d", 3), ("r", 5), ("l", 5), ("m", 6), ("b", 7),
        ("s", 9), ("j", 12), ("t", 16), ("p", 17), ("h", 18), ("c", 10), ("f", 17), ("v", 7), ("z", 12),
    ]
    static let medialSpellings: [(String, Int)] = [
        ("yae", 3), ("wae", 10), ("yeo", 6), ("ae", 1), ("ya", 2), ("eo", 4), ("ye", 7), ("wa", 9),
        ("oe", 11), ("yo", 12), ("wo", 14), ("we", 15), ("wi", 16), ("yu", 17), ("eu", 18), ("ui", 19),
        ("a", 0), ("e", 5), ("o", 8), ("u", 13), ("i", 20),
    ]
    static let finalSpellings: [(String, Int)] = [
        ("ng", 21), ("kk", 2), ("ss", 20), ("ch", 23), ("lk", 9), ("lm", 10), ("lb", 11), ("ps", 18),
        ("k", 1), ("g", 1), ("n", 4), ("t", 19), ("d", 7), ("l", 8), ("r", 8), ("m", 16), ("p", 17),
        ("b", 17), ("s", 19), ("j", 22), ("h", 27),
    ]
    static let initialSpelling: [String] = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
    static let medialSpelling: [String] = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"]
    static let finalSpelling: [String] = ["", "k", "kk", "ks", "n", "nj", "nh", "d", "l", "lk", "lm", "lb", "ls", "lt", "lp", "lh", "m", "p", "ps", "t", "ss", "ng", "j", "ch", "k", "t", "p", "h"]

    /// Reads a run of Latin letters as romanized Korean.
    /// - Returns: the syllables and, for each, the range of letters it was read from; nil when the run
    ///   is not a valid romanization.
    static func read(_ letters: [UInt8]) -> [(UInt32, Range<Int>)]? {
        var result: [(UInt32, Range<Int>)] = []
        var position = 0
        let count = letters.count
        func matches(_ spelling: String, at offset: Int) -> Bool {
            var k = offset
            for byte in spelling.utf8 {
                guard k < count, letters[k] == byte else { return false }
                k += 1
            }
            return true
        }
        func isVowelLetter(_ k: Int) -> Bool {
            guard k < count else { return false }
            switch letters[k] {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return true
            case UInt8(ascii: "y"), UInt8(ascii: "w"): return isVowelLetter(k + 1)
            default: return false
            }
        }
        while position < count {
            let start = position
            var initial = 11
            if !isVowelLetter(position) {
                guard let match = initialSpellings.first(where: { matches($0.0, at: position) }) else { return nil }
                initial = match.1
                position += match.0.utf8.count
            }
            guard let vowel = medialSpellings.first(where: { matches($0.0, at: position) }) else { return nil }
            position += vowel.0.utf8.count
            // Consonant letters up to the next vowel (or the end).
            var clusterEnd = position
            while clusterEnd < count, !isVowelLetter(clusterEnd) { clusterEnd += 1 }
            var final = 0
            if clusterEnd > position {
                if clusterEnd == count {
                    guard let f = finalSpellings.first(where: { $0.0.utf8.count == clusterEnd - position && matches($0.0, at: position) }) else { return nil }
                    final = f.1
                    position = clusterEnd
                } else {
                    // Longest valid initial suffix goes to the next syllable.
                    var split = -1
                    for cut in position..<clusterEnd {
                        let suffixLength = clusterEnd - cut
                        if initialSpellings.contains(where: { $0.0.utf8.count == suffixLength && matches($0.0, at: cut) }) {
                            let prefixLength = cut - position
                            if prefixLength == 0 || finalSpellings.contains(where: { $0.0.utf8.count == prefixLength && matches($0.0, at: position) }) {
                                split = cut
                                break
                            }
                        }
                    }
                    guard split >= 0 else { return nil }
                    if split > position {
                        final = finalSpellings.first(where: { $0.0.utf8.count == split - position && matches($0.0, at: position) })!.1
                    }
                    position = split
                }
            }
            result.append((Jamo.compose(initial, vowel.1, final), start..<position))
        }
        return result
    }

    /// The Hangul reading of a romanized word (`ssibal` → 씨발), or nil when it does not read as Korean.
    public static func hangul(fromRomanized word: String) -> String? {
        let letters = Array(word.lowercased().utf8)
        guard !letters.isEmpty, letters.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }),
              let read = read(letters) else { return nil }
        var text = String.UnicodeScalarView()
        for (scalar, _) in read { text.append(Unicode.Scalar(scalar)!) }
        return String(text)
    }

    /// The romanized spelling of Hangul syllables (씨발 → `ssibal`); other characters are kept.
    public static func romanized(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if Jamo.isSyllable(scalar.value) {
                let (i, m, f) = Jamo.split(scalar.value)
                out += initialSpelling[i] + medialSpelling[m] + finalSpelling[f]
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
