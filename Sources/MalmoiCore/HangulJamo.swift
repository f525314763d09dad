/// The one Hangul table of Malmoi: syllable arithmetic and jamo letters on Unicode scalar values.
///
/// ```swift
/// HangulJamo.split(0xD55C)            // 한: (initial: 18, medial: 0, final: 4)
/// HangulJamo.compose(18, 0, 4)        // 0xD55C
/// HangulJamo.decompose(0xAC12)        // 값 typed on a 2-set keyboard: ㄱ ㅏ ㅂ ㅅ
/// HangulJamo.compatibility(ofConjoining: 0x11AB)   // ᆫ → ㄴ (0x3134)
/// ```
/// Syllables follow the Unicode Hangul syllable algorithm (Unicode §3.12): syllable = 0xAC00 +
/// (initial × 21 + medial) × 28 + final, with 19 initial consonants, 21 medial vowels and 28 final
/// positions (0 = no final consonant, 받침). Compatibility jamo (U+3131–U+3163) are the letters people
/// type one by one (ㅅㅂ); conjoining jamo (U+1100–U+11FF) appear in decomposed (NFD) text.
/// `MalmoiText.Hangul`, the abuse canonicalizer, the morpheme aligner's letters, MeCab-style output and
/// the annotate loop's Korean-layout commands all use this table.
public enum HangulJamo {
    /// The first precomposed syllable, 가 (U+AC00).
    public static let syllableBase: UInt32 = 0xAC00
    /// The last precomposed syllable, 힣 (U+D7A3).
    public static let syllableLast: UInt32 = 0xD7A3
    /// The first conjoining initial consonant, ᄀ (U+1100).
    public static let conjoiningInitialBase: UInt32 = 0x1100
    /// The first conjoining medial vowel, ᅡ (U+1161).
    public static let conjoiningMedialBase: UInt32 = 0x1161
    /// The conjoining final consonant before the first, so that ᆨ (U+11A8) is base + 1.
    public static let conjoiningFinalBase: UInt32 = 0x11A7
    /// The first compatibility vowel, ㅏ (U+314F); the 21 medials follow in index order.
    public static let compatibilityVowelBase: UInt32 = 0x314F

    /// Compatibility jamo of the 19 initial consonants, in initial-index order (ㄱ ㄲ ㄴ … ㅎ).
    public static let initials: [UInt32] = [
        0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143, 0x3145,
        0x3146, 0x3147, 0x3148, 0x3149, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E,
    ]
    /// Compatibility jamo of the 27 finals, in final-index order: final index `f` (1…27) is `finals[f - 1]`.
    public static let finals: [UInt32] = [
        0x3131, 0x3132, 0x3133, 0x3134, 0x3135, 0x3136, 0x3137, 0x3139, 0x313A, 0x313B,
        0x313C, 0x313D, 0x313E, 0x313F, 0x3140, 0x3141, 0x3142, 0x3144, 0x3145, 0x3146,
        0x3147, 0x3148, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E,
    ]

    /// Whether the scalar is a precomposed syllable (가…힣).
    @inlinable @inline(__always) public static func isSyllable(_ s: UInt32) -> Bool { s >= syllableBase && s <= syllableLast }
    /// Whether the scalar is a compatibility jamo letter (ㄱ…ㅣ).
    @inlinable @inline(__always) public static func isCompatJamo(_ s: UInt32) -> Bool { s >= 0x3131 && s <= 0x3163 }
    /// Whether the scalar is a compatibility consonant (ㄱ…ㅎ).
    @inlinable @inline(__always) public static func isCompatConsonant(_ s: UInt32) -> Bool { s >= 0x3131 && s <= 0x314E }
    /// Whether the scalar is a compatibility vowel (ㅏ…ㅣ).
    @inlinable @inline(__always) public static func isCompatVowel(_ s: UInt32) -> Bool { s >= 0x314F && s <= 0x3163 }
    /// Whether the scalar is a syllable or a compatibility jamo.
    @inlinable @inline(__always) public static func isHangul(_ s: UInt32) -> Bool { isSyllable(s) || isCompatJamo(s) }

    /// The initial index (0–18) of a compatibility consonant, or nil when it cannot start a syllable.
    @inlinable public static func initialIndex(ofCompat s: UInt32) -> Int? { initialIndexTable[Int(s &- 0x3131) & 0x3F] }
    /// The final index (1–27) of a compatibility consonant, or nil when it cannot end a syllable.
    @inlinable public static func finalIndex(ofCompat s: UInt32) -> Int? { finalIndexTable[Int(s &- 0x3131) & 0x3F] }
    /// The medial index (0–20) of a compatibility vowel, or nil.
    @inlinable public static func medialIndex(ofCompat s: UInt32) -> Int? { isCompatVowel(s) ? Int(s - compatibilityVowelBase) : nil }

    @usableFromInline static let initialIndexTable: [Int?] = {
        var table = [Int?](repeating: nil, count: 64)
        for (index, scalar) in initials.enumerated() { table[Int(scalar - 0x3131)] = index }
        return table
    }()
    @usableFromInline static let finalIndexTable: [Int?] = {
        var table = [Int?](repeating: nil, count: 64)
        for (index, scalar) in finals.enumerated() { table[Int(scalar - 0x3131)] = index + 1 }
        return table
    }()

    /// Splits a syllable into initial (0–18), medial (0–20) and final (0–27) indices.
    /// - Precondition: `s` is a syllable (``isSyllable(_:)``).
    @inlinable @inline(__always) public static func split(_ s: UInt32) -> (initial: Int, medial: Int, final: Int) {
        let index = Int(s - syllableBase)
        return (index / 588, (index % 588) / 28, index % 28)
    }

    /// Builds a syllable from its indices.
    @inlinable @inline(__always) public static func compose(_ initial: Int, _ medial: Int, _ final: Int) -> UInt32 {
        syllableBase + UInt32((initial * 21 + medial) * 28 + final)
    }

    /// The compatibility jamo of a medial index.
    @inlinable @inline(__always) public static func vowelCompat(_ medial: Int) -> UInt32 { compatibilityVowelBase + UInt32(medial) }

    /// The initial consonant of a syllable as a compatibility jamo (시 → ㅅ).
    public static func choseong(of s: UInt32) -> UInt32 { initials[split(s).initial] }

    /// The compatibility jamo of a conjoining initial (ᄒ → ㅎ), medial (ᅡ → ㅏ) or final (ᆫ → ㄴ) of
    /// the modern set, or nil for any other scalar.
    public static func compatibility(ofConjoining s: UInt32) -> UInt32? {
        switch s {
        case 0x1100...0x1112: return initials[Int(s - conjoiningInitialBase)]
        case 0x1161...0x1175: return vowelCompat(Int(s - conjoiningMedialBase))
        case 0x11A8...0x11C2: return finals[Int(s - conjoiningFinalBase) - 1]
        default: return nil
        }
    }

    /// The compatibility jamo a syllable is typed with, in 2-set key order (값 → ㄱㅏㅂㅅ, 과 → ㄱㅗㅏ).
    public static func decompose(_ s: UInt32) -> [UInt32] {
        let (i, m, f) = split(s)
        var out: [UInt32] = [initials[i]]
        out += vowelKeys[m]
        if f > 0 { out += finalKeys[f] }
        return out
    }

    /// The keys a compatibility letter is typed with on a 2-set keyboard: a compound vowel or a final
    /// cluster gives two (ㅘ → ㅗ ㅏ, ㄺ → ㄹ ㄱ); tense consonants (ㄲ ㄸ ㅃ ㅆ ㅉ) and every other
    /// scalar give themselves.
    public static func keys(ofCompat s: UInt32) -> [UInt32] {
        if let pair = clusterParts[s] { return [pair.0, pair.1] }
        if isCompatVowel(s) { return vowelKeys[Int(s - compatibilityVowelBase)] }
        return [s]
    }

    /// Medial index → the compatibility vowels typed for it (ㅘ = ㅗ + ㅏ).
    public static let vowelKeys: [[UInt32]] = (0..<21).map { m in
        switch m {
        case 9: return [0x3157, 0x314F]   // ㅘ
        case 10: return [0x3157, 0x3150]  // ㅙ
        case 11: return [0x3157, 0x3163]  // ㅚ
        case 14: return [0x315C, 0x3153]  // ㅝ
        case 15: return [0x315C, 0x3154]  // ㅞ
        case 16: return [0x315C, 0x3163]  // ㅟ
        case 19: return [0x3161, 0x3163]  // ㅢ
        default: return [vowelCompat(m)]
        }
    }

    /// Final index → the compatibility consonants typed for it (ㄳ = ㄱ + ㅅ; ㄲ and ㅆ are one key).
    public static let finalKeys: [[UInt32]] = (0...27).map { f in
        guard f > 0 else { return [] }
        let scalar = finals[f - 1]
        if let pair = clusterParts[scalar] { return [pair.0, pair.1] }
        return [scalar]
    }

    /// Double finals typed with two keys (2-set rule 4).
    public static let clusterParts: [UInt32: (UInt32, UInt32)] = [
        0x3133: (0x3131, 0x3145), 0x3135: (0x3134, 0x3148), 0x3136: (0x3134, 0x314E),
        0x313A: (0x3139, 0x3131), 0x313B: (0x3139, 0x3141), 0x313C: (0x3139, 0x3142),
        0x313D: (0x3139, 0x3145), 0x313E: (0x3139, 0x314C), 0x313F: (0x3139, 0x314D),
        0x3140: (0x3139, 0x314E), 0x3144: (0x3142, 0x3145),
    ]

    /// Two-key complex vowels (2-set rule 2), keyed by medial indices.
    public static func combinedVowel(_ first: Int, _ second: Int) -> Int? {
        switch (first, second) {
        case (8, 0): return 9      // ㅗ+ㅏ
        case (8, 1): return 10     // ㅗ+ㅐ
        case (8, 20): return 11    // ㅗ+ㅣ
        case (13, 4): return 14    // ㅜ+ㅓ
        case (13, 5): return 15    // ㅜ+ㅔ
        case (13, 20): return 16   // ㅜ+ㅣ
        case (18, 20): return 19   // ㅡ+ㅣ
        default: return nil
        }
    }

    /// Combines a final with a following consonant into a double final, if the pair is one.
    public static func combinedFinal(_ first: UInt32, _ second: UInt32) -> UInt32? {
        for (cluster, parts) in clusterParts where parts.0 == first && parts.1 == second { return cluster }
        return nil
    }
}
