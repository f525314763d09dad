import Foundation
import MalmoiCore
import MalmoiText
import Testing

@Suite struct NormalizerTests {
    @Test(arguments: [
        ("\u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF}", NormalizationForm.nfc, "한글"),
        ("한글", .nfd, "\u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF}"),
        ("ＡＢＣ１２３", .nfkc, "ABC123"),
        ("ㄱㅏ", .nfkc, "\u{1100}\u{1161}".normalized(.nfc)),
        ("Straße ＡＢＣ", .nfkcCasefold, "strasse abc"),
        ("①번 문제", .nfkc, "1번 문제"),
    ])
    func normalizesKoreanAndCompatibilityText(input: String, form: NormalizationForm, expected: String) {
        #expect(input.normalized(form) == expected)
    }

    @Test func nfkcOfCompatibilityJamoLeavesALooseInitialThatOnlyReassemblyFixes() {
        // The pitfall from the brief: NFKC composes 시, 바 and leaves ᄅ (a conjoining initial).
        let nfkc = "ㅅㅣㅂㅏㄹ".normalized(.nfkc)
        #expect(nfkc == "시바\u{1105}")
        #expect(Hangul.composeJamo("ㅅㅣㅂㅏㄹ").text.normalized(.nfkc) == "시발")
    }

    @Test func offsetsOfNormalizedTextMapBackToTheOriginal() {
        // "①" (1 scalar) becomes "1"; decomposed 한 (3 scalars) becomes 1; "ﬁ" becomes "fi" (2).
        let original = "①\u{1112}\u{1161}\u{11AB}ﬁ!"
        let (text, map) = Normalizer(.nfkc).normalizeWithOffsets(original)
        #expect(text == "1한fi!")
        #expect(map.originalRange(0..<1) == 0..<1)
        #expect(map.originalRange(1..<2) == 1..<4)
        #expect(map.originalRange(2..<4) == 4..<5)
        #expect(map.originalRange(2..<3) == 4..<5)
        #expect(map.originalRange(4..<5) == 5..<6)
        #expect(map.resultOffset(4) == 2)
    }

    private func runStream(_ bytes: [UInt8], form: NormalizationForm, lossy: Bool = false) throws -> (String, Normalizer.StreamStatistics) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-norm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.txt")
        let output = directory.appendingPathComponent("out.txt")
        try Data(bytes).write(to: input)
        let statistics: Normalizer.StreamStatistics
        do {
            let writer = try ByteWriter(creatingFileAt: output.path)
            statistics = try Normalizer(form).normalize(stream: ByteLineReader(path: input.path, bufferSize: 64), to: writer, lossy: lossy)
        }
        return (String(decoding: try Data(contentsOf: output), as: UTF8.self), statistics)
    }

    @Test func streamingKeepsLineEndsAndNormalizesAcrossSmallBuffers() throws {
        let lines = (0..<50).map { "\($0) ＡＢＣ \u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF} 줄" }
        let input = lines.joined(separator: "\r\n") + "\n\n마지막"
        let (output, _) = try runStream(Array(input.utf8), form: .nfkc)
        let expected = lines.map { $0.normalized(.nfkc) }.joined(separator: "\r\n") + "\n\n마지막"
        #expect(output == expected)
    }

    @Test func invalidUTF8IsAnErrorNamingLineColumnAndByteOffset() throws {
        var bytes = Array("첫 줄\n둘째 줄 ".utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Array(" 끝\n".utf8))
        #expect {
            _ = try runStream(bytes, form: .nfc)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.code == .invalidUTF8 && error.location?.line == 2
                && error.location?.column == Array("둘째 줄 ".utf8).count + 1
                && error.message.contains("byte offset \(Array("첫 줄\n둘째 줄 ".utf8).count)")
        }
    }

    @Test func lossyModeReplacesInvalidUTF8WithReplacementCharacter() throws {
        var bytes = Array("가".utf8)
        bytes.append(contentsOf: [0xE1, 0x84])  // truncated sequence
        bytes.append(contentsOf: Array("나\n".utf8))
        let (output, statistics) = try runStream(bytes, form: .nfc, lossy: true)
        #expect(output == "가\u{FFFD}나\n")
        #expect(statistics.replacedSequences == 1)
    }
}
