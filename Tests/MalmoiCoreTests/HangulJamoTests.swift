import MalmoiCore
import Testing

/// The one Hangul table: syllable arithmetic (Unicode §3.12) and the 2-set keys.
@Suite struct HangulJamoTests {
    @Test func everySyllableSplitsAndComposesBack() {
        for value in HangulJamo.syllableBase...HangulJamo.syllableLast {
            let (initial, medial, final) = HangulJamo.split(value)
            #expect(HangulJamo.compose(initial, medial, final) == value)
        }
    }

    @Test(arguments: [
        ("한", [0x314E, 0x314F, 0x3134]),        // ㅎㅏㄴ
        ("값", [0x3131, 0x314F, 0x3142, 0x3145]),  // ㄱㅏㅂㅅ: the cluster is two keys
        ("과", [0x3131, 0x3157, 0x314F]),        // ㄱㅗㅏ: the compound vowel is two keys
        ("꽤", [0x3132, 0x3157, 0x3150]),        // ㄲ is one key
    ])
    func syllablesDecomposeIntoTheKeysTyped(_ syllable: String, _ keys: [UInt32]) {
        #expect(HangulJamo.decompose(syllable.unicodeScalars.first!.value) == keys)
    }

    @Test(arguments: [(0x1112 as UInt32, 0x314E as UInt32), (0x1161, 0x314F), (0x11AB, 0x3134), (0x11C2, 0x314E), (0x11AA, 0x3133)])
    func conjoiningJamoMapToCompatibilityLetters(_ conjoining: UInt32, _ compatibility: UInt32) {
        #expect(HangulJamo.compatibility(ofConjoining: conjoining) == compatibility)
    }

    @Test func clustersAndCompoundVowelsCombineFromTheirKeys() {
        #expect(HangulJamo.combinedFinal(0x3139, 0x3131) == 0x313A)  // ㄹ+ㄱ = ㄺ
        #expect(HangulJamo.combinedFinal(0x3131, 0x3131) == nil)
        #expect(HangulJamo.combinedVowel(8, 0) == 9)                 // ㅗ+ㅏ = ㅘ
        #expect(HangulJamo.keys(ofCompat: 0x3162) == [0x3161, 0x3163])  // ㅢ = ㅡ ㅣ
        #expect(HangulJamo.initialIndex(ofCompat: 0x3133) == nil)    // ㄳ cannot start a syllable
        #expect(HangulJamo.finalIndex(ofCompat: 0x3133) == 3)
    }
}
