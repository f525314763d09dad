import Foundation
import MalmoiAbuse
@testable import MalmoiModel
import Testing

/// The canonical-line check that lets the feature extractor skip the canonicalizer: a line it passes
/// must canonicalize to itself with no hits and no transformations.
@Suite struct CanonicalLineCheckTests {
    static let canonicalizer = try! Canonicalizer.standard()
    static let check = CanonicalLineCheck(canonicalizer)

    /// Lines written for this test: plain ones, ones with plainly spelled and disguised abuse, and ones
    /// with digits, Latin letters, jamo, full-width or invisible characters.
    static let lines = [
        "오늘 날씨 정말 좋네요.", "배송이 빨라서 만족합니다!", "이 영화 진짜 재밌었어요 ㅎㅎ", "",
        "씨발 진짜 짜증나", "ㅅㅂ 왜 이래", "시1발 뭐하냐", "개새끼 같은 놈", "병 신 같은 소리",
        "조오오온나 웃기네", "좆같네 진짜", "미친놈아 꺼져", "ssibal 뭐냐", "tlqkf 진짜",
        "3월 2일에 만나요", "18세 이상 관람가", "시즌2 언제 나와요?", "가격은 1,000원입니다",
        "ｓｓｉｂａｌ", "씨\u{200B}발", "새ㄲㅣ야", "ㅂㅅ아", "좋아요 👍", "한자 漢字 섞인 문장",
        "무슨 말인지 모르겠네요...", "그래서 어쩌라고?!", "아 진짜 너무하네", "(괄호) [대괄호] {중괄호}",
        "줄 끝에\t탭", "개 같은 날씨", "미친 듯이 좋아요", "존나 맛있다", "지랄하네",
    ]

    @Test func passedLinesCanonicalizeToThemselves() throws {
        var lines = Self.lines
        // The project's clean comments (Corpora/abuse/clean.jsonl), when present.
        let clean = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Corpora/abuse/clean.jsonl").standardizedFileURL.path
        if let text = try? String(contentsOfFile: clean, encoding: .utf8) {
            for line in text.split(separator: "\n") {
                if let data = line.data(using: .utf8),
                   let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                   let value = object["text"] as? String {
                    lines.append(value)
                }
            }
        }
        var passed = 0
        for line in lines where Self.check.isIdentity(line) {
            passed += 1
            let result = Self.canonicalizer.canonicalize(line)
            #expect(result.text == line, "\(line)")
            #expect(result.hits.isEmpty, "\(line)")
            #expect(result.transformations.isEmpty, "\(line)")
        }
        #expect(passed >= 10)
    }

    /// The features of every line are the same with the check as without it (so existing models
    /// predict the same).
    @Test func featuresAreUnchanged() throws {
        let groups: FeatureGroups = [.characters, .words, .lexicon, .wordBigrams, .rawCharacters, .lexiconScores, .jamo]
        let checked = try FeatureExtractor(groups: groups, hashBits: 20, seed: 1, canonicalizer: Self.canonicalizer)
        var unchecked = checked
        unchecked.lineCheck = nil
        #expect(checked.lineCheck != nil)
        for line in Self.lines {
            #expect(checked.buckets(of: line) == unchecked.buckets(of: line), "\(line)")
        }
    }

    @Test func plainLinesPassAndDisguisedOnesDoNot() {
        #expect(Self.check.isIdentity("오늘 날씨 정말 좋네요."))
        #expect(Self.check.isIdentity("오늘 날씨 정말 좋네요"))
        #expect(Self.check.isIdentity(""))
        // A plainly spelled word of the lexicon is a hit, so the canonicalizer must run.
        for line in ["씨발 진짜 짜증나", "ㅅㅂ 왜 이래", "시1발 뭐하냐", "ssibal 뭐냐", "씨\u{200B}발", "ｓｓｉｂａｌ",
                     "3월 2일에 만나요", "새ㄲㅣ야", "조오오온나 웃기네"] {
            #expect(!Self.check.isIdentity(line), "\(line)")
        }
    }

    /// On the shared development halves (when present), every passed line is its own canonical form.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedAbuse + "/kmhas_dev.jsonl"),
                   "skipped: ../shared/data/abuse is not present"))
    func sharedLinesAgree() throws {
        var checked = 0
        var passed = 0
        for name in ["kmhas_dev.jsonl", "curse_dev.jsonl", "evasion_dev.jsonl"] {
            guard let text = try? String(contentsOfFile: sharedAbuse + "/" + name, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").prefix(3000) {
                guard let data = line.data(using: .utf8),
                      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let value = object["text"] as? String else { continue }
                checked += 1
                guard Self.check.isIdentity(value) else { continue }
                passed += 1
                let result = Self.canonicalizer.canonicalize(value)
                #expect(result.text == value && result.hits.isEmpty && result.transformations.isEmpty, "\(value)")
            }
        }
        print("canonical-line check: \(passed) of \(checked) shared lines passed")
        #expect(passed > 0)
    }
}

/// ../shared/data/abuse, relative to the repository.
private let sharedAbuse = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../shared/data/abuse").standardizedFileURL.path
