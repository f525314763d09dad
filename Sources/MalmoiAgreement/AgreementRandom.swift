/// SplitMix64 (Steele, Lea and Flood 2014): a small, fast generator whose output depends only on the seed,
/// so bootstrap intervals are reproducible on every platform and Swift version.
struct AgreementRandom: RandomNumberGenerator {
    private var state: UInt64

    /// A generator for one bootstrap resample: independent streams come from mixing the resample index in.
    init(seed: UInt64, stream: UInt64) {
        state = seed
        state = next() ^ (stream &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (multiply-high; bias below 2⁻³² for any bound < 2³²).
    mutating func index(below bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }
}
