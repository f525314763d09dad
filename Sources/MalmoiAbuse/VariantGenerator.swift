import MalmoiCore
/// Produces disguised variants of a message, one evasion technique at a time — the inverse of
/// ``Canonicalizer`` — deterministically for a seed.
///
/// ```swift
/// let generator = try VariantGenerator.standard()
/// let variants = try generator.variants(of: "씨발 진짜", technique: .choseongAbbreviation, seed: 7, count: 1)
/// variants[0].text   // "ㅅㅂ 진짜"
/// ```
///
/// Every lexicon word spelled in its standard form is disguised; for each technique the generator only
/// produces spellings the canonicalizer undoes, so `canonicalize(variant).text == message` (tested
/// over the whole lexicon).
public struct VariantGenerator: Sendable {
    /// One generated variant.
    public struct Variant: Hashable, Sendable {
        /// The disguised message.
        public var text: String
        /// The technique used.
        public var technique: EvasionTechnique
        /// The disguised spans of ``text`` (Unicode scalar offsets) with the word each stands for.
        public var spans: [Span]
    }

    /// A disguised span of a variant.
    public struct Span: Hashable, Sendable {
        /// Start offset in Unicode scalars of the variant text.
        public var start: Int
        /// End offset (exclusive).
        public var end: Int
        /// The standard spelling that was disguised.
        public var canonical: String
    }

    let finder: Canonicalizer
    let checker: Canonicalizer
    var lexicon: Lexicon { finder.lexicon }

    /// Creates a generator over a lexicon.
    public init(lexicon: Lexicon) {
        // Both look for words regardless of context: every candidate that no rule drops counts.
        var finder = Canonicalizer(lexicon: lexicon, steps: [.lexicon])
        finder.minimumScore = 0
        var checker = Canonicalizer(lexicon: lexicon)
        checker.minimumScore = 0
        self.finder = finder
        self.checker = checker
    }

    /// A generator over the built-in lexicon.
    public static func standard() throws -> VariantGenerator {
        VariantGenerator(lexicon: try Lexicon.standard(taxonomy: try Taxonomy.standard()))
    }

    /// Generates `count` variants of `message` with one technique.
    /// - Parameters:
    ///   - message: the text; its lexicon words in standard spelling are the ones disguised.
    ///   - technique: the evasion technique to apply.
    ///   - seed: the random seed; the same seed gives the same variants.
    ///   - count: how many variants to try; duplicates are dropped, so fewer may come back.
    /// - Throws: ``AbuseError`` `.invalidRequest` when the message has no word the technique applies to.
    public func variants(of message: String, technique: EvasionTechnique, seed: UInt64, count: Int) throws -> [Variant] {
        // The words written in standard spelling (the ㅗ gesture is its own standard spelling).
        let words = finder.canonicalize(message).hits.filter { hit in
            lexicon.entries.contains { $0.stem == hit.surface && $0.canonical == hit.canonical }
        }
        let scalars = message.unicodeScalars.map(\.value)
        var results: [Variant] = []
        var seen: Set<String> = []
        for index in 0..<max(count, 0) {
            var rng = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            var text: [UInt32] = []
            var spans: [Span] = []
            var cursor = 0
            var applied = false
            for word in words {
                text += scalars[cursor..<word.start]
                let original = Array(scalars[word.start..<word.end])
                let wholeToken = (word.start == 0 || isSpaceScalar(scalars[word.start - 1]))
                    && (word.end == scalars.count || isSpaceScalar(scalars[word.end]))
                if let disguised = disguise(original, entry: entryIndex(for: word), technique: technique, wholeToken: wholeToken, rng: &rng) {
                    spans.append(Span(start: text.count, end: text.count + disguised.count, canonical: word.surface))
                    text += disguised
                    applied = true
                } else {
                    text += original
                }
                cursor = word.end
            }
            text += scalars[cursor...]
            guard applied else {
                throw AbuseError(.invalidRequest, "no word in the message can be disguised with \(technique.rawValue); write a lexicon word in its standard spelling (see `malmoi abuse taxonomy`)")
            }
            let string = String(String.UnicodeScalarView(text.compactMap(Unicode.Scalar.init)))
            if seen.insert(string).inserted {
                results.append(Variant(text: string, technique: technique, spans: spans))
            }
        }
        return results
    }

    private func entryIndex(for hit: AbuseHit) -> Int {
        lexicon.entries.firstIndex { $0.stem == hit.surface && $0.canonical == hit.canonical } ?? 0
    }

    /// The disguised spelling of one word, or nil when the technique does not apply to it.
    func disguise(_ word: [UInt32], entry index: Int, technique: EvasionTechnique, wholeToken: Bool,
                  rng: inout SplitMix64) -> [UInt32]? {
        let entry = lexicon.entries[index]
        let syllables = word.allSatisfy(Jamo.isSyllable)
        func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
        func pick<T>(_ options: [T]) -> T? { options.isEmpty ? nil : options[Int(rng.next() % UInt64(options.count))] }
        switch technique {
        case .phoneticRespelling:
            let options = entry.forms.filter { form in
                let text = scalars(form.text)
                return text != word && text.allSatisfy(Jamo.isSyllable) && !form.context.digitOnly && !form.context.standalone
                    && form.context.notBefore.isEmpty && !form.context.counters
            }
            return pick(options).map { scalars($0.text) }
        case .choseongAbbreviation:
            return pick(entry.choseong).map(scalars)
        case .partialJamo:
            guard syllables, word.count >= 2, entry.derivesPartial else { return nil }
            var out = word
            let position = Int(rng.next() % UInt64(word.count))
            out[position] = Jamo.choseong(of: word[position])
            return out
        case .spacing:
            guard syllables, word.count >= 2 else { return nil }
            let position = 1 + Int(rng.next() % UInt64(word.count - 1))
            // A space next to a one-syllable piece, as people write it (개 새끼, 미 친).
            let cut = word.count == 2 ? 1 : (position == 1 || position == word.count - 1 ? position : 1)
            return Array(word[..<cut]) + [0x20] + Array(word[cut...])
        case .insertion:
            guard syllables, word.count >= 2 else { return nil }
            let position = 1 + Int(rng.next() % UInt64(word.count - 1))
            let inserted = pick(["1", ".", "~", "@", "#", "/", "^", "💙", "_"])!
            return Array(word[..<position]) + scalars(inserted) + Array(word[position...])
        case .jamoDecomposition:
            guard syllables else { return nil }
            let position = Int(rng.next() % UInt64(word.count))
            var out: [UInt32] = []
            for (k, syllable) in word.enumerated() {
                out += (k == position || rng.next() % 2 == 0) ? Jamo.decompose(syllable) : [syllable]
            }
            return out
        case .elongation:
            guard syllables else { return nil }
            let position = Int(rng.next() % UInt64(word.count))
            let (i, m, f) = Jamo.split(word[position])
            if i == 11 { return nil }
            let echo = Jamo.compose(11, Canonicalizer.echo(m), f)
            let repeats = 1 + Int(rng.next() % 2)
            var out = Array(word[..<position]) + [Jamo.compose(i, m, 0)]
            for _ in 0..<(repeats - 1) { out.append(Jamo.compose(11, Canonicalizer.echo(m), 0)) }
            out.append(echo)
            return out + Array(word[(position + 1)...])
        case .digitHomophone:
            for form in [entry.stem] + entry.forms.filter({ !$0.context.digitOnly }).map(\.text) {
                if let digits = Self.digits(forReading: scalars(form)) { return scalars(digits) }
            }
            return nil
        case .masking:
            guard syllables, word.count >= 2 else { return nil }
            // A masked spelling can stand for several words (좆X: 좆나 or 좆같); only positions whose
            // masked spelling still reads as this entry are used.
            let placeholder = scalars(pick(["x", "X", "*", "○"])!)[0]
            let start = Int(rng.next() % UInt64(word.count))
            for offset in 0..<word.count {
                var out = word
                out[(start + offset) % word.count] = placeholder
                let text = String(String.UnicodeScalarView(out.compactMap(Unicode.Scalar.init)))
                let hits = checker.canonicalize(text).hits
                if hits.count == 1, hits[0].canonical == entry.canonical, hits[0].start == 0, hits[0].end == out.count { return out }
            }
            return nil
        case .gesturePictogram:
            guard entry.stemTechnique == .gesturePictogram, entry.stem == "ㅗ" else { return nil }
            return pick(entry.forms.map { scalars($0.text) })
        case .emojiRebus:
            return substituteReadings(word, table: lexicon.emoji, rng: &rng)
        case .hanjaSubstitution:
            return substituteReadings(word, table: lexicon.hanja, rng: &rng)
        case .lookalike:
            guard syllables else { return nil }
            let candidates = word.indices.filter { k in
                let (_, m, f) = Jamo.split(word[k])
                return m == 20 && f == 0
            }
            guard let position = pick(candidates) else { return nil }
            let glyphs = lexicon.lookalikes.filter { $0.value == 0x3163 && $0.key < 0x80 }.map(\.key).sorted()
            guard let glyph = pick(glyphs) else { return nil }
            return Array(word[..<position]) + [Jamo.choseong(of: word[position]), glyph] + Array(word[(position + 1)...])
        case .latinPhonetic:
            let reverse = lexicon.latinSyllables.reduce(into: [UInt32: UInt32]()) { $0[$1.value] = $1.key }
            let candidates = word.indices.filter { reverse[word[$0]] != nil }
            guard let position = pick(candidates), let letter = reverse[word[position]] else { return nil }
            var out = word
            out[position] = rng.next() % 2 == 0 ? letter : letter - 0x20
            return out
        case .codeSwitch:
            guard word.allSatisfy({ $0 < 0x80 }) else { return nil }
            return pick(entry.foreign.filter { !$0.unicodeScalars.contains { $0.value < 0x80 } }).map(scalars)
        case .romanization:
            guard syllables else { return nil }
            let text = String(String.UnicodeScalarView(word.compactMap(Unicode.Scalar.init)))
            let romanized = Romanizer.romanized(text)
            guard Romanizer.hangul(fromRomanized: romanized) == text else { return nil }
            return scalars(romanized)
        case .keyboard2Set:
            guard syllables else { return nil }
            let keys = KeyboardLayout.keys(for: String(String.UnicodeScalarView(word.compactMap(Unicode.Scalar.init))))
            return scalars(keys)
        case .invisibleOrWidth:
            guard word.count >= 2 else { return nil }
            let position = 1 + Int(rng.next() % UInt64(word.count - 1))
            return Array(word[..<position]) + [pick([0x200B, 0x2060, 0x00AD, 0xFEFF])!] + Array(word[position...])
        case .syllableReorder:
            guard entry.acceptsReorder, word.count == 2, wholeToken else { return nil }
            return [word[1], word[0]]
        case .camouflagePun:
            guard wholeToken else { return nil }
            return pick(entry.puns).map(scalars)
        }
    }

    private func substituteReadings(_ word: [UInt32], table: [UInt32: [UInt32]], rng: inout SplitMix64) -> [UInt32]? {
        // Readings sorted so the choice depends only on the seed.
        let readings = table.sorted { $0.key < $1.key }
        var out: [UInt32] = []
        var k = 0
        var replaced = false
        while k < word.count {
            let options = readings.filter { reading in
                k + reading.value.count <= word.count && Array(word[k..<(k + reading.value.count)]) == reading.value
            }
            if let choice = options.isEmpty ? nil : options[Int(rng.next() % UInt64(options.count))] {
                out.append(choice.key)
                k += choice.value.count
                replaced = true
            } else {
                out.append(word[k])
                k += 1
            }
        }
        return replaced ? out : nil
    }

    /// The digits a Sino-Korean number reading stands for (십팔 → "18"), for 1–99; nil otherwise.
    static func digits(forReading reading: [UInt32]) -> String? {
        let names: [UInt32: Int] = [0xC77C: 1, 0xC774: 2, 0xC0BC: 3, 0xC0AC: 4, 0xC624: 5, 0xC721: 6, 0xCE60: 7, 0xD314: 8, 0xAD6C: 9]
        let ten: UInt32 = 0xC2ED
        var value = 0
        var k = 0
        if k + 1 < reading.count, let d = names[reading[k]], d > 1, reading[k + 1] == ten { value = d * 10; k += 2 } else if k < reading.count, reading[k] == ten { value = 10; k += 1 }
        if k < reading.count, let d = names[reading[k]] { value += d; k += 1 }
        guard k == reading.count, value > 0 else { return nil }
        return String(value)
    }
}
