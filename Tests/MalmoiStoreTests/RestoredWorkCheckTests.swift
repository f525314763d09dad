import MalmoiCore
import MalmoiStore
import Testing

/// The checks of restored work that do not need the CLI (issue 12, item 2).
@Suite struct RestoredWorkCheckTests {
    @Test func iso8601TimesAreParsedStrictly() {
        #expect(RestoredWorkCheck.parseISO8601("2026-03-01T09:30:00.250Z") == 1_772_357_400.25)
        #expect(RestoredWorkCheck.parseISO8601("2026-03-01T18:30:00+09:00") == 1_772_357_400)
        #expect(RestoredWorkCheck.parseISO8601("1970-01-01T00:00:00Z") == 0)
        #expect(RestoredWorkCheck.parseISO8601("2000-03-01T00:00:00Z") == 951_868_800)
        #expect(RestoredWorkCheck.parseISO8601("2024-02-29T00:00:00Z") != nil)
        for bad in ["2025-02-29T00:00:00Z", "2026-03-01", "2026-03-01T09:30:00", "2026-13-01T00:00:00Z", "1e999", "",
                    "2026-03-01T24:00:00Z", "2026-03-01T09:30:00.Z", "2026-03-01T09:30:00Z ", "٢٠٢٦-03-01T09:30:00Z"] {
            #expect(RestoredWorkCheck.parseISO8601(bad) == nil, "\(bad)")
        }
    }

    @Test func timesRoundTripThroughTheStoresForm() throws {
        let text = "2026-03-01T09:30:00.250Z"
        let seconds = try #require(RestoredWorkCheck.parseISO8601(text))
        #expect(Timestamp.iso8601(seconds) == text)
    }
}
