import MalmoiCore

/// Hangul syllables and jamo: decomposition, composition, compatibility jamo and 받침.
///
/// ```swift
/// Hangul.syllable(of: "한")                  // lead ㅎ, vowel ㅏ, trail ㄴ (as indices and jamo)
/// Hangul.compose(lead: 18, vowel: 0, trail: 4)  // "한"
/// Hangul.hasFinalConsonant("값")              // true
/// Hangul.composeJamo("ㄷㅏㄹㄱㅇㅡㄴ").text    // "닭은"
/// ```
/// Indices follow the Unicode Hangul syllable algorithm (Unicode §3.12): 19 leading consonants,
/// 21 vowels and 28 trailing positions (0 = no final consonant).
public enum Hangul {
    /// The first precomposed syllable, 가 (U+AC00).
    public static let syllableBase: UInt32 = HangulJamo.syllableBase
    /// The last precomposed syllable, 힣 (U+D7A3).
    public static let syllableLast: UInt32 = HangulJamo.syllableLast

    /// The parts of a precomposed syllable.
    public struct Syllable: Hashable, Sendable {
        /// Leading consonant index, 0..<19 (ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ).
        public var lead: Int
        /// Vowel index, 0..<21 (ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ).
        public var vowel: Int
        /// Trailing consonant index, 0..<28; 0 means no final consonant (받침).
        public var trail: Int

        /// The leading consonant as a conjoining jamo (U+1100…).
        public var leadJamo: Unicode.Scalar { Unicode.Scalar(HangulJamo.conjoiningInitialBase + UInt32(lead))! }
        /// The vowel as a conjoining jamo (U+1161…).
        public var vowelJamo: Unicode.Scalar { Unicode.Scalar(HangulJamo.conjoiningMedialBase + UInt32(vowel))! }
        /// The trailing consonant as a conjoining jamo (U+11A8…), if any.
        public var trailJamo: Unicode.Scalar? { trail == 0 ? nil : Unicode.Scalar(HangulJamo.conjoiningFinalBase + UInt32(trail))! }

        /// The parts as compatibility jamo (U+3131…), the letters a keyboard types: 한 → ㅎ ㅏ ㄴ.
        public var compatibilityJamo: [Unicode.Scalar] {
            var letters = [Hangul.leadCompatibility[lead], Hangul.vowelCompatibility[vowel]]
            if trail > 0 { letters.append(Hangul.trailCompatibility[trail]) }
            return letters
        }

        /// The syllable these parts make.
        public var scalar: Unicode.Scalar {
            Unicode.Scalar(HangulJamo.compose(lead, vowel, trail))!
        }
    }

    /// Whether the scalar is a precomposed Hangul syllable (가…힣).
    @inlinable
    public static func isSyllable(_ scalar: Unicode.Scalar) -> Bool {
        HangulJamo.isSyllable(scalar.value)
    }

    /// Whether the scalar is a compatibility jamo letter (ㄱ…ㅣ, U+3131–U+3163).
    @inlinable
    public static func isCompatibilityJamo(_ scalar: Unicode.Scalar) -> Bool {
        HangulJamo.isCompatJamo(scalar.value)
    }

    /// Whether the scalar is a conjoining jamo (U+1100–U+11FF, U+A960–U+A97F, U+D7B0–U+D7FF).
    @inlinable
    public static func isConjoiningJamo(_ scalar: Unicode.Scalar) -> Bool {
        (0x1100...0x11FF).contains(scalar.value) || (0xA960...0xA97F).contains(scalar.value)
            || (0xD7B0...0xD7FF).contains(scalar.value)
    }

    /// The parts of a precomposed syllable, or nil for any other scalar.
    public static func syllable(of scalar: Unicode.Scalar) -> Syllable? {
        guard isSyllable(scalar) else { return nil }
        let parts = HangulJamo.split(scalar.value)
        return Syllable(lead: parts.initial, vowel: parts.medial, trail: parts.final)
    }

    /// The syllable with these parts, or nil when an index is out of range.
    public static func compose(lead: Int, vowel: Int, trail: Int = 0) -> Unicode.Scalar? {
        guard (0..<19).contains(lead), (0..<21).contains(vowel), (0..<28).contains(trail) else { return nil }
        return Syllable(lead: lead, vowel: vowel, trail: trail).scalar
    }

    /// Whether a syllable has a final consonant (받침); nil for a scalar that is not a syllable.
    public static func hasFinalConsonant(_ scalar: Unicode.Scalar) -> Bool? {
        syllable(of: scalar).map { $0.trail != 0 }
    }

    /// Whether a word ends in a final consonant, judged by its last Hangul syllable (trailing
    /// punctuation and spaces are ignored): decides 이/가, 을/를, 은/는. Nil when the word has no syllable.
    public static func hasFinalConsonant(_ word: String) -> Bool? {
        for scalar in word.unicodeScalars.reversed() {
            if let syllable = syllable(of: scalar) { return syllable.trail != 0 }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { return nil }
        }
        return nil
    }

    /// The compatibility jamo of a conjoining jamo (ᄒ → ㅎ, ᅡ → ㅏ, ᆫ → ㄴ), or nil.
    public static func compatibilityJamo(forConjoining scalar: Unicode.Scalar) -> Unicode.Scalar? {
        HangulJamo.compatibility(ofConjoining: scalar.value).flatMap(Unicode.Scalar.init)
    }

    /// The conjoining leading-consonant jamo of a compatibility consonant (ㄱ → ᄀ), or nil
    /// (clusters such as ㄳ cannot lead a syllable).
    public static func conjoiningLead(forCompatibility scalar: Unicode.Scalar) -> Unicode.Scalar? {
        leadIndex(of: scalar).map { Unicode.Scalar(HangulJamo.conjoiningInitialBase + UInt32($0))! }
    }

    /// The conjoining trailing-consonant jamo of a compatibility consonant (ㄱ → ᆨ), or nil.
    public static func conjoiningTrail(forCompatibility scalar: Unicode.Scalar) -> Unicode.Scalar? {
        trailIndex(of: scalar).map { Unicode.Scalar(HangulJamo.conjoiningFinalBase + UInt32($0))! }
    }

    /// The conjoining vowel jamo of a compatibility vowel (ㅏ → ᅡ), or nil.
    public static func conjoiningVowel(forCompatibility scalar: Unicode.Scalar) -> Unicode.Scalar? {
        vowelIndex(of: scalar).map { Unicode.Scalar(HangulJamo.conjoiningMedialBase + UInt32($0))! }
    }

    /// Text with every precomposed syllable spelled out as compatibility jamo: `한글` → `ㅎㅏㄴㄱㅡㄹ`.
    /// Clusters stay single letters (값 → ㄱㅏㅄ); other scalars are kept.
    public static func decomposeToCompatibilityJamo(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let syllable = syllable(of: scalar) {
                result.append(contentsOf: syllable.compatibilityJamo)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    // MARK: Tables (from ``HangulJamo``, the one table)

    /// Compatibility letters of the 19 leading consonants, in index order.
    static let leadCompatibility: [Unicode.Scalar] = HangulJamo.initials.map { Unicode.Scalar($0)! }
    /// Compatibility letters of the 21 vowels, in index order (the same order as U+314F…U+3163).
    static let vowelCompatibility: [Unicode.Scalar] = (0..<21).map { Unicode.Scalar(HangulJamo.vowelCompat($0))! }
    /// Compatibility letters of the 28 trailing positions; index 0 (no final) is a placeholder.
    static let trailCompatibility: [Unicode.Scalar] = ["\u{0}"] + HangulJamo.finals.map { Unicode.Scalar($0)! }

    /// The leading-consonant index of a compatibility consonant, or nil.
    public static func leadIndex(of scalar: Unicode.Scalar) -> Int? {
        HangulJamo.isCompatConsonant(scalar.value) ? HangulJamo.initialIndex(ofCompat: scalar.value) : nil
    }
    /// The vowel index of a compatibility vowel, or nil.
    public static func vowelIndex(of scalar: Unicode.Scalar) -> Int? { HangulJamo.medialIndex(ofCompat: scalar.value) }
    /// The trailing-consonant index (1…27) of a compatibility consonant, or nil.
    public static func trailIndex(of scalar: Unicode.Scalar) -> Int? {
        HangulJamo.isCompatConsonant(scalar.value) ? HangulJamo.finalIndex(ofCompat: scalar.value) : nil
    }
}
