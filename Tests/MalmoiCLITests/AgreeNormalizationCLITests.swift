import Foundation
import MalmoiCore
import Testing

/// `malmoi agree --normalize`: the shared input-normalization step applied to labels. Decomposed Hangul
/// (NFD) labels are the same labels as their NFC spelling; full-width Latin labels (`ＰＯＳ`) are the
/// ASCII ones only under `--normalize nfkc`.
struct AgreeNormalizationCLITests {
    static func records(_ spell: (String) -> String, labels: [String]) -> String {
        labels.enumerated().flatMap { index, label in
            [#"{"item":"i\#(index)","annotator":"a","label":"\#(label)"}"#,
             #"{"item":"i\#(index)","annotator":"b","label":"\#(spell(label))"}"#]
        }.joined(separator: "\n") + "\n"
    }

    static let hangul = records({ $0.decomposedStringWithCanonicalMapping }, labels: ["긍정", "부정", "긍정", "중립"])
    static let fullWidth = records({ String(String.UnicodeScalarView($0.unicodeScalars.map { Unicode.Scalar($0.value + 0xFEE0)! })) },
                                   labels: ["POS", "NEG", "POS", "NEU"])

    func percentAgreement(_ input: String, _ arguments: [String]) throws -> Double {
        let result = try MalmoiProcess.run(["agree", "--format", "json", "--metric", "percent_agreement"] + arguments, input: input)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONValue.parse(result.stdout.split(separator: "\n").first.map(String.init) ?? "")
        return try #require(object["metrics"]?["percent_agreement"]?.doubleValue, "\(result.stdout)")
    }

    @Test("NFD labels equal their NFC spelling")
    func nfdLabelsAgree() throws {
        #expect(try percentAgreement(Self.hangul, []) == 1)
        #expect(try percentAgreement(Self.hangul, ["--normalize", "nfkc"]) == 1)
    }

    @Test("full-width labels are the ASCII labels under --normalize nfkc, not under the default nfc")
    func fullWidthLabelsNeedNFKC() throws {
        #expect(try percentAgreement(Self.fullWidth, []) == 0)
        #expect(try percentAgreement(Self.fullWidth, ["--normalize", "none"]) == 0)
        #expect(try percentAgreement(Self.fullWidth, ["--normalize", "nfkc"]) == 1)
    }
}
