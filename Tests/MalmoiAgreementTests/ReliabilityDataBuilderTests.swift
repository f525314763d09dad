import MalmoiAgreement
import MalmoiAgreementInput
import MalmoiCore
import Testing

/// Reading conventions of the long format (NOTES.md, "Reading the input").
struct ReliabilityDataBuilderTests {
    func data(_ labels: [(String, String, JSONValue)], level: AgreementLevel? = nil) throws -> ReliabilityData {
        try ReliabilityData(records: labels.map { AgreementRecord(item: $0.0, annotator: $0.1, label: $0.2) }, level: level,
                            normalization: AgreementInput.nfc)
    }

    @Test("Composed and decomposed Hangul are one label, stored in NFC")
    func hangulNormalization() throws {
        let data = try data([("i", "a", "\u{AC00}"), ("i", "b", "\u{1100}\u{1161}"), ("j", "a", "나")])
        #expect(data.categoryCount == 2)
        #expect(data.categories == .nominal(["가", "나"]))
    }

    @Test("Numbers compare as numbers, strings are never parsed")
    func numbersAndStrings() throws {
        #expect(try data([("i", "a", 2), ("i", "b", 2.0), ("j", "a", 3)]).categoryCount == 2)
        #expect(try data([("i", "a", "1"), ("i", "b", "01"), ("j", "a", "1.0")]).categoryCount == 3)
    }

    @Test("An array is a set: order and repeats do not matter")
    func setsIgnoreOrder() throws {
        let data = try data([("i", "a", ["경제", "문화"]), ("i", "b", ["문화", "경제", "문화"]), ("j", "a", [])])
        #expect(data.categories == .sets([[], ["경제", "문화"]]))
    }

    @Test("A repeated annotation counts once and is reported")
    func duplicatesCountOnce() throws {
        let data = try data([("i", "a", "x"), ("i", "a", "x"), ("i", "b", "y")])
        #expect(data.annotationCount == 2)
        #expect(data.duplicateCount == 1)
    }

    @Test("Two different labels from one annotator for one item are an error naming both lines")
    func conflictingLabels() throws {
        var builder = ReliabilityDataBuilder()
        try builder.add(item: "q7", annotator: "kim", label: "긍정", location: SourceLocation(path: "a.jsonl", line: 3))
        try builder.add(item: "q7", annotator: "lee", label: "긍정", location: SourceLocation(path: "a.jsonl", line: 4))
        try builder.add(item: "q7", annotator: "kim", label: "부정", location: SourceLocation(path: "a.jsonl", line: 12))
        let error = try #require(throws: AgreementError.self) { try builder.build() }
        #expect(error.code == .conflictingLabels)
        #expect(error.description.hasPrefix("a.jsonl:12: field \"label\""))
        #expect(error.description.contains("line 3"))
    }

    @Test("Mixed label types and labels that do not fit the level are located errors")
    func wrongTypes() throws {
        var builder = ReliabilityDataBuilder()
        try builder.add(item: "a", annotator: "x", label: "p", location: SourceLocation(path: "f", line: 1))
        let mixed = try #require(throws: AgreementError.self) {
            try builder.add(item: "a", annotator: "y", label: 3, location: SourceLocation(path: "f", line: 2))
        }
        #expect(mixed.description.hasPrefix("f:2: field \"label\""))
        var interval = ReliabilityDataBuilder(level: .interval)
        let level = try #require(throws: AgreementError.self) {
            try interval.add(item: "a", annotator: "x", label: "p", location: SourceLocation(path: "f", line: 5))
        }
        #expect(level.code == .wrongLabelType)
        var ratio = ReliabilityDataBuilder(level: .ratio)
        #expect(throws: AgreementError.self) { try ratio.add(item: "a", annotator: "x", label: -1) }
    }

    @Test("An empty input is an error; null labels are missing annotations")
    func emptyAndNull() throws {
        #expect(throws: AgreementError.self) { try ReliabilityDataBuilder().build() }
        let data = try data([("i", "a", .null), ("i", "b", "x"), ("i", "c", "x")])
        #expect(data.annotationCount == 2)
        #expect(data.nullLabelCount == 1)
        var onlyNull = ReliabilityDataBuilder()
        try onlyNull.add(item: "i", annotator: "a", label: .null)
        #expect(throws: AgreementError.self) { try onlyNull.build() }
    }

    @Test("A coders × units matrix gives the same data as long-format records")
    func matrixInput() throws {
        let matrix: [[Double?]] = [[1, 2, 3, nil, 4], [1, 2, 4, 4, nil], [nil, 3, 3, 4, 4]]
        var records: [AgreementRecord] = []
        for (coder, row) in matrix.enumerated() {
            for (unit, value) in row.enumerated() {
                if let value { records.append(AgreementRecord(item: "\(unit)", annotator: "\(coder)", label: .number(value))) }
            }
        }
        let fromMatrix = AgreementScorer.score(ReliabilityData(coderRows: matrix))
        let fromRecords = try score(records)
        for metric in fromRecords.metrics {
            #expect(fromMatrix.value(metric) == fromRecords.value(metric) || abs(fromMatrix.value(metric)! - fromRecords.value(metric)!) < 1e-12)
        }
    }

    @Test("Records of several tasks are scored separately")
    func tasks() throws {
        let records = [
            AgreementRecord(task: "t2", item: "a", annotator: "x", label: 1), AgreementRecord(task: "t2", item: "a", annotator: "y", label: 2),
            AgreementRecord(task: "t1", item: "a", annotator: "x", label: "p"), AgreementRecord(task: "t1", item: "a", annotator: "y", label: "p"),
        ]
        let summary = try AgreementScorer.report(for: records)
        #expect(summary.reports.map(\.task) == ["t1", "t2"])
        #expect(summary.reports[1].kind == .numeric)
        #expect(summary.jsonValue["tasks"]?["t1"]?["metrics"]?["percent_agreement"] == 1)
    }
}
