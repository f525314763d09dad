import Foundation
import MalmoiText
import Testing

@Suite("Display width")
struct DisplayWidthTests {
    @Test("columns a terminal draws", arguments: [
        ("abc", 3), ("긍정", 4), ("긍정 16", 7), ("漢字", 4), ("ｶﾀｶﾅ", 4), ("ＡＢ", 4),
        ("e\u{301}", 1), ("\u{1100}\u{1161}\u{11A8}", 2), ("ㅋㅋ", 4), ("👍", 2), ("👍🏽", 2),
        ("👩‍👩‍👧", 2), ("❤️", 2), ("🇰🇷", 2), ("a\u{200B}b", 2), ("\t", 0), ("·", 1), ("…", 1),
    ])
    func columns(text: String, width: Int) {
        #expect(DisplayWidth.columns(of: text) == width)
    }

    @Test("wide ranges agree with EastAsianWidth.txt for Hangul, CJK and kana")
    func agreesWithUnicodeData() throws {
        // Debian's unicode-data package (installed by .ci/run and `make deps`).
        let path = "/usr/share/unicode/EastAsianWidth.txt"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            print("skipped: \(path) is absent (apt-get install unicode-data)")
            return
        }
        var checked = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "#")[0].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 2, fields[1] == "W" || fields[1] == "F" else { continue }
            let bounds = fields[0].split(separator: ".").filter { !$0.isEmpty }.compactMap { UInt32($0, radix: 16) }
            guard let low = bounds.first, let high = bounds.last else { continue }
            // Blocks this project's text uses: Hangul, CJK, kana, fullwidth forms.
            for value in low...high where (0xAC00...0xD7A3).contains(value) || (0x3040...0x30FF).contains(value)
                || (0x4E00...0x9FFF).contains(value) || (0xFF01...0xFF60).contains(value) || (0x1100...0x115F).contains(value) {
                let scalar = try #require(Unicode.Scalar(value))
                // Combining marks (U+3099, U+309A) are W in the table but draw on the character before them.
                if scalar.properties.generalCategory == .nonspacingMark { continue }
                #expect(DisplayWidth.columns(of: scalar) == 2, "U+\(String(value, radix: 16, uppercase: true))")
                checked += 1
            }
        }
        #expect(checked > 30_000)
    }

    @Test("a prefix never splits a syllable or a combining sequence")
    func prefixKeepsClusters() {
        #expect(DisplayWidth.prefix(of: "훈민정음", fitting: 5) == "훈민")
        #expect(DisplayWidth.prefix(of: "e\u{301}e\u{301}", fitting: 1) == "e\u{301}")
    }
}

@Suite("Text table")
struct TextTableTests {
    @Test("columns line up by display width with Hangul labels")
    func alignsHangul() {
        var table = TextTable(columns: [.left("label"), .right("count"), .left("note")])
        table.append(["긍정", "16", "좋음"])
        table.append(["neutral", "3", "-"])
        table.append(["부정적인 반응", "120", ""])
        let lines = table.rendered().split(separator: "\n").map(String.init)
        #expect(lines == [
            "label          count  note",
            "긍정              16  좋음",
            "neutral            3  -",
            "부정적인 반응    120",
        ])
    }
}

@Suite("Text wrapper")
struct TextWrapperTests {
    @Test("wraps Korean between words, never inside one")
    func wrapsBetweenWords() {
        let passage = "훈민정음 해례본을 국보 제70호로 지정했다. 1997년에는 유네스코 세계기록유산에 등재되었다."
        let lines = TextWrapper.wrap(passage, width: 20)
        #expect(lines == ["훈민정음 해례본을", "국보 제70호로", "지정했다. 1997년에는", "유네스코", "세계기록유산에", "등재되었다."])
        #expect(lines.allSatisfy { DisplayWidth.columns(of: $0) <= 20 })
        #expect(lines.joined(separator: " ") == passage)
    }

    @Test("a word wider than the line is cut between syllables")
    func cutsLongWord() {
        let lines = TextWrapper.wrap("가나다라마바사아자차", width: 7)
        #expect(lines == ["가나다", "라마바", "사아자", "차"])
    }

    @Test("hanging indent and kept line breaks")
    func indentAndBreaks() {
        #expect(TextWrapper.wrap("한 줄\n둘째 줄입니다 길게", width: 10, hangingIndent: 2) == ["한 줄", "  둘째", "  줄입니다", "  길게"])
    }
}
