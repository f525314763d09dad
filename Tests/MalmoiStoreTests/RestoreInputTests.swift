import Foundation
import MalmoiCore
import MalmoiStore
import Testing

/// Export lines read for `import --restore` (issue 12, item 2, the leftovers): times whose offset moves
/// them out of 1970…9999, mistyped fields, and texts not in the project's form, whose offsets move.
@Suite struct RestoreInputTests {
    @Test func anOffsetThatMovesATimeOutOfRangeIsNotATime() {
        #expect(RestoredWorkCheck.parseISO8601("1970-01-01T00:30:00+01:00") == nil)
        #expect(RestoredWorkCheck.parseISO8601("1970-01-01T00:30:00-01:00") == 5_400)
        #expect(RestoredWorkCheck.parseISO8601("1970-01-01T09:00:00+09:00") == 0)
        #expect(RestoredWorkCheck.parseISO8601("9999-12-31T23:59:59Z") == 253_402_300_799)
        #expect(RestoredWorkCheck.parseISO8601("9999-12-31T23:30:00-01:00") == nil)
        #expect(RestoredWorkCheck.parseISO8601("9999-12-31T23:30:00+01:00") == 253_402_295_400)
    }

    /// Reads one JSONL line through ItemReader (NFC, span offsets), returning the record or the error.
    private func read(_ line: String) throws -> Result<ImportRecord, InputError> {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("restore-\(UUID().uuidString).jsonl").path
        FileManager.default.createFile(atPath: path, contents: Data((line + "\n").utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var records: [ImportRecord] = []
        do {
            _ = try ItemReader(path: path, format: .jsonl).read(skipBad: false) { records.append($0) }
        } catch let error as InputError {
            return .failure(error)
        }
        return .success(try #require(records.first))
    }

    private func exportLine(annotation: String, text: String = "배송이 빨라서 좋아요") -> String {
        #"{"schema_version":1,"record":"item","id":"r1","text":"\#(text)","annotations":[\#(annotation)]}"#
    }

    @Test(arguments: [
        (#""reviews":{"reviewer":"이"}"#, "annotations[0].reviews", "expected an array, found"),
        (#""reviews":[{"reviewer":"이","verdict":"rejected","reasons":"careless","at":"2026-03-01T10:00:00Z"}]"#,
         "annotations[0].reviews[0].reasons", "expected an array"),
        (#""reviews":[{"reviewer":"이","verdict":"rejected","reasons":["careless",7],"at":"2026-03-01T10:00:00Z"}]"#,
         "annotations[0].reviews[0].reasons[1]", "expected a string"),
        (#""warnings":"none""#, "annotations[0].warnings", "expected an array"),
    ])
    func aMistypedFieldIsALocatedErrorNotDropped(field: String, expectedField: String, message: String) throws {
        let annotation = #"{"annotator":"김","payload":{"labels":["긍정"]},"submitted_at":"2026-03-01T09:30:00Z","seconds":3,\#(field)}"#
        guard case .failure(let error) = try read(exportLine(annotation: annotation)) else {
            Issue.record("a mistyped \(expectedField) was accepted")
            return
        }
        #expect(error.location?.line == 1)
        #expect(error.location?.field == expectedField, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test func aNullReviewsListIsNoReviews() throws {
        let annotation = #"{"annotator":"김","payload":{"labels":["긍정"]},"submitted_at":"2026-03-01T09:30:00Z","reviews":null}"#
        guard case .success(let record) = try read(exportLine(annotation: annotation)) else {
            Issue.record("null reviews refused")
            return
        }
        #expect(record.annotations.first?.reviews.isEmpty == true)
    }

    @Test func anExportTextNotInNFCIsNormalizedAndItsOffsetsMove() throws {
        // "한국" in conjoining jamo (3 + 3 scalars) before the span: NFC makes it 2 scalars, so a span
        // over "좋아요" at scalars 7…10 of the decomposed text is at 3…6 of the stored text.
        let decomposed = "\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8} 좋아요"
        let annotation = """
            {"annotator":"김","payload":{"spans":[{"start":7,"end":10,"label":"긍정"}]},"submitted_at":"2026-03-01T09:30:00Z"}
            """
        let line = #"{"schema_version":1,"record":"item","id":"r1","text":"\#(decomposed)","#
            + #""pre_annotation":{"spans":[{"start":7,"end":10}]},"gold":{"spans":[{"start":0,"end":6}]},"#
            + #""fields":{"highlight":{"start":7,"end":10}},"annotations":[\#(annotation)]}"#
        guard case .success(let record) = try read(line) else {
            Issue.record("the line was refused")
            return
        }
        #expect(record.item.text == "한국 좋아요")
        let stored = Array(record.item.text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(stored[3..<6])) == "좋아요")
        let span = record.annotations.first?.payload["spans"]?.arrayValue?.first
        #expect(span?["start"]?.intValue == 3 && span?["end"]?.intValue == 6)
        let draft = record.item.preAnnotation?["spans"]?.arrayValue?.first
        #expect(draft?["start"]?.intValue == 3 && draft?["end"]?.intValue == 6)
        let gold = record.gold?["spans"]?.arrayValue?.first
        #expect(gold?["start"]?.intValue == 0 && gold?["end"]?.intValue == 2)
        #expect(record.item.fields["highlight"]?["start"]?.intValue == 3)
    }
}
