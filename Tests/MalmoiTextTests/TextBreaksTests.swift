import MalmoiText
import Testing

@Suite struct TextBreaksTests {
    @Test func wordOffsetsAreScalarOffsetsEvenAfterAstralCharacters() throws {
        let text = "😀 서울에서 3.5% 올랐다"
        let words = try TextBreaks.words(in: text)
        let scalars = Array(text.unicodeScalars)
        let found = words.map { range -> String in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return String(view)
        }
        #expect(found == ["서울에서", "3.5", "올랐다"])
        #expect(words.first == 2..<6)
    }

    @Test func characterBoundariesKeepDecomposedSyllablesTogether() throws {
        #expect(try TextBreaks.characterBoundaries(in: "\u{1112}\u{1161}\u{11AB}가") == [0, 3, 4])
    }
}

@Suite struct TransliteratorTests {
    @Test(arguments: [("hangeul", "한글"), ("seoul", "서울"), ("annyeong", "안녕")])
    func latinToHangulReadsRomanizedKorean(latin: String, hangul: String) throws {
        #expect(try Transliterator(id: "Latin-Hangul").transliterate(latin) == hangul)
    }

    @Test func hangulToLatinRomanizes() throws {
        #expect(try Transliterator(id: "Hangul-Latin").transliterate("한글") == "hangeul")
    }

    @Test func anUnknownTransformIsABadInputErrorNamingTheCall() {
        #expect {
            _ = try Transliterator(id: "No-Such-Transform")
        } throws: { error in
            guard let error = error as? TextError else { return false }
            return error.isBadInput && error.description.contains("Transliterator::createInstance") && error.description.contains("U_INVALID_ID")
        }
    }

    @Test func confusableSkeletonsMatchLookAlikes() throws {
        let checker = try ConfusableSkeleton()
        #expect(try checker.skeleton(of: "pаypаl") == checker.skeleton(of: "paypal"))  // Cyrillic а
        #expect(try checker.skeleton(of: "paypal") != checker.skeleton(of: "paypol"))
    }
}

@Suite struct OffsetMapTests {
    @Test func chainedMapsComposeBackToTheFirstOriginal() {
        // "ㅅㅣㅂㅏㄹ①" → reassembly → "시발①" → NFKC → "시발1"
        let (composed, first) = Hangul.composeJamo("ㅅㅣㅂㅏㄹ①")
        let (normalized, second) = Normalizer(.nfkc).normalizeWithOffsets(composed)
        #expect(normalized == "시발1")
        let map = first.then(second)
        #expect(map.originalRange(0..<2) == 0..<5)
        #expect(map.originalRange(2..<3) == 5..<6)
        #expect(map.resultOffset(5) == 2)
    }

    @Test func identityMapsEveryOffsetToItself() {
        let map = OffsetMap.identity(length: 10)
        #expect(map.isIdentity)
        #expect((0...10).allSatisfy { map.originalOffset($0) == $0 })
    }
}
