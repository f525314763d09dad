import MalmoiQA
import Testing

/// Places where Swift's string semantics differ from Python's, which the official script runs on.
@Suite struct KorQuADPythonParityTests {
    @Test func canonicallyEquivalentButDifferentCodePointsAreNotAnExactMatch() {
        let nfc = "한국어"
        let nfd = "\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}\u{110B}\u{1165}"
        #expect(nfc == nfd)  // Swift equates them…
        #expect(!KorQuADMetric.exactMatch(nfd, nfc))  // …Python does not.
        #expect(KorQuADMetric.f1(nfd, nfc) == 0)
        #expect(!KorQuADMetric.exactMatch("e\u{301}", "é"))
    }

    @Test func finalSigmaIsLowercasedAsPythonDoes() {
        #expect(KorQuADMetric.normalized("ΣΑΣ") == "σας")
        #expect(KorQuADMetric.normalized("ΟΔΟΣ ΣΑΣ") == "οδος σας")
        #expect(KorQuADMetric.exactMatch("ΣΑΣ", "σας"))
    }
}
