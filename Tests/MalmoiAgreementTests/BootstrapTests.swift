import MalmoiAgreement
import MalmoiCore
import Testing

/// Bootstrap intervals over items.
struct BootstrapTests {
    func report(seed: UInt64, threads: Int?, metrics: Set<AgreementMetric>? = nil) throws -> AgreementReport {
        var random = TestData(seed: 11)
        let records = random.records(items: 120, coders: 3, labels: [1, 2, 3, 4, 5])
        return try score(records, options: AgreementOptions(
            metrics: metrics, includesBreakdowns: false, bootstrapResamples: 200, seed: seed, threads: threads))
    }

    @Test("The same seed gives the same intervals, whatever the number of threads")
    func reproducible() throws {
        let one = try report(seed: 42, threads: 1)
        let two = try report(seed: 42, threads: 2)
        let other = try report(seed: 43, threads: 2)
        #expect(!one.intervals.isEmpty)
        #expect(one.intervals == two.intervals)
        #expect(one.intervals != other.intervals)
    }

    @Test("Intervals contain the point estimate and are ordered")
    func intervalsBracketEstimates() throws {
        let report = try report(seed: 5, threads: nil)
        for metric in [AgreementMetric.krippendorffAlphaNominal, .krippendorffAlphaInterval, .gwetAC1, .fleissKappa, .congerKappa] {
            let interval = try #require(report.intervals[metric])
            let value = try #require(report.value(metric))
            #expect(interval.lower <= value && value <= interval.upper, "\(metric.rawValue)")
            #expect(interval.definedResamples == 200)
        }
    }

    @Test("Grouping items by pattern gives the same intervals as coder-aware resampling")
    func patternGroupingMatches() throws {
        // Conger needs coders, so the first report resamples (coder, value) patterns; the second only value multisets.
        let withCoders = try report(seed: 9, threads: 2, metrics: [.krippendorffAlphaNominal, .congerKappa])
        let withoutCoders = try report(seed: 9, threads: 2, metrics: [.krippendorffAlphaNominal])
        let a = try #require(withCoders.intervals[.krippendorffAlphaNominal])
        let b = try #require(withoutCoders.intervals[.krippendorffAlphaNominal])
        #expect(abs(a.lower - b.lower) < 1e-12 && abs(a.upper - b.upper) < 1e-12)
    }
}
