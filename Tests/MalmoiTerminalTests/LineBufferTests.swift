import MalmoiTerminal
import Testing

@Suite("Line buffer")
struct LineBufferTests {
    @Test("the cursor moves and deletes by grapheme cluster", arguments: [
        ("한글", "한"), ("가\u{1100}\u{1161}\u{11A8}", "가"), ("👍🏽👩‍👩‍👧", "👍🏽"), ("cafe\u{301}", "caf"),
    ])
    func backspaceRemovesCluster(text: String, left: String) {
        var buffer = LineBuffer(text)
        buffer.deleteBackward()
        #expect(buffer.text == left)
    }

    @Test("left arrow then backspace removes the syllable before the cursor")
    func leftThenBackspace() {
        var buffer = LineBuffer("훈민정음")
        buffer.moveLeft()
        buffer.deleteBackward()
        #expect(buffer.text == "훈민음")
        #expect(buffer.cursor == 2)
        #expect(buffer.displayColumns == (4, 6))
    }

    @Test("a typed combining mark or conjoining vowel joins the cluster before it")
    func typedMarksJoin() {
        var buffer = LineBuffer("e")
        buffer.insert("\u{301}")
        #expect(buffer.characters.count == 1)
        var jamo = LineBuffer("\u{1100}")
        jamo.insert("\u{1161}")
        #expect(jamo.characters.count == 1)
        #expect(jamo.cursor == 1)
    }

    @Test("Ctrl-K, Ctrl-U, Ctrl-W and Ctrl-Y")
    func kills() {
        var buffer = LineBuffer("아버지/NNG 가/JKS 방/NNG")
        buffer.killWordBackward()
        #expect(buffer.text == "아버지/NNG 가/JKS ")
        #expect(buffer.killed == "방/NNG")
        buffer.moveToStart()
        buffer.moveWordRight()
        buffer.killToEnd()
        #expect(buffer.text == "아버지/NNG")
        buffer.yank()
        #expect(buffer.text == "아버지/NNG 가/JKS ")
        buffer.moveWordLeft()
        buffer.killToStart()
        #expect(buffer.text == "가/JKS ")
        #expect(buffer.killed == "아버지/NNG ")
    }
}

@Suite("Progress line and colour policy")
struct ProgressAndColourTests {
    @Test("a progress line with a total shows bar, share, count, rate and time left")
    func progressWithTotal() {
        let line = ProgressBar.line(label: "import", done: 250_000, total: 1_000_000, unit: "items", seconds: 5, width: 100)
        #expect(line == "import  [#######·······················]  25% 250,000/1,000,000 items  50,000/s  0:15 left")
    }

    @Test("a narrow terminal drops the bar and cuts the line to fit")
    func progressNarrow() {
        let line = ProgressBar.line(label: "형태소 분석", done: 10, total: 100, unit: "lines", seconds: 1, width: 30)
        #expect(line.hasPrefix("형태소 분석  10% 10/100"))
        #expect(MalmoiTerminalTestsWidth.columns(line) <= 29)
    }

    @Test("NO_COLOR (non-empty) and TERM=dumb turn colour off", arguments: [
        (["TERM": "xterm-256color"], true), (["TERM": "xterm", "NO_COLOR": "1"], false),
        (["TERM": "xterm", "NO_COLOR": ""], true), (["TERM": "dumb"], false),
    ])
    func colourPolicy(environment: [String: String], allowed: Bool) {
        #expect(TerminalInfo.coloursAllowed(by: environment) == allowed)
    }
}
