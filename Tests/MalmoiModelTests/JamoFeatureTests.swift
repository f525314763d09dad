import MalmoiModel
import Testing

/// The `jamo1-4` feature group (a default since it was chosen by cross-validation): n-grams of the
/// canonical text spelled as jamo.
@Suite struct JamoFeatureTests {
    @Test func namedInTheHeaderAndParsed() throws {
        let groups = try FeatureGroups(parsing: "char1-4,jamo")
        #expect(groups == [.characters, .jamo])
        #expect(groups.names == ["char1-4", "jamo1-4"])
        #expect(FeatureGroups.standard.contains(.jamo))
    }

    /// Words one jamo apart (a changed vowel, a dropped final) share jamo n-grams but no syllable n-gram
    /// except the spaces around them.
    @Test func wordsOneJamoApartShareFeatures() throws {
        let jamo = try FeatureExtractor(groups: .jamo, hashBits: 20)
        let characters = try FeatureExtractor(groups: .characters, hashBits: 20)
        func shared(_ extractor: FeatureExtractor, _ a: String, _ b: String) -> Int {
            Set(extractor.buckets(of: a)).intersection(extractor.buckets(of: b)).count
        }
        // 멍청이 / 멍청히: the last syllable differs only in its initial consonant.
        #expect(shared(characters, "멍청이", "멍청히") < shared(jamo, "멍청이", "멍청히"))
        // ㅁ ㅓ ㅇ ㅊ ㅓ ㅇ: 6 jamo for two syllables, so more n-grams than the character group gives.
        #expect(jamo.buckets(of: "멍청").count > characters.buckets(of: "멍청").count)
        // 가 is read as [space, ᄀ, ᅡ, space]: 3 grams (2–4 long) from the first space, 3 from ᄀ, 2 from ᅡ,
        // none from the last space (a lone space is left out).
        #expect(jamo.buckets(of: "가").count == 3 + 3 + 2)
    }
}
