import Testing
@testable import MalmoiAbuse

/// The 2-set keyboard decoder, the input-method composer and the romanization reader.
struct KeyboardAndRomanizationTests {
    // Pairs from docs/abuse/keyboard-and-icu.md, checked there against a reference implementation.
    @Test(arguments: [
        ("tlqkf", "시발"), ("Tlqkf", "씨발"), ("qudtls", "병신"), ("rotoRl", "개새끼"), ("wlfkf", "지랄"),
        ("whssk", "존나"), ("alcls", "미친"), ("ekrcu", "닥쳐"), ("Rjwu", "꺼져"), ("whwrkxsp", "좆같네"),
        ("dkssudgktpdy", "안녕하세요"), ("dkswdk", "앉아"), ("qkfqdk", "밟아"), ("ekfrdl", "닭이"), ("rkqtdl", "값이"),
        ("dlfrdj", "읽어"), ("dkfgdk", "앓아"), ("dhlrnrdj", "외국어"), ("dnpdlxj", "웨이터"), ("dmlwk", "의자"),
        ("Rhc", "꽃"), ("Ekfrl", "딸기"),
    ])
    func keysDecodeToHangul(keys: String, hangul: String) {
        #expect(KeyboardLayout.decodedHangul(keys) == hangul)
    }

    @Test(arguments: [("괜찮아", "rhoscksgdk"), ("개새끼", "rotoRl"), ("씨발", "Tlqkf")])
    func hangulEncodesToKeys(hangul: String, keys: String) {
        #expect(KeyboardLayout.keys(for: hangul) == keys)
    }

    @Test(arguments: ["hello", "TLQKF", "ㅅㅂ"])
    func implausibleRunsAreNotDecoded(keys: String) {
        // "hello" leaves bare jamo; Caps Lock gives ㅆ where no tense vowel exists (decoded lowercase by the canonicalizer).
        if keys == "TLQKF" {
            #expect(KeyboardLayout.decodedHangul(keys) != "시발")
        } else {
            #expect(KeyboardLayout.decodedHangul(keys) == nil)
        }
    }

    @Test(arguments: [("ssibal", "씨발"), ("sibal", "시발"), ("byeongsin", "병신"), ("gaesaekki", "개새끼"),
                      ("jiral", "지랄"), ("jonna", "존나"), ("annyeonghaseyo", "안녕하세요"), ("dakchyeo", "닥쳐")])
    func romanizedWordsRead(latin: String, hangul: String) {
        #expect(Romanizer.hangul(fromRomanized: latin) == hangul)
    }

    @Test(arguments: ["씨발", "병신", "개새끼", "지랄", "존나", "미친", "꺼져", "염병", "니애미", "또라이"])
    func romanizationReadsBack(word: String) {
        #expect(Romanizer.hangul(fromRomanized: Romanizer.romanized(word)) == word)
    }

    @Test func theComposerFollowsTheInputMethodRules() {
        func compose(_ text: String) -> String {
            let pieces = JamoComposer.compose(text.unicodeScalars.map(\.value))
            return String(String.UnicodeScalarView(pieces.map { Unicode.Scalar($0.scalar)! }))
        }
        #expect(compose("ㅅㅣㅂㅏㄹ") == "시발")
        #expect(compose("ㅅㅐㄲㅣ") == "새끼")     // ㄲ moves whole (not 색기)
        #expect(compose("ㄷㅏㄹㄱㅣ") == "달기")
        #expect(compose("ㄱㅏㅂㅅㅣ") == "갑시")
        #expect(compose("ㅅㅂ") == "ㅅㅂ")
        #expect(compose("ㅗㅏ") == "ㅘ")
    }
}
