import MalmoiCore
import MalmoiAbuse
import MalmoiMorph

/// Turns a text into hashed feature counts: character 1–4-grams of the text after the abuse
/// canonicalizer (so `ㅅ1발` and `씨발` share features), words, lexicon hits and, with a dictionary,
/// morphemes.
///
/// ```swift
/// let extractor = try FeatureExtractor(groups: .standard, hashBits: 20, seed: 1)
/// let buckets = extractor.buckets(of: "ㅅㅂ 진짜")   // sorted bucket numbers, repeated per occurrence
/// ```
/// Every feature is hashed (64-bit, seeded) into `2^hashBits` buckets; each group hashes under its
/// own salt so a word never collides by construction with a character n-gram of the same letters.
public struct FeatureExtractor: Sendable {
    /// The feature groups read.
    public let groups: FeatureGroups
    /// Buckets are `0 ..< 2^hashBits`.
    public let hashBits: Int
    /// The hash seed.
    public let seed: UInt64
    /// The canonicalizer run before every other step.
    public let canonicalizer: Canonicalizer
    /// The morpheme analyzer; required when ``groups`` contains ``FeatureGroups/morphemes``.
    public let analyzer: Analyzer?
    /// Proves, for most plain lines, that the canonicalizer would return the line unchanged with no
    /// hits, so it is not run on them (nil runs it on every line, as tests compare).
    var lineCheck: CanonicalLineCheck?

    /// Creates an extractor.
    /// - Throws: ``ModelError`` `.dictionaryMissing` when morphemes are asked for without an analyzer,
    ///   `.invalidOption` for a hash size outside 10–26 bits; ``AbuseError`` if the built-in lexicon is broken.
    public init(groups: FeatureGroups, hashBits: Int = 20, seed: UInt64 = 1, analyzer: Analyzer? = nil,
                canonicalizer: Canonicalizer? = nil) throws {
        guard (10...26).contains(hashBits) else {
            throw ModelError(.invalidOption, "hash bits must be between 10 and 26, not \(hashBits)")
        }
        if groups.contains(.morphemes) && analyzer == nil {
            throw ModelError(.dictionaryMissing, "the morpheme features need mecab-ko-dic. \(SystemDictionary.setupHint)")
        }
        self.groups = groups
        self.hashBits = hashBits
        self.seed = seed
        self.analyzer = analyzer
        self.canonicalizer = try canonicalizer ?? Canonicalizer.standard()
        lineCheck = CanonicalLineCheck(self.canonicalizer)
    }

    /// The number of buckets, `2^hashBits`.
    public var bucketCount: Int { 1 << hashBits }

    /// The buckets of every feature occurrence in `text`, sorted (a bucket repeats once per occurrence).
    public func buckets(of text: String) -> [UInt32] {
        var out: [UInt32] = []
        appendBuckets(of: text, to: &out)
        BucketSort.sort(&out)
        return out
    }

    /// Appends the (unsorted) buckets of every feature occurrence in `text`.
    public func appendBuckets(of text: String, to out: inout [UInt32]) {
        var scalars: [UInt32] = []
        appendBuckets(of: text, to: &out, scalars: &scalars)
    }

    /// Appends the (unsorted) buckets of every feature occurrence in `text`, using `scalars` as working
    /// memory (so a caller labelling many texts allocates it once).
    func appendBuckets(of text: String, to out: inout [UInt32], scalars: inout [UInt32]) {
        let mask = UInt64(bucketCount - 1)
        // The canonical text and its hits; most plain lines are proved to be their own canonical form.
        var text = text
        if !text.isContiguousUTF8 { text.makeContiguousUTF8() }
        var hits: [AbuseHit] = []
        // The canonical scalars when they differ from the text's; nil when the text is its own canonical form.
        var changed: [UInt32]? = nil
        text.utf8.withContiguousStorageIfAvailable { utf8 in
            if let lineCheck, lineCheck.isIdentity(utf8: utf8) { return }
            let line = canonicalizer.canonicalLine(utf8: utf8)
            hits = line.hits
            if !line.isUnchanged { changed = line.scalars }
        }
        // Scalars of the canonical text, whitespace runs as one space, ASCII lowercased, padded by spaces.
        scalars.removeAll(keepingCapacity: true)
        scalars.reserveCapacity((changed?.count ?? text.utf8.count) + 2)
        scalars.append(0x20)
        if let changed {
            Self.appendSpacedScalars(of: changed, to: &scalars)
        } else {
            text.utf8.withContiguousStorageIfAvailable { utf8 in
                Self.appendSpacedScalars(utf8, to: &scalars)
            }
        }
        if scalars.last != 0x20 { scalars.append(0x20) }
        out.reserveCapacity(out.count + scalars.count * (groups.contains(.rawCharacters) ? 10 : 5))
        if groups.contains(.characters) {
            scalars.withUnsafeBufferPointer {
                Self.appendCharacterGrams($0, salt: Self.mix(seed &+ 0x6368_6172), mask: mask, to: &out)
            }
        }
        if groups.contains(.jamo) || groups.contains(.jamoOnsets) {
            // The same spaced scalars with each syllable spelled as conjoining jamo (L V, and T when present),
            // written after them in the same working array (no allocation per text) and cut off again.
            let spacedCount = scalars.count
            // At most three jamo per scalar: room is made first, so they are written without growth checks.
            scalars.append(contentsOf: repeatElement(0, count: 3 * spacedCount))
            let jamoEnd = scalars.withUnsafeMutableBufferPointer { all in
                var written = spacedCount
                for index in 0..<spacedCount {
                    let value = all[index]
                    if value >= 0xAC00 && value <= 0xD7A3 {
                        let syllable = value &- 0xAC00
                        let final = syllable % 28
                        all[written] = 0x1100 &+ syllable / 588
                        all[written &+ 1] = 0x1161 &+ (syllable % 588) / 28
                        all[written &+ 2] = 0x11A7 &+ final
                        written &+= final != 0 ? 3 : 2
                    } else {
                        all[written] = value
                        written &+= 1
                    }
                }
                return written
            }
            scalars.withUnsafeBufferPointer { all in
                let jamo = UnsafeBufferPointer(rebasing: all[spacedCount..<jamoEnd])
                if groups.contains(.jamo) {
                    Self.appendCharacterGrams(jamo, salt: Self.mix(seed &+ 0x6A61_6D6F), mask: mask, to: &out)
                }
                if groups.contains(.jamoOnsets) {
                    Self.appendOnsetGrams(jamo, salt: Self.mix(seed &+ 0x6A61_6D4C), mask: mask, to: &out)
                }
            }
            scalars.removeLast(scalars.count - spacedCount)
        }
        if groups.contains(.words) {
            let salt = Self.mix(seed &+ 0x776F_7264)
            var hash = salt
            var length = 0
            for value in scalars {
                if value == 0x20 {
                    if length > 0 { out.append(UInt32(truncatingIfNeeded: Self.mix(hash) & mask)) }
                    hash = salt
                    length = 0
                } else {
                    hash = (hash ^ UInt64(value)) &* 0x100_0000_01B3
                    length += 1
                }
            }
        }
        if groups.contains(.wordBigrams) {
            // Pairs of neighbouring words: the hash of the first word, a space, then the second word.
            let salt = Self.mix(seed &+ 0x6269_6772)
            var previous: UInt64?
            var hash = salt
            var length = 0
            for value in scalars {
                if value == 0x20 {
                    if length > 0 {
                        if let previous {
                            out.append(UInt32(truncatingIfNeeded: Self.mix(previous &* 0x9E37_79B9_7F4A_7C15 ^ hash) & mask))
                        }
                        previous = hash
                    }
                    hash = salt
                    length = 0
                } else {
                    hash = (hash ^ UInt64(value)) &* 0x100_0000_01B3
                    length += 1
                }
            }
        }
        if groups.contains(.lexiconScores) {
            // Each hit's severity and its score in tenths, and the highest of each over the text.
            let salt = Self.mix(seed &+ 0x7363_6F72)
            var topSeverity = -1
            var topScore = -1
            for hit in hits {
                let score = Int((hit.score * 10).rounded(.down))
                topSeverity = max(topSeverity, hit.severity)
                topScore = max(topScore, score)
                out.append(UInt32(truncatingIfNeeded: Self.mix(salt &+ 1 &+ UInt64(truncatingIfNeeded: hit.severity) << 8) & mask))
                out.append(UInt32(truncatingIfNeeded: Self.mix(salt &+ 2 &+ UInt64(truncatingIfNeeded: score) << 8) & mask))
            }
            if topSeverity >= 0 {
                out.append(UInt32(truncatingIfNeeded: Self.mix(salt &+ 3 &+ UInt64(truncatingIfNeeded: topSeverity) << 8) & mask))
                out.append(UInt32(truncatingIfNeeded: Self.mix(salt &+ 4 &+ UInt64(truncatingIfNeeded: topScore) << 8) & mask))
            }
        }
        if groups.contains(.lexicon) {
            let salt = Self.mix(seed &+ 0x6C65_7869)
            if !hits.isEmpty {
                out.append(UInt32(truncatingIfNeeded: Self.mix(salt) & mask))
            }
            for hit in hits {
                out.append(UInt32(truncatingIfNeeded: Self.hashString(hit.canonical, salt: salt &+ 1) & mask))
                out.append(UInt32(truncatingIfNeeded: Self.hashString(hit.category.rawValue, salt: salt &+ 2) & mask))
            }
        }
        if groups.contains(.rawCharacters) {
            // The same n-grams of the text as written (before the canonicalizer), under their own salt.
            scalars.removeAll(keepingCapacity: true)
            scalars.append(0x20)
            var raw = text
            if raw.utf8.withContiguousStorageIfAvailable({ Self.appendSpacedScalars($0, to: &scalars) }) == nil {
                raw.makeContiguousUTF8()
                raw.utf8.withContiguousStorageIfAvailable { Self.appendSpacedScalars($0, to: &scalars) }
            }
            if scalars.last != 0x20 { scalars.append(0x20) }
            scalars.withUnsafeBufferPointer {
                Self.appendCharacterGrams($0, salt: Self.mix(seed &+ 0x7261_7763), mask: mask, to: &out)
            }
        }
        if groups.contains(.morphemes), let analyzer {
            let salt = Self.mix(seed &+ 0x6D6F_7270)
            let canonicalText = changed.map { String(String.UnicodeScalarView($0.compactMap(Unicode.Scalar.init))) } ?? text
            for morpheme in analyzer.analyze(canonicalText) {
                // The hash of `surface/pos`, without building that string.
                var hash = Self.mix(salt) ^ 0xCBF2_9CE4_8422_2325
                for byte in morpheme.surface.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
                hash = (hash ^ UInt64(UInt8(ascii: "/"))) &* 0x100_0000_01B3
                for byte in morpheme.pos.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
                hash = Self.mix(hash)
                out.append(UInt32(truncatingIfNeeded: hash & mask))
            }
        }
    }

    /// Appends the hashed 1–4-grams of space-padded scalars (a lone space is left out).
    @inline(__always)
    static func appendCharacterGrams(_ scalars: UnsafeBufferPointer<UInt32>, salt: UInt64, mask: UInt64,
                                     to out: inout [UInt32]) {
        let count = scalars.count
        // At most four grams start at each scalar: room for them is made first, so they are written
        // without a growth check each, and the unused tail is cut off after.
        let base = out.count
        out.append(contentsOf: repeatElement(0, count: 4 * count))
        var written = base
        do {
            out.withUnsafeMutableBufferPointer { out in
                // Where four grams start, they are hashed in one step, in the same order as below.
                var start = 0
                while start + 4 <= count {
                    let first = scalars[start]
                    let one = (salt ^ UInt64(first)) &* 0x100_0000_01B3
                    let two = (one ^ UInt64(scalars[start + 1])) &* 0x100_0000_01B3
                    let three = (two ^ UInt64(scalars[start + 2])) &* 0x100_0000_01B3
                    let four = (three ^ UInt64(scalars[start + 3])) &* 0x100_0000_01B3
                    if first != 0x20 {
                        out[written] = UInt32(truncatingIfNeeded: Self.mix(one) & mask)
                        written += 1
                    }
                    out[written] = UInt32(truncatingIfNeeded: Self.mix(two &+ 1) & mask)
                    out[written + 1] = UInt32(truncatingIfNeeded: Self.mix(three &+ 2) & mask)
                    out[written + 2] = UInt32(truncatingIfNeeded: Self.mix(four &+ 3) & mask)
                    written += 3
                    start += 1
                }
                for start in start..<count {
                    var hash = salt
                    let limit = min(4, count - start)
                    for length in 0..<limit {
                        hash = (hash ^ UInt64(scalars[start + length])) &* 0x100_0000_01B3
                        // A lone space carries no information.
                        if length == 0 && scalars[start] == 0x20 { continue }
                        out[written] = UInt32(truncatingIfNeeded: Self.mix(hash &+ UInt64(length)) & mask)
                        written += 1
                    }
                }
            }
        }
        out.removeLast(out.count - written)
    }

    /// Appends the hashed 1–4-grams of space-padded jamo that start at an initial consonant or at any
    /// scalar that is not a medial or final jamo (U+1161–U+11FF); a lone space is left out. Each gram is
    /// hashed as ``appendCharacterGrams(_:salt:mask:to:)`` hashes it.
    @inline(__always)
    static func appendOnsetGrams(_ jamo: UnsafeBufferPointer<UInt32>, salt: UInt64, mask: UInt64, to out: inout [UInt32]) {
        let count = jamo.count
        let base = out.count
        out.append(contentsOf: repeatElement(0, count: 4 * count))
        var written = base
        out.withUnsafeMutableBufferPointer { out in
            for start in 0..<count {
                let first = jamo[start]
                if first >= 0x1161 && first <= 0x11FF { continue }
                var hash = salt
                for length in 0..<min(4, count &- start) {
                    hash = (hash ^ UInt64(jamo[start &+ length])) &* 0x100_0000_01B3
                    if length == 0 && first == 0x20 { continue }
                    out[written] = UInt32(truncatingIfNeeded: Self.mix(hash &+ UInt64(length)) & mask)
                    written &+= 1
                }
            }
        }
        out.removeLast(out.count - written)
    }

    /// Decodes valid UTF-8 into `scalars`, whitespace (tab, line ends, U+3000, U+00A0) read as a space, runs
    /// of spaces as one, ASCII letters lowercased.
    @inline(__always)
    static func appendSpacedScalars(_ utf8: UnsafeBufferPointer<UInt8>, to scalars: inout [UInt32]) {
        var index = 0
        let end = utf8.count
        var last = scalars.last ?? 0
        while index < end {
            appendSpaced(ValidUTF8.scalar(in: utf8, at: &index), to: &scalars, last: &last)
        }
    }

    /// Appends Unicode scalar values to `scalars` as ``appendSpacedScalars(_:to:)`` appends them from UTF-8.
    @inline(__always)
    static func appendSpacedScalars(of values: [UInt32], to scalars: inout [UInt32]) {
        var last = scalars.last ?? 0
        for value in values { appendSpaced(value, to: &scalars, last: &last) }
    }

    /// The one rule of both: whitespace (tab, line ends, U+3000, U+00A0) is a space, a space after a space
    /// is dropped, ASCII letters are lowercased; `last` is the scalar appended last.
    @inline(__always)
    private static func appendSpaced(_ scalar: UInt32, to scalars: inout [UInt32], last: inout UInt32) {
        var value = scalar
        if value == 0x09 || value == 0x0A || value == 0x0D || value == 0x3000 || value == 0xA0 { value = 0x20 }
        if value == 0x20 && last == 0x20 { return }
        if value >= 0x41 && value <= 0x5A { value += 0x20 }
        scalars.append(value)
        last = value
    }

    /// A 64-bit finalizer (the MurmurHash3 fmix64 constants).
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    /// FNV-1a over the string's UTF-8 bytes, finalized with ``mix(_:)``.
    static func hashString(_ text: String, salt: UInt64) -> UInt64 {
        var hash = Self.mix(salt) ^ 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return Self.mix(hash)
    }
}
