import MalmoiAgreement
import MalmoiCore
import Testing

/// Invariance tests that cannot pass on `nil == nil`: on the reference data sets every coefficient
/// is defined, so each one must stay a number (and the same number) when the records are
/// reordered, renamed, relabelled or repeated. A change that made a coefficient undefined where it
/// is defined fails here.
struct DefinedCoefficientTests {
    /// The values of every reported metric of the one report; fails on any null.
    /// - Parameter undefinedByDefinition: metrics that are null by definition on this data (Light's
    ///   kappa needs complete data); they must be null, with a reason.
    static func definedValues(_ records: [AgreementRecord], undefinedByDefinition: Set<AgreementMetric> = []) throws
        -> [AgreementMetric: Double]
    {
        let summary = try AgreementScorer.report(for: records)
        let report = try #require(summary.reports.first)
        #expect(summary.reports.count == 1)
        var values: [AgreementMetric: Double] = [:]
        for metric in report.metrics {
            if undefinedByDefinition.contains(metric) {
                #expect(report.value(metric) == nil && report.undefined[metric] != nil, "\(metric.rawValue)")
                continue
            }
            guard let value = report.value(metric) else {
                Issue.record("\(metric.rawValue) is null: \(report.undefined[metric] ?? "no reason")")
                continue
            }
            #expect(value.isFinite, "\(metric.rawValue)")
            values[metric] = value
        }
        return values
    }

    /// Both maps name the same metrics and agree to 1e-12.
    static func expectSame(_ a: [AgreementMetric: Double], _ b: [AgreementMetric: Double], _ what: String) {
        #expect(Set(a.keys) == Set(b.keys), "\(what): different metrics")
        for (metric, value) in a {
            guard let other = b[metric] else { continue }
            #expect(abs(value - other) <= 1e-12, "\(what): \(metric.rawValue) \(value) → \(other)")
        }
    }

    @Test("Two coders on a 1–5 scale: all 16 coefficients and their variants are defined")
    func everyCoefficientIsDefinedOnTheLikertCase() throws {
        let values = try Self.definedValues(try ReferenceCaseTests.records("likert_two_coders"))
        let required: [AgreementMetric] = [
            .percentAgreement, .cohenKappa, .cohenKappaLinear, .cohenKappaQuadratic, .scottPi, .bennettS,
            .fleissKappa, .congerKappa, .randolphKappa, .gwetAC1, .gwetAC2Linear, .gwetAC2Quadratic,
            .krippendorffAlphaNominal, .krippendorffAlphaOrdinal, .krippendorffAlphaInterval, .krippendorffAlphaRatio,
        ]
        for metric in required { #expect(values[metric] != nil, "\(metric.rawValue) is not reported") }
    }

    @Test("Reordering records, renaming items and annotators, and swapping the two coders change nothing")
    func likertInvariances() throws {
        let records = try ReferenceCaseTests.records("likert_two_coders")
        let base = try Self.definedValues(records)
        Self.expectSame(base, try Self.definedValues(records.reversed()), "reversed")
        let renamed = records.map {
            AgreementRecord(item: "item-" + String($0.item.reversed()), annotator: $0.annotator == "박지민" ? "z" : "a", label: $0.label)
        }
        Self.expectSame(base, try Self.definedValues(renamed), "renamed")
        // A repeated identical line is counted once.
        Self.expectSame(base, try Self.definedValues(records + records.prefix(5)), "duplicated lines")
    }

    @Test("Renaming the sentiment categories changes no nominal coefficient")
    func categoryNamesDoNotMatter() throws {
        let records = try ReferenceCaseTests.records("sentiment_two_coders")
        let base = try Self.definedValues(records)
        #expect(base.count >= 9)
        let names: [String: String] = ["긍정": "positive", "부정": "negative", "중립": "neutral"]
        let relabelled = records.map {
            AgreementRecord(item: $0.item, annotator: $0.annotator, label: .string(names[$0.label.stringValue ?? ""]))
        }
        Self.expectSame(base, try Self.definedValues(relabelled), "relabelled")
    }

    @Test("Missing ratings: every coefficient stays defined, also without the single-rated unit")
    func missingDataStaysDefined() throws {
        let records = try ReferenceCaseTests.records("fluency_three_coders_missing")
        let incomplete: Set<AgreementMetric> = [.lightKappa]
        let base = try Self.definedValues(records, undefinedByDefinition: incomplete)
        #expect(base[.gwetAC2Quadratic] != nil && base[.krippendorffAlphaRatio] != nil)
        Self.expectSame(base, try Self.definedValues(records.shuffled(), undefinedByDefinition: incomplete), "shuffled")
        // 번역20 has one rating: it leaves every pairwise term, so alpha (pairable units only) is unchanged.
        let pairable = try Self.definedValues(records.filter { $0.item != "번역20" }, undefinedByDefinition: incomplete)
        #expect(abs((pairable[.krippendorffAlphaInterval] ?? .nan) - (base[.krippendorffAlphaInterval] ?? 0)) <= 1e-12)
    }

    @Test("Three complete coders: Light's kappa is defined and no coefficient depends on annotator names")
    func threeCompleteCoders() throws {
        let records = try ReferenceCaseTests.records("intent_three_coders_complete")
        let base = try Self.definedValues(records)
        #expect(base[.lightKappa] != nil && base[.congerKappa] != nil && base[.krippendorffAlphaNominal] != nil)
        let names = ["상담원가": "c", "상담원나": "a", "상담원다": "b"]
        let renamed = records.map { AgreementRecord(item: $0.item, annotator: names[$0.annotator] ?? $0.annotator, label: $0.label) }
        Self.expectSame(base, try Self.definedValues(renamed), "renamed annotators")
        // Dropping one annotator's line makes the data incomplete: Light's kappa becomes undefined by
        // definition, and every other coefficient stays defined.
        _ = try Self.definedValues(Array(records.dropFirst()), undefinedByDefinition: [.lightKappa])
    }

    @Test("Sets: the order of labels inside a set does not matter, and MASI and Jaccard alpha are defined")
    func setOrderDoesNotMatter() throws {
        let records = try ReferenceCaseTests.records("topics_sets_three_coders")
        let base = try Self.definedValues(records)
        #expect(base[.krippendorffAlphaMASI] != nil && base[.krippendorffAlphaJaccard] != nil)
        let reversed = records.map {
            AgreementRecord(item: $0.item, annotator: $0.annotator, label: .array(($0.label.arrayValue ?? []).reversed()))
        }
        Self.expectSame(base, try Self.definedValues(reversed), "reversed sets")
    }
}
