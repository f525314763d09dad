import Foundation
import MalmoiCore
import Testing
@testable import MalmoiAbuse

/// The `abuse scan` stream's shortcuts against the plain path they replace: the quick UTF-8 check
/// against the reader's full one, a line scanned from its bytes against `canonicalize` of its String,
/// and the JSON written from the bytes against the result's `json` value. The texts are the project's
/// corpora and variants of them written here (quotes, backslashes, tabs, byte order marks, NFD).
struct StreamFastPathTests {
    private static func corpusTexts() throws -> [String] {
        var texts: [String] = []
        for name in ["Corpora/abuse/clean.jsonl", "Corpora/abuse/messages.jsonl"] {
            let path = AbuseFixtures.repository.appendingPathComponent(name).path
            for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
                if let text = try JSONValue.parse(String(line)).objectValue?["text"]?.stringValue { texts.append(text) }
            }
        }
        var variants: [String] = []
        for text in texts {
            variants += [text, text.decomposedStringWithCanonicalMapping, "\u{FEFF}" + text, text + " \"인용\" \\ 탭\t끝"]
        }
        return variants + ["", " ", "ㅋㅋㅋ", "아 ㅅ8 진짜", "씨발", "시발점 수박씨", "ㅅㅣㅂㅏㄹ 새1끼", "병1신 10여 척", "「씨발」 😂"]
    }

    @Test func quickUTF8CheckNeverAcceptsWhatTheReaderRejects() {
        let samples: [[UInt8]] = [
            [0xED, 0xA0, 0x80], [0xE0, 0x80, 0x80], [0xC0, 0x80], [0xC1, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xEA, 0xB0], [0xEA, 0xB0, 0x41], [0x80], [0xFF], Array("하늘 ㅋㅋ é 😂".utf8), Array("힣".utf8),
        ]
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        var generated = samples
        for _ in 0..<50_000 {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + Int(seed % 9)) {
                seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17  // xorshift: a fixed sequence
                // Mostly lead and continuation bytes of the ranges that matter.
                let pick = [0x41, 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xE1, 0xEA, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xFF]
                bytes.append(UInt8(pick[Int(seed % UInt64(pick.count))]))
            }
            generated.append(bytes)
        }
        var accepted = 0
        for bytes in generated {
            bytes.withUnsafeBufferPointer { buffer in
                if AbuseScanner.isValidUTF8Quickly(buffer) {
                    accepted += 1
                    #expect(firstInvalidUTF8(buffer) == nil, "\(bytes.map { String($0, radix: 16) })")
                }
            }
        }
        #expect(accepted > 100)
        for text in ["하늘 ㅋㅋ é", "힣 퀀 한국어", "Ａ①"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer(AbuseScanner.isValidUTF8Quickly))
        }
    }

    @Test(arguments: [false, true])
    func lineScannedFromBytesMatchesCanonicalize(explaining: Bool) throws {
        let canonicalizer = AbuseFixtures.canonicalizer
        for text in try Self.corpusTexts() {
            let expected = canonicalizer.canonicalize(text, explaining: explaining)
            let line = Array(text.utf8).withUnsafeBufferPointer { canonicalizer.scanLine(utf8: $0, explaining: explaining) }
            #expect(line.hits == expected.hits, "\(text)")
            #expect(line.decisions == expected.decisions, "\(text)")
            #expect((line.text ?? text) == expected.text, "\(text)")
        }
    }

    @Test(arguments: [false, true])
    func jsonWrittenFromBytesMatchesTheJSONValue(explaining: Bool) throws {
        var plainLines = 0
        for text in try Self.corpusTexts() {
            let result = AbuseFixtures.scanner.scan(text, explaining: explaining)
            let expected = Array(result.json.serialized().utf8)
            var written: [UInt8] = []
            result.appendJSON(to: &written)
            #expect(written == expected, "\(text)")
            let line = Array(text.utf8).withUnsafeBufferPointer { AbuseFixtures.canonicalizer.scanLine(utf8: $0, explaining: explaining) }
            if line.text == nil {
                plainLines += 1
                var fromBytes: [UInt8] = []
                let stream = ScanResult(flagged: !line.hits.isEmpty, canonical: "", hits: line.hits, decisions: line.decisions)
                Array(text.utf8).withUnsafeBufferPointer { stream.appendJSON(to: &fromBytes, canonicalUTF8: $0) }
                #expect(fromBytes == expected, "\(text)")
            }
        }
        #expect(plainLines > 400)
    }

    @Test(arguments: [0, 7, 10, 99, 100, 12_345, -1, -10, Int.max, Int.min])
    func decimalsAreWrittenAsStringDoes(value: Int) {
        var bytes: [UInt8] = []
        ScanResult.appendDecimal(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == String(value))
    }
}
