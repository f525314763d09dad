/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seedable generator whose output depends only
/// on the seed, so that abuse variants and bootstrap intervals are the same for a seed on every
/// platform and Swift version.
///
/// ```swift
/// var random = SplitMix64(seed: 7)
/// random.next()                      // the same value everywhere
/// var stream = SplitMix64(seed: 7, stream: 3)   // an independent stream (one bootstrap resample)
/// stream.index(below: 100)
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// One of many independent streams of a seed: the stream number is mixed into the state.
    public init(seed: UInt64, stream: UInt64) {
        state = seed
        state = next() ^ (stream &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (multiply-high; bias below 2⁻³² for any bound < 2³²).
    public mutating func index(below bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }
}
