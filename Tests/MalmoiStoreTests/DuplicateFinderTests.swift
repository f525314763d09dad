import MalmoiStore
import Testing

@Suite struct DuplicateFinderTests {
    @Test func spacingAndPunctuationChangesAreExactDuplicates() {
        let matches = DuplicateFinder(threshold: 0.8).matches(in: [(1, "가격이 싸서 좋다"), (2, "가격이싸서 좋다!"), (3, "배송이 너무 느림")])
        #expect(matches[1] == [DuplicateFinder.Match(other: 2, similarity: 1, isExact: true)])
        #expect(matches[3] == nil)
    }

    @Test func nearDuplicatesAreFoundAboveTheThreshold() throws {
        let texts: [(id: Int64, text: String)] = [(1, "포장 상태가 불량하여 부정으로 판단함"), (2, "포장 상태가 불량하여 부정으로 판단")]
        let match = try #require(DuplicateFinder(threshold: 0.8).matches(in: texts)[1]?.first)
        #expect(!match.isExact && match.similarity >= 0.8 && match.similarity < 1)
        #expect(DuplicateFinder(threshold: 0.99).matches(in: texts).isEmpty)
    }
}
