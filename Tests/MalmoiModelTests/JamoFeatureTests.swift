import MalmoiModel
import Testing

/// The opt-in feature groups `jamo1-4` and `jamo-onset1-4`: n-grams of the canonical text spelled as jamo,
/// from every jamo or only from syllable onsets.
@Suite struct JamoFeatureTests {
    @Test func namedInTheHeaderAndParsed() throws {
        let groups = try FeatureGroups(parsing: "char1-4,jamo")
        #expect(groups == [.characters, .jamo])
        #expect(groups.names == ["char1-4", "jamo1-4"])
        #expect(!FeatureGroups.standard.contains(.jamo))
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

    @Test func onsetGroupNamedInTheHeaderAndParsed() throws {
        let groups = try FeatureGroups(parsing: "char1-4,onsets")
        #expect(groups == [.characters, .jamoOnsets])
        #expect(try FeatureGroups(parsing: "jamo-onset1-4,jamo1-4").names == ["jamo1-4", "jamo-onset1-4"])
    }

    /// Grams start at a space, an initial consonant or any other scalar, never at a medial or final jamo.
    @Test(arguments: [
        // [space, ᄀ, ᅡ, space]: 3 grams from the first space (2–4 long), 3 from ᄀ, none from ᅡ or the last space.
        ("가", 3 + 3),
        // [space, ᄀ, ᅡ, ᆨ, space]: 3 from the space, 4 from ᄀ.
        ("각", 3 + 4),
        // [space, ᄆ, ᅥ, ᆼ, ᄎ, ᅥ, ᆼ, space]: 3 from the space, 4 from ᄆ, 4 from ᄎ.
        ("멍청", 3 + 4 + 4),
        // Letters other than jamo start grams as characters do: [space, x, space] gives 2 + 2.
        ("x", 2 + 2),
    ])
    func onsetGramsStartOnlyAtOnsets(_ text: String, _ count: Int) throws {
        let onsets = try FeatureExtractor(groups: .jamoOnsets, hashBits: 20)
        #expect(onsets.buckets(of: text).count == count)
    }

    /// Words one jamo apart share onset grams the character group does not have: 멍청이 and 멍청히
    /// share ᄆ… and ᄎ… grams, while their last syllables differ.
    @Test func onsetGramsAreFewerThanAllJamoGramsButStillShared() throws {
        let onsets = try FeatureExtractor(groups: .jamoOnsets, hashBits: 20)
        let jamo = try FeatureExtractor(groups: .jamo, hashBits: 20)
        let characters = try FeatureExtractor(groups: .characters, hashBits: 20)
        func shared(_ extractor: FeatureExtractor, _ a: String, _ b: String) -> Int {
            Set(extractor.buckets(of: a)).intersection(extractor.buckets(of: b)).count
        }
        #expect(shared(characters, "멍청이", "멍청히") < shared(onsets, "멍청이", "멍청히"))
        #expect(onsets.buckets(of: "멍청이 바보").count * 2 < jamo.buckets(of: "멍청이 바보").count)
        // Its own salt: the onset grams never coincide by construction with the jamo group's.
        #expect(Set(onsets.buckets(of: "멍청")).isDisjoint(with: jamo.buckets(of: "멍청")))
    }
}
