import Testing
@testable import MalmoiAbuse

/// Every technique undone (text → canonical word, with the technique reported), innocent look-alikes
/// left alone, and offsets that map back to the original exactly. The messages are written for these
/// tests.
struct CanonicalizerTests {
    @Test(arguments: [
        ("시발 진짜", "씨발", EvasionTechnique.phoneticRespelling),
        ("새퀴들 뭐하냐", "새끼", .phoneticRespelling),
        ("ㅅㅂ 왜 이래", "씨발", .choseongAbbreviation),
        ("ㅄ 같은 소리", "병신", .choseongAbbreviation),
        ("ㅋㅋㅋㅈㄹ하네", "지랄", .choseongAbbreviation),
        ("저 미 친놈", "미친", .spacing),
        ("지 랄 하지 마", "지랄", .spacing),
        ("ㅈ같은 날씨", "좆같다", .partialJamo),
        ("존ㄴ 덥다", "존나", .partialJamo),
        ("씨1발 뭐야", "씨발", .insertion),
        ("병.신아", "병신", .insertion),
        ("지@@랄 났네", "지랄", .insertion),
        ("ㅅㅣㅂㅏㄹ 진짜", "씨발", .jamoDecomposition),
        ("ㅅ ㅐ ㄲ ㅣ 야", "새끼", .jamoDecomposition),
        ("씨이이발 덥네", "씨발", .elongation),
        ("조오온나 춥다", "존나", .elongation),
        ("아18 진짜", "씨발", .digitHomophone),
        ("아 ㅅ8 뭐냐", "씨발", .digitHomophone),
        ("x발 또 졌네", "씨발", .masking),
        ("새X들 시끄럽네", "새끼", .masking),
        ("시끄러 ㅗㅗ", "ㅗ", .gesturePictogram),
        ("이거나 먹어 凸", "ㅗ", .gesturePictogram),
        ("🐶🐷 취급하네", "개돼지", .emojiRebus),
        ("🐕🐦🐇 같으니", "개새끼", .emojiRebus),
        ("ㅈ1랄 좀 그만", "지랄", .lookalike),
        ("새ㄲI 진짜", "새끼", .lookalike),
        ("C발 꺼져라", "씨발", .latinPhonetic),
        ("G랄을 한다", "지랄", .latinPhonetic),
        ("what the fuck", "fuck", .codeSwitch),
        ("이 빗치야", "bitch", .codeSwitch),
        ("ssibal 뭐야", "씨발", .romanization),
        ("완전 jiral 이네", "지랄", .romanization),
        ("개世들아", "개새끼", .hanjaSubstitution),
        ("한남蟲 타령", "한남충", .hanjaSubstitution),
        ("야 이 십장생 아", "씨발", .camouflagePun),
        ("tlqkf 뭐야", "씨발", .keyboard2Set),
        ("wlfkf 하네", "지랄", .keyboard2Set),
        ("씨\u{200B}발 덥다", "씨발", .invisibleOrWidth),
        ("\u{FFB5}\u{FFC3}\u{FFA2}\u{FFDC} 뭐야", "새끼", .invisibleOrWidth),
        ("발씨 뭐야", "씨발", .syllableReorder),
    ])
    func aDisguisedWordIsFoundWithItsTechnique(text: String, canonical: String, technique: EvasionTechnique) {
        let hits = AbuseFixtures.scanner.scan(text).hits
        let hit = hits.first { $0.canonical == canonical }
        #expect(hit != nil, "\(text): \(hits.map(\.canonical))")
        #expect(hit?.techniques.contains(technique) == true, "\(text): \(hit?.techniques ?? [])")
    }

    @Test(arguments: [
        ("ㅅ ㅂ 진짜 새1끼", "씨발 진짜 새끼"),
        ("ㅈ같네", "좆같네"),
        ("조오오온나 웃기네", "존나 웃기네"),
        ("tlqkf", "씨발"),
        ("dkssudgktpdy", "안녕하세요"),
        ("ㅎㅏㄴㄱㅡㄹ", "한글"),
        ("ｓｉｂａｌ", "씨발"),
        ("\u{1109}\u{1107} 뭐야", "씨발 뭐야"),
    ])
    func theCanonicalTextUndoesTheDisguise(text: String, expected: String) {
        #expect(AbuseFixtures.canonicalizer.canonicalize(text).text == expected)
    }

    @Test(arguments: [
        "시발점에서 다시 시작하자", "수박씨 발라 먹어", "어미 친구가 왔어", "딸내미 친구 생일", "18세 이상 관람가",
        "시즌2 언제 나와", "10년 전 일이다", "2018년에 갔었지", "신발 사러 가자", "ㄱㅅ합니다", "ㅇㅈ 인정",
        "강아지 새끼 귀엽다", "새끼손가락 걸고 약속", "시바견 너무 귀여워", "오늘 18:30에 만나", "3.18 기념일",
        "the banana is good", "hello world", "ㅗㅜㅑ 대박", "가방을 뒤져 봤다", "불이 꺼져 있었다", "ㅋㅋㅋㅋ ㅎㅎ",
        "점수 18 점", "18 살 때", "정말 재미친구들이랑", "그건 씹어 먹어야지",
    ])
    func innocentTextIsNotFlagged(text: String) {
        let result = AbuseFixtures.scanner.scan(text)
        #expect(!result.flagged, "\(text): \(result.hits.map { "\($0.surface)→\($0.canonical)" })")
        #expect(result.canonical == text)
    }

    @Test(arguments: ["ㅋㅋ ㅅ ㅂ 이게 뭐야 ㅈ1랄 🐶새끼", "아\u{200B}18 진짜 x발 ㅅㅣ 바 ㄹ", "ﾡﾂ ｓｉｂａｌ 조오온나 병.신", "🏳️‍🌈 씨이발 ㅂ ㅅ"])
    func offsetsMapBackToTheOriginalExactly(text: String) {
        let result = AbuseFixtures.canonicalizer.canonicalize(text)
        let originalCount = text.unicodeScalars.count
        #expect(!result.hits.isEmpty)
        for hit in result.hits {
            #expect(hit.start < hit.end && hit.end <= originalCount)
            #expect(AbuseFixtures.scalars(text, hit.start, hit.end) == hit.surface)
        }
        // Source ranges are ordered and inside the original.
        var previous = 0
        for range in result.sourceRanges {
            #expect(range.lowerBound >= previous || range.lowerBound == result.sourceRanges.first { $0.upperBound > range.lowerBound }?.lowerBound)
            #expect(range.upperBound <= originalCount)
            previous = range.lowerBound
        }
        for change in result.transformations {
            #expect(AbuseFixtures.scalars(text, change.originalRange.lowerBound, change.originalRange.upperBound) == change.original)
            #expect(AbuseFixtures.scalars(result.text, change.canonicalRange.lowerBound, change.canonicalRange.upperBound) == change.replacement)
        }
        // A hit's canonical span maps back to the hit's span.
        for change in result.transformations where change.technique != nil && !change.canonicalRange.isEmpty {
            #expect(result.originalRange(ofCanonical: change.canonicalRange) == change.originalRange)
        }
    }

    @Test func unchangedTextKeepsTheIdentityMap() {
        let text = "그냥 평범한 문장이다"
        let result = AbuseFixtures.canonicalizer.canonicalize(text)
        #expect(result.text == text)
        #expect(result.sourceRanges == (0..<text.unicodeScalars.count).map { $0..<($0 + 1) })
        #expect(result.transformations.isEmpty)
    }

    @Test func everyStepCanBeSwitchedOff() {
        let plain = Canonicalizer(lexicon: AbuseFixtures.lexicon, steps: [.lexicon])
        #expect(plain.canonicalize("씨1발").hits.isEmpty)
        #expect(plain.canonicalize("ㅅㅂ").hits.first?.canonical == "씨발")
        let noKeyboard = Canonicalizer(lexicon: AbuseFixtures.lexicon, steps: CanonicalizationSteps.all.subtracting(.keyboard))
        #expect(noKeyboard.canonicalize("tlqkf").text == "tlqkf")
        let nothing = Canonicalizer(lexicon: AbuseFixtures.lexicon, steps: [])
        #expect(nothing.canonicalize("ㅅㅂ ｓ").text == "ㅅㅂ ｓ")
        #expect(throws: AbuseError.self) { try CanonicalizationSteps(parsing: "width,teleport") }
        #expect((try? CanonicalizationSteps(parsing: "all")) == .all)
    }

    @Test func theNFKCPitfallIsAvoided() {
        // Conjoining initials (what NFKC makes of ㅅㅂ) and halfwidth jamo fold to compatibility jamo.
        let result = AbuseFixtures.scanner.scan("\u{1109}\u{1107} \u{FFB5}\u{FFB2}")
        #expect(result.canonical == "씨발 씨발")
        #expect(result.hits.count == 2)
    }

    @Test func theScanJSONHasTheDocumentedShape() {
        let json = AbuseFixtures.scanner.scan("아 ㅅ8").json.serialized()
        #expect(json == #"{"flagged":true,"score":0.9,"canonical":"아 씨발","hits":[{"start":2,"end":4,"surface":"ㅅ8","canonical":"씨발","category":"profanity","severity":2,"techniques":["partial_jamo","digit_homophone"],"score":0.9}]}"#)
    }
}
