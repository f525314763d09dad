import MalmoiAgreement
import MalmoiCore
import Testing

/// Invariants every coefficient must satisfy, on random data.
struct PropertyTests {
    static let nominalLabels: [JSONValue] = ["긍정", "부정", "중립", "혼합"]
    static let numericLabels: [JSONValue] = [1, 2, 3, 5, 8]

    @Test("Identical coders give 1 for every defined coefficient", arguments: [2, 3, 5])
    func identicalCodersAgreePerfectly(coders: Int) throws {
        for labels in [Self.nominalLabels, Self.numericLabels] {
            var random = TestData(seed: UInt64(coders))
            var records: [AgreementRecord] = []
            for item in 0..<40 {
                let label = labels[random.next(below: labels.count)]
                for coder in 0..<coders {
                    records.append(AgreementRecord(item: "i\(item)", annotator: "c\(coder)", label: label))
                }
            }
            let report = try score(records)
            #expect(report.metrics.count >= 10)
            for metric in report.metrics {
                let value = try #require(report.value(metric), "\(metric.rawValue): \(report.undefined[metric] ?? "")")
                #expect(abs(value - 1) < 1e-12, "\(metric.rawValue) = \(value)")
            }
        }
    }

    @Test("Permuting units, coders and the order of lines changes nothing", arguments: [1, 2, 3])
    func permutationInvariance(seed: UInt64) throws {
        for labels in [Self.nominalLabels, Self.numericLabels] {
            var random = TestData(seed: seed)
            let records = random.records(items: 60, coders: seed == 1 ? 2 : 4, labels: labels)
            let coderNames = random.shuffled((0..<4).map { "coder\($0)" })
            let itemNames = random.shuffled((0..<60).map { "item\($0)" })
            let permuted = random.shuffled(records).map { record in
                var copy = record
                copy.annotator = "x-" + coderNames[Int(record.annotator.dropFirst(5))!]
                copy.item = "y-" + itemNames[Int(record.item.dropFirst(4))!]
                return copy
            }
            try expectSameMetrics(score(records), score(permuted))
        }
    }

    @Test("Renaming categories changes no nominal coefficient", arguments: [4, 5])
    func categoryRenaming(seed: UInt64) throws {
        var random = TestData(seed: seed)
        let records = random.records(items: 80, coders: 3, labels: Self.nominalLabels)
        let renamed: [String: String] = ["긍정": "z", "부정": "a", "중립": "가", "혼합": "m"]
        let renamedRecords = records.map { record in
            var copy = record
            copy.label = .string(renamed[record.label.stringValue!]!)
            return copy
        }
        try expectSameMetrics(score(records), score(renamedRecords))
    }

    @Test("Alpha nominal equals alpha with MASI and Jaccard on singleton sets", arguments: [6, 7, 8])
    func singletonSets(seed: UInt64) throws {
        var random = TestData(seed: seed)
        let records = random.records(items: 50, coders: 3, labels: Self.nominalLabels)
        let sets = records.map { record in
            var copy = record
            copy.label = .array([record.label])
            return copy
        }
        let nominal = try #require(try score(records).value(.krippendorffAlphaNominal))
        let report = try score(sets)
        #expect(abs(try #require(report.value(.krippendorffAlphaMASI)) - nominal) < 1e-12)
        #expect(abs(try #require(report.value(.krippendorffAlphaJaccard)) - nominal) < 1e-12)
        #expect(abs(try #require(report.value(.krippendorffAlphaNominal)) - nominal) < 1e-12)
    }

    @Test("With complete data, Conger's kappa of two coders is Cohen's and Fleiss' is Scott's pi")
    func twoCoderForms() throws {
        var random = TestData(seed: 9)
        let report = try score(random.records(items: 70, coders: 2, labels: Self.numericLabels, missing: 0))
        for (a, b) in [(AgreementMetric.congerKappa, AgreementMetric.cohenKappa), (.fleissKappa, .scottPi),
                       (.randolphKappa, .bennettS)] {
            #expect(abs(try #require(report.value(a)) - (try #require(report.value(b)))) < 1e-12)
        }
    }

    @Test("Undefined coefficients are absent values with reasons, and JSON has no NaN")
    func undefinedIsNullWithReason() throws {
        let records = [
            AgreementRecord(item: "a", annotator: "x", label: "스팸"), AgreementRecord(item: "a", annotator: "y", label: "스팸"),
            AgreementRecord(item: "b", annotator: "x", label: "스팸"),
        ]
        let report = try score(records)
        #expect(report.value(.percentAgreement) == 1)
        for metric in report.metrics where metric != .percentAgreement {
            #expect(report.value(metric) == nil)
            #expect(report.undefined[metric] != nil, "\(metric.rawValue) has no reason")
        }
        let json = report.jsonValue.serialized()
        #expect(!json.contains("nan") && !json.contains("NaN") && !json.contains("inf"))
        #expect(json.contains(#""krippendorff_alpha_nominal":null"#))
    }

    func expectSameMetrics(_ a: AgreementReport, _ b: AgreementReport) {
        #expect(a.metrics == b.metrics)
        for metric in a.metrics {
            switch (a.value(metric), b.value(metric)) {
            case (let x?, let y?): #expect(abs(x - y) < 1e-12, "\(metric.rawValue): \(x) vs \(y)")
            case (nil, nil): break
            default: Issue.record("\(metric.rawValue) defined in one report only")
            }
        }
    }
}
