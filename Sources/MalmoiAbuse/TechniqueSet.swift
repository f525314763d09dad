/// A set of evasion techniques, stored as a bit mask (one bit per ``EvasionTechnique``).
public struct TechniqueSet: OptionSet, Hashable, Sendable {
    /// The bit mask.
    public var rawValue: UInt32
    /// Creates a set from its bit mask.
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// A set holding one technique.
    public init(_ technique: EvasionTechnique) { rawValue = technique.bit }

    /// The techniques in the set, in taxonomy order.
    public var techniques: [EvasionTechnique] {
        guard rawValue != 0 else { return [] }
        var result: [EvasionTechnique] = []
        var bits = rawValue
        while bits != 0 {
            let index = bits.trailingZeroBitCount
            if index < EvasionTechnique.ordered.count { result.append(EvasionTechnique.ordered[index]) }
            bits &= bits - 1
        }
        return result
    }

    /// Whether the set holds a technique.
    public func has(_ technique: EvasionTechnique) -> Bool { rawValue & technique.bit != 0 }
}
