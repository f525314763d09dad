import MalmoiText
import Testing

@Suite struct HangulTests {
    @Test(arguments: [
        ("한", 18, 0, 4), ("가", 0, 0, 0), ("값", 0, 0, 18), ("힣", 18, 20, 27), ("뷁", 7, 15, 9), ("쏘", 10, 8, 0),
    ])
    func decomposesSyllablesIntoIndices(syllable: String, lead: Int, vowel: Int, trail: Int) throws {
        let parts = try #require(Hangul.syllable(of: syllable.unicodeScalars.first!))
        #expect(parts.lead == lead && parts.vowel == vowel && parts.trail == trail)
        #expect(Hangul.compose(lead: lead, vowel: vowel, trail: trail) == syllable.unicodeScalars.first!)
    }

    @Test func decompositionAgreesWithNFDForEverySyllable() {
        for value in Hangul.syllableBase...Hangul.syllableLast {
            let scalar = Unicode.Scalar(value)!
            let parts = Hangul.syllable(of: scalar)!
            var expected = String.UnicodeScalarView([parts.leadJamo, parts.vowelJamo])
            if let trail = parts.trailJamo { expected.append(trail) }
            #expect(String(scalar).normalized(.nfd) == String(expected))
        }
    }

    @Test(arguments: [("값", true), ("가", false), ("사람", true), ("학교", false), ("책!", true), ("나무) ", false)])
    func detectsFinalConsonant(word: String, expected: Bool) {
        #expect(Hangul.hasFinalConsonant(word) == expected)
    }

    @Test func finalConsonantIsUnknownWithoutHangul() {
        #expect(Hangul.hasFinalConsonant("abc") == nil)
        #expect(Hangul.hasFinalConsonant("ㅋ") == nil)
    }

    @Test func convertsBetweenCompatibilityAndConjoiningJamo() {
        #expect(Hangul.conjoiningLead(forCompatibility: "ㄱ") == "\u{1100}")
        #expect(Hangul.conjoiningTrail(forCompatibility: "ㄱ") == "\u{11A8}")
        #expect(Hangul.conjoiningTrail(forCompatibility: "ㄳ") == "\u{11AA}")
        #expect(Hangul.conjoiningLead(forCompatibility: "ㄳ") == nil)
        #expect(Hangul.conjoiningVowel(forCompatibility: "ㅢ") == "\u{1174}")
        #expect(Hangul.compatibilityJamo(forConjoining: "\u{1112}") == "ㅎ")
        #expect(Hangul.compatibilityJamo(forConjoining: "\u{11AB}") == "ㄴ")
        #expect(Hangul.compatibilityJamo(forConjoining: "\u{1175}") == "ㅣ")
        #expect(Hangul.decomposeToCompatibilityJamo("한글 값!") == "ㅎㅏㄴㄱㅡㄹ ㄱㅏㅄ!")
    }

    /// Reassembly the way a 2-set input method composes the keys.
    @Test(arguments: [
        ("ㅅㅣㅂㅏㄹ", "시발"), ("ㄱㅏㅂㅅ", "값"), ("ㅎㅏㄴㄱㅡㄹ", "한글"), ("ㄷㅏㄹㄱㅇㅡㄴ", "닭은"),
        ("ㅅㅐㄲㅣ", "새끼"), ("ㅂㅕㅇㅅㅣㄴ", "병신"), ("ㅈㅗㅎㅇㅡㄴ", "좋은"), ("ㅇㅏㄴㄴㅕㅇ", "안녕"),
        // every double vowel
        ("ㄱㅗㅏ", "과"), ("ㅙ", "ㅙ"), ("ㄱㅗㅐ", "괘"), ("ㅎㅗㅣ", "회"), ("ㅁㅜㅓ", "뭐"), ("ㄱㅜㅔ", "궤"),
        ("ㅇㅜㅣ", "위"), ("ㅇㅡㅣ", "의"),
        // every double final
        ("ㄴㅓㄱㅅ", "넋"), ("ㅇㅏㄴㅈ", "앉"), ("ㅁㅏㄴㅎ", "많"), ("ㄷㅏㄹㄱ", "닭"), ("ㅅㅏㄹㅁ", "삶"),
        ("ㅇㅕㄹㅂ", "엷"), ("ㄱㅗㄹㅅ", "곬"), ("ㅎㅏㄹㅌ", "핥"), ("ㅇㅡㄹㅍ", "읊"), ("ㅇㅏㄹㅎ", "앓"),
        ("ㅇㅓㅂㅅ", "없"),
        // a double final splits when a vowel follows
        ("ㅇㅓㅂㅅㅓ", "업서"), ("ㅇㅏㄴㅈㅏ", "안자"), ("ㄷㅏㄹㄱㅏ", "달가"),
        // doubled consonants typed with shift are single keys and cannot be finals when they can't be
        ("ㅆㅣㅂㅏㄹ", "씨발"), ("ㄸㅏㄸㅏ", "따따"), ("ㅃㅃㅏ", "ㅃ빠"), ("ㄱㅏㄸ", "가ㄸ"),
        // consonants without vowels stay as they are
        ("ㅋㅋㅋ", "ㅋㅋㅋ"), ("ㅅㅂ", "ㅅㅂ"), ("ㅈㄹ", "ㅈㄹ"), ("ㅎㅎ", "ㅎㅎ"),
        // lone vowels stay
        ("ㅠㅠ", "ㅠㅠ"), ("ㅏㅏ", "ㅏㅏ"),
        // runs are broken by anything that is not a jamo
        ("ㅅ1ㅂ", "ㅅ1ㅂ"), ("ㅅㅣa발", "시a발"), ("ㅅㅣ ㅂㅏㄹ", "시 발"), ("시ㅂㅏㄹ", "시발"), ("ㄱㅏ.ㄴㅏ", "가.나"),
        // conjoining jamo read as the same letters (NFKC output)
        ("\u{1109}\u{1175}\u{1107}\u{1161}\u{1105}", "시발"),
        // a consonant moves on to the next syllable
        ("ㅁㅓㄱㅇㅓㅆㄷㅏ", "먹었다"), ("ㅇㅣㅆㅇㅓ", "있어"),
        // a cluster letter that came as one scalar stays whole before a vowel (a fuzzer finding: it trapped)
        ("ㄱㅏㄳㅏ", "갃ㅏ"), ("ㄱㅣㅄㅣ", "깂ㅣ"), ("ㄱㅏㄳ", "갃"),
    ])
    func reassemblesJamoLikeATwoSetKeyboard(input: String, expected: String) {
        #expect(Hangul.composeJamo(input).text == expected)
    }

    @Test func reassemblyMapsEverySyllableBackToItsJamo() {
        let (text, map) = Hangul.composeJamo("욕 ㅅㅣㅂㅏㄹ ㅋㅋ ㄷㅏㄹㄱㅇㅡㄴ")
        #expect(text == "욕 시발 ㅋㅋ 닭은")
        #expect(map.originalRange(2..<4) == 2..<7)      // 시발 ← ㅅㅣㅂㅏㄹ
        #expect(map.originalRange(2..<3) == 2..<4)      // 시 ← ㅅㅣ
        #expect(map.originalRange(3..<4) == 4..<7)      // 발 ← ㅂㅏㄹ
        #expect(map.originalRange(5..<7) == 8..<10)     // ㅋㅋ unchanged
        #expect(map.originalRange(8..<10) == 11..<18)   // 닭은 ← ㄷㅏㄹㄱㅇㅡㄴ
        #expect(map.originalRange(8..<9) == 11..<15)    // 닭 ← ㄷㅏㄹㄱ
        #expect(map.originalLength == 18 && map.resultLength == 10)
    }

    @Test func aClusterLetterTypedAsOneScalarMapsToItsOwnSyllable() {
        let (text, map) = Hangul.composeJamo("ㄱㅏㄳㅏ")
        #expect(text == "갃ㅏ")
        #expect(map.originalRange(0..<1) == 0..<3)      // 갃 ← ㄱㅏㄳ
        #expect(map.originalRange(1..<2) == 3..<4)      // ㅏ unchanged
    }
}
