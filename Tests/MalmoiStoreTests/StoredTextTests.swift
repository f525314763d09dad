import MalmoiCore
import MalmoiStore
import Testing

/// U+0000 and U+FFFF in item texts and review comments survive both stores (issue 12, item 4).
@Suite struct StoredTextTests {
    static let texts = ["앞\u{0}뒤 문장", "\u{0}", "끝\u{0}", "\u{FFFF}0 그대로", "\u{FFFF}\u{FFFF}\u{0}\u{FFFF}", "평범한 문장"]

    @Test func encodingIsReversibleAndLeavesOrdinaryTextAlone() {
        for text in Self.texts + ["", "\u{FFFF}", "a\u{FFFF}"] {
            let stored = StoredText.encode(text)
            #expect(!stored.unicodeScalars.contains("\u{0}"))
            #expect(StoredText.decode(stored).unicodeScalars.elementsEqual(text.unicodeScalars), "\(Array(text.unicodeScalars))")
        }
        #expect(StoredText.encode("평범한 문장") == "평범한 문장")
        // A lone U+FFFF stored before the encoding reads back unchanged.
        #expect(StoredText.decode("가\u{FFFF}나").unicodeScalars.elementsEqual("가\u{FFFF}나".unicodeScalars))
    }

    @Test(arguments: StoreFactory.all)
    func nulInTextsAndCommentsIsStoredIntact(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(overlap: 1))
        _ = try store.importItems(into: project, options: ImportOptions()) { consume in
            for (index, text) in Self.texts.enumerated() {
                try consume(ImportRecord(item: Item(id: "n\(index)", text: text)))
            }
        }
        for (index, text) in Self.texts.enumerated() {
            let item = try #require(try store.item("n\(index)", in: project))
            #expect(item.text.unicodeScalars.elementsEqual(text.unicodeScalars), "n\(index)")
        }
        let claim = try #require(try store.claimNextItem(in: project, for: "kim"))
        #expect(claim.item.text.unicodeScalars.elementsEqual(Self.texts[0].unicodeScalars))
        let annotation = try store.submit(Submission(project: project, item: claim.item.id, annotator: "kim",
                                                     payload: ["labels": ["긍정"]]))
        let comment = "이유\u{0}는 \u{FFFF}0 없음"
        _ = try store.recordReview(ReviewSubmission(project: project, annotation: annotation.id, reviewer: "park",
                                                    verdict: .rejected, reasons: ["careless"], comment: comment))
        let reviews = try store.reviews(of: annotation.id)
        #expect(reviews.first?.comment?.unicodeScalars.elementsEqual(comment.unicodeScalars) == true)
        var exported: [ExportItem] = []
        try store.forEachExportItem(in: project, includeAll: true) { exported.append($0) }
        #expect(exported.map(\.item.text) == Self.texts)
        #expect(exported.first?.annotations.first?.reviews.first?.review.comment?.unicodeScalars.elementsEqual(comment.unicodeScalars) == true)
    }
}
