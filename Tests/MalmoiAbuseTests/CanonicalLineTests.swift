import Foundation
@testable import MalmoiAbuse
import MalmoiCore
import Testing

/// ``Canonicalizer/canonicalLine(utf8:)``, the lean path the feature extractor takes, gives exactly the
/// canonical text and hits of ``Canonicalizer/canonicalize(_:explaining:)`` (so models predict the same).
@Suite struct CanonicalLineTests {
    static let canonicalizer = AbuseFixtures.canonicalizer

    /// The differences between the two paths for `text` (empty when they agree).
    static func differences(_ text: String) -> [String] {
        var text = text
        text.makeContiguousUTF8()
        let expected = canonicalizer.canonicalize(text)
        let line = text.utf8.withContiguousStorageIfAvailable { canonicalizer.canonicalLine(utf8: $0) }!
        var found: [String] = []
        if line.scalars != expected.text.unicodeScalars.map(\.value) {
            found.append("text \(line.text.debugDescription) != \(expected.text.debugDescription) for \(text.debugDescription)")
        }
        if line.text != expected.text { found.append("String of \(text.debugDescription)") }
        if line.isUnchanged && expected.text != text { found.append("marked unchanged: \(text.debugDescription)") }
        if line.hits != expected.hits { found.append("hits \(line.hits) != \(expected.hits) for \(text.debugDescription)") }
        return found
    }

    /// One disguise per evasion technique, and the characters the safe layer folds or drops.
    @Test(arguments: [
        "", " ", "ㅅ ㅂ 오늘 또 야근이네", "저 새1끼 또 거짓말한다", "ㅈ같은 날씨 진짜", "조오오온나 웃기네 ㅋㅋㅋ",
        "tlqkf 이게 말이 되냐", "ssibal 뭐냐", "ㅈ1랄 좀 그만해라", "🐶🐷 취급하는 정치인들", "시발점으로 돌아가서",
        "수박씨 발라 먹는 게 제일 귀찮아", "딸내미 친구 생일", "18세 이상 관람가", "시즌2 언제 나와요?", "씨\u{200B}발",
        "ｓｓｉｂａｌ ｔｌｑｋｆ", "ㅆㅣㅂㅏㄹ", "새ㄲㅣ야", "병 신 같은 소리", "ㅂㅅ아", "개.새.끼", "시*발", "씨□발",
        "\u{1109}\u{1175}\u{1107}\u{1161}\u{11AF} NFD", "\u{3145}\u{3142} ㉦㉥ ㉯", "ｼ발 ﾠ", "좋아요 👍🏻 👨\u{200D}👩\u{200D}👧",
        "한자 漢字 西八 섞인 문장", "ㄱㅏㄳㅏ", "ㅅㅣㅄㅣ발", "시ㅂㅏㄺㅗ", "씨\u{00AD}발\u{FEFF}", "Ⓢⓘⓑⓐⓛ",
        "I was 18 when 시1발", "3.5 10:30 5kg 2018년", "\t씨발\r\n", "ㅋㅋㅋㅋ ㅠㅠ ㄷㄷ", "dkssud 하세요", "gksrmf",
        "시발 시발 시발 개새끼", "ㅅ1ㅂ", "씨 발 놈", "병1신", "느금마", "엠창", "니애미", "\u{0}\u{1F}제어 문자",
    ])
    func matchesCanonicalizeOnWrittenCases(text: String) {
        #expect(Self.differences(text) == [])
    }

    /// Every line of the project's corpora and guideline files (JSON lines as written, escapes included).
    @Test func matchesCanonicalizeOnCorpusLines() throws {
        var checked = 0
        var failures: [String] = []
        for folder in ["Corpora", "Guidelines"] {
            let root = AbuseFixtures.repository.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let file = files?.nextObject() as? URL {
                guard ["jsonl", "json", "txt", "tsv", "csv", "mecab", "md"].contains(file.pathExtension),
                      let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    failures += Self.differences(String(line))
                    checked += 1
                }
            }
        }
        #expect(failures.prefix(10) == [])
        #expect(checked > 1_000)
    }

    /// Disguised variants of every lexicon word, a few per evasion technique (the generator's own seeds).
    @Test func matchesCanonicalizeOnGeneratedVariants() throws {
        let generator = try VariantGenerator.standard()
        var checked = 0
        var failures: [String] = []
        for (index, entry) in Self.canonicalizer.lexicon.entries.enumerated() {
            for template in ["\(entry.stem)", "진짜 \(entry.stem) 같네", "\(entry.canonical)아 뭐하냐 ㅋㅋ"] {
                failures += Self.differences(template)
                for technique in EvasionTechnique.allCases {
                    guard let variants = try? generator.variants(of: template, technique: technique, seed: UInt64(index), count: 2)
                    else { continue }
                    for variant in variants {
                        failures += Self.differences(variant.text)
                        checked += 1
                    }
                }
            }
        }
        #expect(failures.prefix(10) == [])
        #expect(checked > 1_000)
    }

    /// Random strings from the seeded generator over the characters each step reads: syllables, jamo
    /// (compatibility, conjoining, half-width, circled), Latin, digits, look-alikes, placeholders,
    /// invisible and wide characters, emoji, Hanja, spaces and controls, and lexicon words among them.
    @Test func matchesCanonicalizeOnSeededRandomText() {
        var pieces: [String] = ["씨발", "새끼", "병신", "존나", "지랄", "개", "시", "발", "놈", "년", "아", "오", "요", "진짜"]
        let ranges: [ClosedRange<UInt32>] = [
            0xAC00...0xD7A3, 0x3131...0x318E, 0x1100...0x1112, 0x1161...0x1175, 0x11A8...0x11C2, 0xFFA0...0xFFDC,
            0x3200...0x321B, 0x3260...0x327B, 0x24B6...0x24E9, 0xFF01...0xFF5E, 0x20...0x7E, 0x4E00...0x4E80,
            0x1F400...0x1F64F, 0x2000...0x200F,
        ]
        let singles: [UInt32] = [0x09, 0x0A, 0x0D, 0xA0, 0x3000, 0x200D, 0xFE0F, 0xFEFF, 0x00AD, 0x034F, 0x3164, 0x115F,
                                 0x1160, 0x25A1, 0x2764, 0x1F595, 0x00E9, 0x0301, 0x7F, 0x01]
        var random = SplitMix64(seed: 0x6361_6E6F_6E)
        var failures: [String] = []
        for _ in 0..<4_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<(1 + random.index(below: 14)) {
                switch random.index(below: 6) {
                case 0:
                    scalars.append(contentsOf: pieces[random.index(below: pieces.count)].unicodeScalars)
                case 1:
                    scalars.append(Unicode.Scalar(singles[random.index(below: singles.count)])!)
                case 2:
                    scalars.append(" ")
                default:
                    let range = ranges[random.index(below: ranges.count)]
                    let value = range.lowerBound + UInt32(random.index(below: Int(range.upperBound - range.lowerBound) + 1))
                    if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
                }
            }
            let text = String(scalars)
            failures += Self.differences(text)
            if failures.count > 10 { break }
            if random.index(below: 50) == 0 { pieces.append(text) }
        }
        #expect(failures == [])
    }

    /// Invalid UTF-8 read as a reader repairs it (replacement characters), then canonicalized.
    @Test func matchesCanonicalizeOnRepairedBytes() {
        var random = SplitMix64(seed: 23)
        let seeds = Array("ㅅ1ㅂ 새ㄲㅣ 씨발 ssibal 🐶".utf8)
        var failures: [String] = []
        for _ in 0..<2_000 {
            var bytes = seeds
            for _ in 0..<(1 + random.index(below: 6)) {
                let position = random.index(below: bytes.count)
                bytes[position] = UInt8(truncatingIfNeeded: random.next())
            }
            failures += Self.differences(String(decoding: bytes, as: UTF8.self))
        }
        #expect(failures.prefix(10) == [])
    }

    /// The shared development halves (when present): abuse, curse and evasion comments.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedAbusePath + "/kmhas_dev.jsonl"),
                   "skipped: ../shared/data/abuse is not present"))
    func matchesCanonicalizeOnSharedLines() throws {
        var checked = 0
        var failures: [String] = []
        for name in ["kmhas_dev.jsonl", "curse_dev.jsonl", "evasion_dev.jsonl"] {
            guard let text = try? String(contentsOfFile: sharedAbusePath + "/" + name, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                guard let data = line.data(using: .utf8),
                      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let value = object["text"] as? String else { continue }
                failures += Self.differences(value)
                checked += 1
            }
        }
        #expect(failures.prefix(10) == [])
        #expect(checked > 1_000)
    }
}

/// `../shared/data/abuse` beside the repository.
private let sharedAbusePath = AbuseFixtures.repository.deletingLastPathComponent()
    .appendingPathComponent("shared/data/abuse").standardizedFileURL.path
