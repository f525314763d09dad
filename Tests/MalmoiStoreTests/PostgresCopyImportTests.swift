import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiStore
import Testing

/// PostgreSQL imports of plain items go through `COPY` in batches of 10,000: what a batch carries must
/// come back exactly as SQLite stores it, in file order, and a failing batch leaves nothing.
@Suite struct PostgresCopyImportTests {
    /// Items whose text and fields hold every character `COPY`'s text format escapes, the literal `\N`,
    /// U+0000 (stored escaped), Hangul in both forms the store keeps, and an empty string.
    static func records(count: Int, path: String) -> [ImportRecord] {
        let awkward = ["탭\t하나", "줄\n바꿈", "캐리지\r리턴", "역슬래시 \\ 하나", "\\N", "널\u{0}문자", "", "끝에 역슬래시\\", "\\t 글자 그대로"]
        return (0..<count).map { index in
            let text = index < awkward.count ? awkward[index] : "배송이 빨라서 좋았어요 (\(index)번째 후기)"
            var fields = JSONObject()
            if index % 3 == 0 { fields["메모"] = .string("칸\t나눔\n\\끝") }
            let item = Item(id: "c\(index)", text: text, fields: fields, source: index % 2 == 0 ? nil : "후기\t파일.jsonl",
                            preAnnotation: index % 5 == 0 ? ["labels": ["긍정"]] : nil)
            return ImportRecord(item: item, location: SourceLocation(path: path, line: index + 1))
        }
    }

    static func load(_ store: any AnnotationStore, _ project: Project, _ records: [ImportRecord]) throws -> ImportSummary {
        try store.importItems(into: project, options: ImportOptions()) { consume in
            for record in records { try consume(record) }
        }
    }

    @Test func aBatchCarriesEveryCharacterAsSQLiteDoesAndKeepsFileOrder() throws {
        let postgres = try PostgresStore(try PostgresCluster.requireLocation())
        let sqlite = try SQLiteStore(path: temporaryPath("copy.sqlite"))
        // Over one batch, so the second COPY into the staging table starts from an empty one.
        let records = Self.records(count: 10_050, path: "items.jsonl")
        var projects: [Project] = []
        for store in [postgres, sqlite] as [any AnnotationStore] {
            let project = try store.createProject(labelProject("copy", overlap: 1))
            #expect(try Self.load(store, project, records).inserted == records.count)
            projects.append(project)
        }
        for index in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 9_999, 10_000, 10_049] {
            let id = "c\(index)"
            let there = try #require(try postgres.item(id, in: projects[0]))
            let here = try #require(try sqlite.item(id, in: projects[1]))
            #expect(there == here, "\(id)")
            #expect(there.text.unicodeScalars.elementsEqual(records[index].item.text.unicodeScalars), "\(id)")
        }
        // Queue order is file order, across the batch boundary: one annotator takes c0, c1, … in turn.
        var taken: [String] = []
        for _ in 0..<12 {
            let claim = try #require(try postgres.claimNextItem(in: projects[0], for: "kim"))
            taken.append(claim.item.id)
            _ = try postgres.submit(Submission(project: projects[0], item: claim.item.id, annotator: "kim", payload: ["labels": ["긍정"]]))
        }
        #expect(taken == (0..<12).map { "c\($0)" })
    }

    @Test func anIdAlreadyInTheProjectNamesItsLineAndTheImportLeavesNothing() throws {
        let store = try PostgresStore(try PostgresCluster.requireLocation())
        let project = try store.createProject(labelProject("copy-dup"))
        _ = try Self.load(store, project, Self.records(count: 3, path: "first.jsonl"))
        // The second file's 12,345th record repeats c2; its first 10,000 went in one batch already.
        var second = (0..<12_344).map { index in
            ImportRecord(item: Item(id: "n\(index)", text: "새 문장 \(index)"), location: SourceLocation(path: "second.jsonl", line: index + 1))
        }
        second.append(ImportRecord(item: Item(id: "c2", text: "겹치는 문장"), location: SourceLocation(path: "second.jsonl", line: 12_345)))
        #expect {
            _ = try Self.load(store, project, second)
        } throws: { error in
            let error = error as? InputError
            return error?.code == .duplicate && error?.path == "second.jsonl" && error?.line == 12_345 && error?.message.contains("c2") == true
        }
        #expect(try store.item("n0", in: project) == nil)
        #expect(try store.item("n12343", in: project) == nil)
        #expect(try store.item("c2", in: project)?.text == Self.records(count: 3, path: "").last?.item.text)
    }
}
