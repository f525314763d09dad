import MalmoiCore
/// Turns disguised Korean text into canonical text, with a map back to the original, the list of
/// transformations (each tagged with the evasion technique it undid) and the lexicon hits.
///
/// ```swift
/// let canonicalizer = try Canonicalizer.standard()
/// let result = canonicalizer.canonicalize("ㅅ ㅂ 진짜 새1끼")
/// result.text                     // "씨발 진짜 새끼"
/// result.hits.map(\.canonical)    // ["씨발", "새끼"]
/// ```
///
/// The pipeline has two layers. Safe steps (width folding, invisible characters, 2-set keyboard
/// decoding, jamo reassembly) always apply. Risky steps (insertion removal, spacing joins, elongation,
/// digit/placeholder/look-alike/Latin/emoji/Hanja readings, romanization) build alternative *views*
/// of each line; a view's change is kept only where a lexicon match that passes its context rules
/// covers it, so `딸내미 친구`, `18세` and `시즌2` are left as they are.
///
/// - Complexity: linear in the length of the text (one automaton pass per view; a second and third
///   view are built only for lines holding digits, Latin letters, symbols or emoji next to Hangul).
public struct Canonicalizer: Sendable {
    /// The steps that run.
    public var steps: CanonicalizationSteps
    /// The lexicon in use.
    public var lexicon: Lexicon { compiled.lexicon }
    /// An optional morpheme analyzer that vetoes hits lying inside longer nouns (시발점) and reads
    /// numbers before unit nouns; consulted only for lines with a candidate.
    public var morphemeFilter: (any MorphemeContextFilter)?
    /// The score (points, 0–100) a hit needs to be reported; nil uses the lexicon's
    /// ``ContextRules/minimumScore``. 0 reports every candidate that no rule dropped.
    public var minimumScore: Int?

    let compiled: CompiledLexicon

    /// Creates a canonicalizer over a lexicon.
    public init(lexicon: Lexicon, steps: CanonicalizationSteps = .all, morphemeFilter: (any MorphemeContextFilter)? = nil) {
        compiled = CompiledLexicon(lexicon: lexicon)
        self.steps = steps
        self.morphemeFilter = morphemeFilter
    }

    /// A canonicalizer over the built-in taxonomy and lexicon.
    /// - Throws: ``AbuseError`` if the built-in files are invalid.
    public static func standard(steps: CanonicalizationSteps = .all) throws -> Canonicalizer {
        Canonicalizer(lexicon: try Lexicon.standard(taxonomy: try Taxonomy.standard()), steps: steps)
    }

    /// Canonicalizes one text (a line, a message).
    /// - Parameters:
    ///   - text: the text.
    ///   - explaining: also record how every candidate was judged (``Canonicalization/decisions``).
    public func canonicalize(_ text: String, explaining: Bool = false) -> Canonicalization {
        let original = Self.scalars(of: text)
        let safe = safeUnits(original)
        var decisions: [CandidateDecision]? = explaining ? [] : nil
        let hits = findHits(safe: safe, original: original, decisions: &decisions)
        var result = assemble(original: original, text: text, safe: safe, hits: hits)
        result.decisions = decisions ?? []
        return result
    }
}

extension Canonicalizer {
    /// What the scan stream needs of one line: its hits, its decisions and its canonical text, `nil`
    /// when that is the line itself (then no `String` is made for the line).
    struct LineScan {
        var text: String?
        var hits: [AbuseHit]
        var decisions: [CandidateDecision]
    }

    /// Canonicalizes one line of valid UTF-8 as ``canonicalize(_:explaining:)`` does
    /// `String(decoding: bytes, as: UTF8.self)`, for `abuse scan`.
    func scanLine(utf8 bytes: UnsafeBufferPointer<UInt8>, explaining: Bool) -> LineScan {
        let original = Self.scalars(utf8: bytes)
        let safe = safeUnits(original)
        var decisions: [CandidateDecision]? = explaining ? [] : nil
        let hits = findHits(safe: safe, original: original, decisions: &decisions)
        if let plain = plainHits(original: original, safe: safe, hits: hits) {
            return LineScan(text: nil, hits: plain, decisions: decisions ?? [])
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let result = assemble(original: original, text: text, safe: safe, hits: hits)
        return LineScan(text: result.text, hits: result.hits, decisions: decisions ?? [])
    }

    /// The Unicode scalar values of a text, decoded straight from its UTF-8 storage.
    static func scalars(of text: String) -> [UInt32] {
        let decoded: [UInt32]? = text.utf8.withContiguousStorageIfAvailable { scalars(utf8: $0) }
        if let decoded { return decoded }
        var original: [UInt32] = []
        original.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { original.append(scalar.value) }
        return original
    }

    /// The Unicode scalar values of valid UTF-8 (a String's, or bytes checked by the reader).
    static func scalars(utf8: UnsafeBufferPointer<UInt8>) -> [UInt32] {
        Array(unsafeUninitializedCapacity: utf8.count) { buffer, count in
            var index = 0
            var written = 0
            let end = utf8.count
            while index < end {
                let value = ValidUTF8.scalar(in: utf8, at: &index)
                (buffer.baseAddress! + written).initialize(to: value)
                written += 1
            }
            count = written
        }
    }

    // MARK: - Safe layer

    /// Applies the steps that are always safe and returns the units of the line.
    func safeUnits(_ original: [UInt32]) -> [Unit] {
        guard !original.isEmpty else { return [] }
        var needsKeyboard = false
        var needsJamo = false
        // Every step reads at least one scalar and writes at most one unit, so the units fit in
        // `original.count` and are written without growth checks.
        var units = [Unit](unsafeUninitializedCapacity: original.count) { buffer, count in
            count = safeUnits(original, into: buffer.baseAddress!, needsKeyboard: &needsKeyboard, needsJamo: &needsJamo)
        }
        if needsKeyboard && steps.contains(.keyboard) { units = decodeKeyboardRuns(units) }
        if needsJamo && steps.contains(.jamo) { units = reassembleJamo(units, insideTokensOnly: true) }
        return units
    }

    /// Writes the safe units of `original` from `units` on and returns how many were written.
    private func safeUnits(_ original: [UInt32], into units: UnsafeMutablePointer<Unit>, needsKeyboard: inout Bool,
                           needsJamo: inout Bool) -> Int {
        var written = 0
        func append(_ unit: Unit) {
            (units + written).initialize(to: unit)
            written += 1
        }
        let width = steps.contains(.width)
        let invisible = steps.contains(.invisible)
        let widthBit = EvasionTechnique.invisibleOrWidth.bit
        var pendingGap: UInt32 = 0
        var index = 0
        while index < original.count {
            let s = original[index]
            if s < 0x80 {
                if isASCIILetter(s) { needsKeyboard = true }
                var unit = Unit(s, index, index + 1)
                unit.gap = pendingGap
                pendingGap = 0
                append(unit)
                index += 1
                continue
            }
            if Jamo.isSyllable(s) {
                var unit = Unit(s, index, index + 1)
                unit.gap = pendingGap
                pendingGap = 0
                append(unit)
                index += 1
                continue
            }
            if invisible && Self.isInvisible(s, previous: index > 0 ? original[index - 1] : 0,
                                                 next: index + 1 < original.count ? original[index + 1] : 0) {
                pendingGap |= widthBit
                index += 1
                continue
            }
            var folded: UInt32 = s
            var own: UInt32 = 0
            var consumed = 1
            if s >= 0x1100 && s <= 0x1112, index + 1 < original.count,
               original[index + 1] >= 0x1161 && original[index + 1] <= 0x1175 {
                // Conjoining L V (T): plain decomposed Hangul, composed (NFC), no technique.
                var final = 0
                if index + 2 < original.count, original[index + 2] >= 0x11A8 && original[index + 2] <= 0x11C2 {
                    final = Int(original[index + 2] - 0x11A7)
                    consumed = 3
                } else {
                    consumed = 2
                }
                folded = Jamo.compose(Int(s - 0x1100), Int(original[index + 1] - 0x1161), final)
            } else if width, let mapped = Self.widthFold(s) {
                folded = mapped
                own = widthBit
            }
            if Jamo.isCompatJamo(folded) { needsJamo = true }
            if isASCIILetter(folded) { needsKeyboard = true }
            var unit = Unit(folded, index, index + consumed, own: own)
            unit.gap = pendingGap
            pendingGap = 0
            append(unit)
            index += consumed
        }
        return written
    }

    static func isInvisible(_ s: UInt32, previous: UInt32, next: UInt32) -> Bool {
        switch s {
        case 0x200B, 0x200C, 0x2060, 0xFEFF, 0x00AD, 0x034F, 0x180E, 0x3164, 0x115F, 0x1160, 0xFFA0:
            return true
        case 0x200D:
            // Keep ZWJ inside emoji sequences.
            return previous < 0x2000 || Jamo.isHangul(previous) || Jamo.isHangul(next)
        default:
            return false
        }
    }

    /// Width and compatibility folding with our own tables (not NFKC, which would turn compatibility
    /// jamo into conjoining initials).
    static func widthFold(_ s: UInt32) -> UInt32? {
        switch s {
        case 0xFF01...0xFF5E: return s - 0xFF01 + 0x21
        case 0xFFA1...0xFFBE: return s - 0xFFA1 + 0x3131
        case 0xFFC2...0xFFC7: return s - 0xFFC2 + 0x314F
        case 0xFFCA...0xFFCF: return s - 0xFFCA + 0x3155
        case 0xFFD2...0xFFD7: return s - 0xFFD2 + 0x315B
        case 0xFFDA...0xFFDC: return s - 0xFFDA + 0x3161
        case 0x3260...0x326D: return circledConsonants[Int(s - 0x3260)]
        case 0x326E...0x327B: return Jamo.compose(Jamo.initialIndex(ofCompat: circledConsonants[Int(s - 0x326E)])!, 0, 0)
        case 0x3200...0x320D: return circledConsonants[Int(s - 0x3200)]
        case 0x320E...0x321B: return Jamo.compose(Jamo.initialIndex(ofCompat: circledConsonants[Int(s - 0x320E)])!, 0, 0)
        case 0x24D0...0x24E9: return s - 0x24D0 + 0x61
        case 0x24B6...0x24CF: return s - 0x24B6 + 0x41
        case 0x1100...0x1112: return Jamo.initials[Int(s - 0x1100)]
        case 0x1161...0x1175: return s - 0x1161 + 0x314F
        case 0x11A8...0x11C2: return Jamo.finals[Int(s - 0x11A8)]
        default: return nil
        }
    }

    static let circledConsonants: [UInt32] = [
        0x3131, 0x3134, 0x3137, 0x3139, 0x3141, 0x3142, 0x3145, 0x3147, 0x3148, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E,
    ]

    /// Common English words whose 2-set decoding happens to be syllabic; never decoded.
    static let englishWords: Set<String> = [
        "the", "this", "that", "then", "than", "there", "these", "those", "they", "them", "their", "thus",
        "sun", "she", "shoe", "so", "do", "to", "go", "no", "ho", "ok", "oh", "he", "hi", "dog", "god",
        "tho", "who", "ship", "shop", "show", "shot", "thin", "thing", "think", "chip", "ton", "don", "dot",
        "hot", "got", "not", "lot", "pot", "rot", "tot", "job", "rob", "sob", "mob", "cob", "fox", "box", "rotor",
    ]

    /// Replaces Latin runs that decode to plausible Hangul on the 2-set layout.
    func decodeKeyboardRuns(_ units: [Unit]) -> [Unit] {
        var out: [Unit] = []
        out.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            guard isASCIILetter(units[index].scalar) else { out.append(units[index]); index += 1; continue }
            var end = index
            while end < units.count, isASCIILetter(units[end].scalar) { end += 1 }
            let run = units[index..<end].map(\.scalar)
            var decoded: [JamoComposer.Piece]? = nil
            if run.count >= 3 {
                let word = String(String.UnicodeScalarView(run.map { Unicode.Scalar(lowerASCII($0))! }))
                // A run that reads as romanized Korean is left to the lexicon-gated romanization view.
                if !Self.englishWords.contains(word), Romanizer.read(Array(word.utf8)) == nil {
                    for candidate in [run, run.map(lowerASCII)] {
                        if let pieces = KeyboardLayout.decode(candidate[...]), pieces.count >= 3,
                           pieces.allSatisfy({ Jamo.isSyllable($0.scalar) }) {
                            decoded = pieces
                            break
                        }
                    }
                }
            }
            if let decoded {
                for piece in decoded {
                    var unit = Unit(piece.scalar, Int(units[index + piece.start].start), Int(units[index + piece.end - 1].end),
                                    own: EvasionTechnique.keyboard2Set.bit)
                    unit.gap = units[index + piece.start].gap
                    out.append(unit)
                }
            } else {
                out.append(contentsOf: units[index..<end])
            }
            index = end
        }
        return out
    }

    /// Reassembles runs of compatibility jamo into syllables. With `insideTokensOnly`, runs never
    /// span removed material (a gap) and the result is not tentative.
    func reassembleJamo(_ units: [Unit], insideTokensOnly: Bool) -> [Unit] {
        // Most jamo runs are laughter or crying (ㅋㅋㅋ, ㅠㅠ) with nothing to assemble: then the
        // units are returned as they are, without a copy.
        var scan = 0
        var assembles = false
        while scan < units.count && !assembles {
            guard Jamo.isCompatJamo(units[scan].scalar) else { scan += 1; continue }
            var end = scan
            var hasVowel = false
            var hasConsonant = false
            while end < units.count, Jamo.isCompatJamo(units[end].scalar) {
                if Jamo.isCompatVowel(units[end].scalar) { hasVowel = true } else { hasConsonant = true }
                end += 1
            }
            assembles = hasVowel && hasConsonant && end - scan >= 2
            scan = end
        }
        guard assembles else { return units }
        var out: [Unit] = []
        out.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            guard Jamo.isCompatJamo(units[index].scalar) else { out.append(units[index]); index += 1; continue }
            var end = index + 1
            var hasVowel = Jamo.isCompatVowel(units[index].scalar)
            var hasConsonant = !hasVowel
            while end < units.count, Jamo.isCompatJamo(units[end].scalar) {
                if Jamo.isCompatVowel(units[end].scalar) { hasVowel = true } else { hasConsonant = true }
                end += 1
            }
            guard hasVowel && hasConsonant && end - index >= 2 else {
                out.append(contentsOf: units[index..<end])
                index = end
                continue
            }
            let pieces = JamoComposer.compose(units[index..<end].map(\.scalar))
            for piece in pieces {
                let first = units[index + piece.start]
                if piece.end - piece.start == 1 && piece.scalar == first.scalar {
                    out.append(first)
                    continue
                }
                var unit = Unit(piece.scalar, Int(first.start), Int(units[index + piece.end - 1].end))
                unit.own = EvasionTechnique.jamoDecomposition.bit
                unit.gap = first.gap
                unit.flags = first.flags & (Unit.softGap | Unit.tokenStart)
                for inner in units[(index + piece.start)..<(index + piece.end)] {
                    unit.own |= inner.own
                    unit.flags |= inner.flags & (Unit.tentative | Unit.digit | Unit.attached)
                }
                for inner in units[(index + piece.start + 1)..<(index + piece.end)] {
                    unit.own |= inner.gap
                    if inner.gap != 0 || inner.has(Unit.softGap) { unit.flags |= Unit.tentative }
                }
                out.append(unit)
            }
            index = end
        }
        return out
    }
}
