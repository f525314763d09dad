/// Hangul syllable and compatibility-jamo arithmetic used by the canonicalizer and the variant
/// generator (Unicode §3.12: syllable = 0xAC00 + (initial × 21 + medial) × 28 + final).
///
/// Everything works on Unicode scalar values (`UInt32`); compatibility jamo (U+3131–U+318E) are the
/// letters people type one by one (ㅅㅂ), conjoining jamo (U+1100–U+11FF) only appear after
/// decomposition and are folded back by ``Canonicalizer``.
enum Jamo {
    static let syllableBase: UInt32 = 0xAC00
    static let syllableLast: UInt32 = 0xD7A3

    /// Compatibility jamo of the 19 initial consonants, in initial-index order.
    static let initials: [UInt32] = [
        0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143, 0x3145,
        0x3146, 0x3147, 0x3148, 0x3149, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E,
    ]
    /// Compatibility jamo of the 27 finals, in final-index order (index 0 = no final is not listed).
    static let finals: [UInt32] = [
        0x3131, 0x3132, 0x3133, 0x3134, 0x3135, 0x3136, 0x3137, 0x3139, 0x313A, 0x313B,
        0x313C, 0x313D, 0x313E, 0x313F, 0x3140, 0x3141, 0x3142, 0x3144, 0x3145, 0x3146,
        0x3147, 0x3148, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E,
    ]

    @inline(__always) static func isSyllable(_ s: UInt32) -> Bool { s >= syllableBase && s <= syllableLast }
    @inline(__always) static func isCompatJamo(_ s: UInt32) -> Bool { s >= 0x3131 && s <= 0x3163 }
    @inline(__always) static func isCompatConsonant(_ s: UInt32) -> Bool { s >= 0x3131 && s <= 0x314E }
    @inline(__always) static func isCompatVowel(_ s: UInt32) -> Bool { s >= 0x314F && s <= 0x3163 }
    @inline(__always) static func isHangul(_ s: UInt32) -> Bool { isSyllable(s) || isCompatJamo(s) }

    /// The initial index (0–18) of a compatibility consonant, or nil when it cannot start a syllable.
    static func initialIndex(ofCompat s: UInt32) -> Int? { initialIndexTable[Int(s &- 0x3131) & 0x3F] }
    /// The final index (1–27) of a compatibility consonant, or nil when it cannot end a syllable.
    static func finalIndex(ofCompat s: UInt32) -> Int? { finalIndexTable[Int(s &- 0x3131) & 0x3F] }

    private static let initialIndexTable: [Int?] = {
        var table = [Int?](repeating: nil, count: 64)
        for (index, scalar) in initials.enumerated() { table[Int(scalar - 0x3131)] = index }
        return table
    }()
    private static let finalIndexTable: [Int?] = {
        var table = [Int?](repeating: nil, count: 64)
        for (index, scalar) in finals.enumerated() { table[Int(scalar - 0x3131)] = index + 1 }
        return table
    }()

    /// Splits a syllable into initial (0–18), medial (0–20) and final (0–27) indices.
    @inline(__always) static func split(_ s: UInt32) -> (initial: Int, medial: Int, final: Int) {
        let index = Int(s - syllableBase)
        return (index / 588, (index % 588) / 28, index % 28)
    }

    /// Builds a syllable from its indices.
    @inline(__always) static func compose(_ initial: Int, _ medial: Int, _ final: Int) -> UInt32 {
        syllableBase + UInt32((initial * 21 + medial) * 28 + final)
    }

    /// The compatibility jamo of a medial index.
    @inline(__always) static func vowelCompat(_ medial: Int) -> UInt32 { 0x314F + UInt32(medial) }

    /// The initial consonant of a syllable as a compatibility jamo (시 → ㅅ).
    static func choseong(of s: UInt32) -> UInt32 { initials[split(s).initial] }

    /// The compatibility jamo a syllable is typed with, in 2-set key order (값 → ㄱㅏㅂㅅ, 과 → ㄱㅗㅏ).
    static func decompose(_ s: UInt32) -> [UInt32] {
        let (i, m, f) = split(s)
        var out: [UInt32] = [initials[i]]
        out += vowelKeys[m]
        if f > 0 { out += finalKeys[f] }
        return out
    }

    /// Medial index → the compatibility vowels typed for it (ㅘ = ㅗ + ㅏ).
    static let vowelKeys: [[UInt32]] = (0..<21).map { m in
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
    static let finalKeys: [[UInt32]] = (0...27).map { f in
        guard f > 0 else { return [] }
        let scalar = finals[f - 1]
        if let pair = clusterParts[scalar] { return [pair.0, pair.1] }
        return [scalar]
    }

    /// Double finals typed with two keys (2-set rule 4).
    static let clusterParts: [UInt32: (UInt32, UInt32)] = [
        0x3133: (0x3131, 0x3145), 0x3135: (0x3134, 0x3148), 0x3136: (0x3134, 0x314E),
        0x313A: (0x3139, 0x3131), 0x313B: (0x3139, 0x3141), 0x313C: (0x3139, 0x3142),
        0x313D: (0x3139, 0x3145), 0x313E: (0x3139, 0x314C), 0x313F: (0x3139, 0x314D),
        0x3140: (0x3139, 0x314E), 0x3144: (0x3142, 0x3145),
    ]

    /// Two-key complex vowels (2-set rule 2), keyed by medial indices.
    static func combinedVowel(_ first: Int, _ second: Int) -> Int? {
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
    static func combinedFinal(_ first: UInt32, _ second: UInt32) -> UInt32? {
        for (cluster, parts) in clusterParts where parts.0 == first && parts.1 == second { return cluster }
        return nil
    }
}
