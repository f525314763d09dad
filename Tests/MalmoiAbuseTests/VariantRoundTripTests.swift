import Testing
@testable import MalmoiAbuse

/// The generator is the inverse of the canonicalizer: for every technique and every lexicon word,
/// canonicalizing a generated variant gives back the original message. A word alone has no context to
/// judge (a one-syllable romanization such as ssip needs one), so it is read back with every candidate
/// kept; the word inside a sentence is read back at the default score threshold.
@Suite struct VariantRoundTripTests {
    static let canonicalizer = try! Canonicalizer.standard()
    static let unjudged: Canonicalizer = {
        var canonicalizer = try! Canonicalizer.standard()
        canonicalizer.minimumScore = 0
        return canonicalizer
    }()
    static let generator = try! VariantGenerator.standard()

    @Test(arguments: EvasionTechnique.allCases)
    func canonicalizingAVariantGivesBackTheMessage(technique: EvasionTechnique) throws {
        var applied = 0
        var failures: [String] = []
        for entry in Self.generator.lexicon.entries {
            for message in [entry.stem, "진짜 \(entry.stem) 같네"] {
                guard Self.canonicalizer.canonicalize(message).text == message else { continue }
                for seed: UInt64 in 1...3 {
                    guard let variants = try? Self.generator.variants(of: message, technique: technique, seed: seed, count: 2) else { continue }
                    for variant in variants {
                        applied += 1
                        let back = (message == entry.stem ? Self.unjudged : Self.canonicalizer).canonicalize(variant.text)
                        if back.text != message { failures.append("\(message) → \(variant.text) → \(back.text)") }
                        if !back.hits.isEmpty, technique != .invisibleOrWidth {
                            // The disguised word is found again and tagged with the technique.
                            let tagged = back.hits.contains { $0.techniques.contains(technique) || technique == .codeSwitch }
                            if !tagged { failures.append("\(variant.text): hits \(back.hits.map(\.techniques)) lack \(technique)") }
                        }
                    }
                }
            }
        }
        #expect(applied > 0, "no lexicon word could be disguised with \(technique.rawValue)")
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    @Test func variantsAreDeterministicForASeed() throws {
        let a = try Self.generator.variants(of: "씨발 진짜 병신", technique: .insertion, seed: 42, count: 5)
        let b = try Self.generator.variants(of: "씨발 진짜 병신", technique: .insertion, seed: 42, count: 5)
        #expect(a == b)
        #expect(!a.isEmpty)
    }

    @Test func aMessageWithoutLexiconWordsIsRefused() {
        #expect(throws: AbuseError.self) {
            try Self.generator.variants(of: "안녕하세요", technique: .spacing, seed: 1, count: 1)
        }
    }

    @Test(arguments: [
        (EvasionTechnique.choseongAbbreviation, "씨발", "ㅅㅂ"),
        (.keyboard2Set, "씨발", "Tlqkf"),
        (.romanization, "씨발", "ssibal"),
        (.digitHomophone, "씨발", "18"),
    ])
    func knownVariants(technique: EvasionTechnique, message: String, expected: String) throws {
        let texts = try Self.generator.variants(of: message, technique: technique, seed: 3, count: 8).map(\.text)
        #expect(texts.contains(expected), "\(texts)")
    }
}
