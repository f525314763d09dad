import MalmoiCore

/// The canonicalizer's and the variant generator's name for the one Hangul table, ``HangulJamo``
/// (syllable arithmetic and compatibility-jamo keys on scalar values).
typealias Jamo = HangulJamo
