import MalmoiAgreement
import MalmoiCore
import Testing

/// Span F1 and unitizing alpha.
struct SpanAgreementTests {
    /// Krippendorff (2004, p. 254): a continuum [150, 450) unitized by two observers into c and k units,
    /// shifted here to start at 0. Published: D_o(c) = 0.0144, D_e(c) = 0.0532, αu = 0.8591 (±0.0005).
    static let first = [(225, 70, "c"), (370, 30, "c"), (180, 60, "k"), (300, 50, "k")]
    static let second = [(220, 80, "c"), (355, 20, "c"), (400, 20, "c"), (180, 60, "k"), (300, 50, "k")]

    static func spans(_ list: [(Int, Int, String)]) -> [AgreementSpan] {
        list.map { AgreementSpan(start: $0.0 - 150, end: $0.0 - 150 + $0.1, label: $0.2) }
    }

    @Test("Unitizing alpha reproduces Krippendorff's 2004 example")
    func krippendorff2004() throws {
        let alpha = try #require(SpanAgreement.unitizingAlpha(continuumLength: 300, annotations: [Self.spans(Self.first), Self.spans(Self.second)]))
        #expect(abs(alpha - 0.8591) < 0.0005)
        let onlyC = try #require(SpanAgreement.unitizingAlpha(
            continuumLength: 300, annotations: [Self.spans(Self.first).filter { $0.label == "c" }, Self.spans(Self.second).filter { $0.label == "c" }]))
        #expect(abs(onlyC - 0.7286) < 0.0001)
    }

    @Test("Identical unitizations give αu = 1 and F1 = 1")
    func identical() throws {
        let spans = Self.spans(Self.first)
        #expect(SpanAgreement.unitizingAlpha(continuumLength: 300, annotations: [spans, spans, spans]) == 1)
        #expect(SpanAgreement.f1(spans, spans, matching: .exact).f1 == 1)
    }

    @Test("Exact F1 needs the same offsets; overlap F1 the same label and a shared scalar")
    func f1Matching() {
        let a = [AgreementSpan(start: 0, end: 2, label: "욕설"), AgreementSpan(start: 5, end: 9, label: "비하")]
        let b = [AgreementSpan(start: 0, end: 2, label: "욕설"), AgreementSpan(start: 6, end: 12, label: "비하"),
                 AgreementSpan(start: 20, end: 22, label: "욕설")]
        #expect(SpanAgreement.f1(a, b, matching: .exact).f1 == 2.0 * 1 / 5)
        let overlap = SpanAgreement.f1(a, b, matching: .overlap)
        #expect(overlap.matchedFirst == 2 && overlap.matchedSecond == 2)
        #expect(abs((overlap.f1 ?? 0) - 2 * (2.0 / 3) * 1 / (2.0 / 3 + 1)) < 1e-12)
    }

    @Test("Span labels in the long format are scored with F1 and αu")
    func spanRecords() throws {
        func label(_ spans: [(Int, Int, String)]) -> JSONValue {
            .array(spans.map { .object(JSONObject([("start", .int($0.0)), ("end", .int($0.1)), ("label", .string($0.2))])) })
        }
        let records = [
            AgreementRecord(item: "d1", annotator: "a", label: label([(0, 3, "욕설"), (10, 14, "비하")])),
            AgreementRecord(item: "d1", annotator: "b", label: label([(0, 3, "욕설"), (11, 14, "비하")])),
            AgreementRecord(item: "d2", annotator: "a", label: label([(2, 5, "욕설")])),
            AgreementRecord(item: "d2", annotator: "b", label: []),
        ]
        let report = try score(records)
        #expect(report.kind == .spans)
        #expect(report.metrics == [.spanF1Exact, .spanF1Overlap, .krippendorffAlphaUnitizing])
        #expect(report.value(.spanF1Exact) == 2.0 * 1 / 5)
        let alpha = try #require(report.value(.krippendorffAlphaUnitizing))
        #expect(alpha < 1 && alpha > 0)
    }

    @Test("A malformed span is a located error")
    func malformedSpan() {
        var builder = ReliabilityDataBuilder()
        #expect(throws: AgreementError.self) {
            try builder.add(item: "d", annotator: "a", label: [["start": 5, "end": 2, "label": "x"]],
                            location: SourceLocation(path: "s.jsonl", line: 7))
        }
    }
}
