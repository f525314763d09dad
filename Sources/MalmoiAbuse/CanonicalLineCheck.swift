import MalmoiCore

/// A cheap, exact-in-one-direction test that canonicalizing a line is the identity with no lexicon
/// hits, so a caller that only needs the canonical text and the hits can skip the canonicalizer.
///
/// ```swift
/// let canonicalizer = try Canonicalizer.standard()
/// let check = CanonicalLineCheck(canonicalizer)
/// check.isIdentity("오늘 날씨 좋네요.")   // true: the canonical text is the line, no hits
/// check.isIdentity("ㅅㅂ 진짜")            // false: canonicalize it
/// ```
///
/// A line passes when it holds only Hangul syllables, ASCII spaces (space, tab, line ends) and ASCII
/// punctuation that is neither a look-alike nor a placeholder, and the lexicon's plain-line test rules
/// out every match in it. Such a line needs no safe step (its units are its own scalars), no
/// substitution or romanization view, and has no candidate, so ``Canonicalizer/canonicalize(_:explaining:)``
/// returns it unchanged with no hits and no transformations. A line that fails is not necessarily
/// changed; it just has to be canonicalized.
public struct CanonicalLineCheck: Sendable {
    private let prefilter: PlainLinePrefilter?
    /// A bit per ASCII scalar that may stay in a passing line: spaces and the punctuation that is
    /// neither a look-alike nor a placeholder.
    private let allowedLow: UInt64
    private let allowedHigh: UInt64

    /// Builds the check for one canonicalizer (its lexicon's patterns, look-alikes and placeholders).
    public init(_ canonicalizer: Canonicalizer) {
        prefilter = canonicalizer.compiled.prefilter
        var low: UInt64 = 0
        var high: UInt64 = 0
        let lexicon = canonicalizer.compiled.lexicon
        for s in UInt32(0)..<0x80 {
            let space = s == 0x20 || s == 0x09 || s == 0x0A || s == 0x0D
            guard space || (PlainLinePrefilter.isPunctuation(s) && lexicon.lookalikes[s] == nil
                            && !lexicon.placeholders.contains(s)) else { continue }
            if s < 64 { low |= 1 << UInt64(s) } else { high |= 1 << UInt64(s - 64) }
        }
        allowedLow = low
        allowedHigh = high
    }

    /// Whether canonicalizing `text` certainly gives `text` itself with no hits.
    public func isIdentity(_ text: String) -> Bool {
        var text = text
        if let result = text.utf8.withContiguousStorageIfAvailable({ isIdentity(utf8: $0) }) { return result }
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { isIdentity(utf8: $0) } ?? false
    }

    /// Whether canonicalizing the valid UTF-8 `utf8` certainly gives the same text with no hits.
    public func isIdentity(utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let prefilter else { return false }
        var previous: UInt32 = 0
        var index = 0
        let end = utf8.count
        while index < end {
            let lead = utf8[index]
            if lead < 0x80 {
                let allowed = lead < 64 ? allowedLow >> UInt64(lead) : allowedHigh >> UInt64(lead - 64)
                if allowed & 1 == 0 { return false }
                index += 1
                continue
            }
            // Hangul syllables (U+AC00–U+D7A3) take three bytes led by 0xEA–0xED.
            guard lead >= 0xEA && lead <= 0xED else { return false }
            let s = ValidUTF8.scalar(in: utf8, at: &index)
            guard Jamo.isSyllable(s) else { return false }
            // The same syllable tests as ``PlainLinePrefilter/rulesOut(_:)``.
            if PlainLinePrefilter.has(prefilter.single, s) { return false }
            if previous != 0 {
                if PlainLinePrefilter.has(prefilter.pairStart, previous)
                    && prefilter.pairs.contains(UInt64(previous) << 32 | UInt64(s)) { return false }
                if (s - Jamo.syllableBase) / 588 == 11 {
                    let p = Jamo.split(previous)
                    if p.final == 0 && Canonicalizer.echo(p.medial) == Jamo.split(s).medial { return false }
                }
            }
            previous = s
        }
        return true
    }
}
