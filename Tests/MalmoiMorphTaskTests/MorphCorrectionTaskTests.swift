import Foundation
import MalmoiAgreement
import MalmoiCore
import MalmoiMorph
import MalmoiMorphTask
import Testing

/// The `morph` task kind through the library: drafts, answers, validation, agreement and export.
@Suite struct MorphCorrectionTaskTests {
    private static let sentence = Item(id: "c01", text: "아버지가 방에 들어가신다")

    private func task() throws -> MorphCorrectionTask {
        try MorphCorrectionTask(configuration: [:], analyzer: TestDictionary.analyzer())
    }

    /// Without a dictionary: no draft, and everything else still works.
    private let bare = try! MorphCorrectionTask(configuration: [:], analyzer: nil)

    private func annotation(_ annotator: String, _ payload: JSONValue, item: String = "c01") -> Annotation {
        Annotation(id: 1, item: item, annotator: annotator, payload: payload, submittedAt: "2025-01-01T00:00:00.000Z")
    }

    // MARK: Draft and confirmation

    @Test func draftIsTheAnalyzersAnalysisWithContractionsSpelledOut() throws {
        let task = try task()
        let draft = try #require(task.draft(for: Self.sentence))
        #expect(draft.line == "아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP+ㄴ다/EC")
        #expect(task.prompt(for: Self.sentence).contains("초안: 아버지/NNG 가/JKS"))
        let stored = try #require(task.preAnnotate(Self.sentence))
        #expect(try MorphAnalysis(json: stored) == draft)
    }

    @Test(arguments: ["", "ok", "ㅐㅏ"])
    func confirmingStoresTheDraftMarkedConfirmed(_ line: String) throws {
        let task = try task()
        let payload = try task.parse(answer: line, for: Self.sentence)
        let analysis = try MorphAnalysis(json: payload)
        #expect(analysis.isConfirmed)
        #expect(analysis.isAligned)
        #expect(analysis.line == task.draft(for: Self.sentence)?.line)
        #expect(task.validate(payload, for: Self.sentence).isEmpty)
    }

    /// Drafts of the whole corpus align with their sentences and validate without errors.
    @Test func draftsOfTheCorpusValidate() throws {
        let task = try task()
        for entry in try CorrectionCorpus.load() {
            let item = Item(id: entry.id, text: entry.text)
            let payload = try #require(task.preAnnotate(item), "\(entry.id)")
            let errors = task.validate(payload, for: item).filter(\.isError)
            #expect(errors.isEmpty, "\(entry.id): \(errors)")
        }
    }

    // MARK: Corrections

    @Test func typedCorrectionIsAlignedAndValidated() throws {
        let task = try task()
        let payload = try task.parse(answer: "아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP ㄴ다/EF", for: Self.sentence)
        let analysis = try MorphAnalysis(json: payload)
        #expect(analysis.isAligned)
        #expect(!analysis.isConfirmed)
        #expect(analysis.entries.last == MorphAnalysis.Entry(form: "ㄴ다", pos: "EF", start: 11, end: 13, eojeol: 2))
        #expect(task.validate(payload, for: Self.sentence).isEmpty)
    }

    /// `신다/EP+EC`, as MeCab prints it, is spelled out from the dictionary's expression field.
    @Test func unsplitContractionIsSpelledOutFromTheDictionary() throws {
        let task = try task()
        let payload = try task.parse(answer: "아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 신다/EP+EC", for: Self.sentence)
        let analysis = try MorphAnalysis(json: payload)
        #expect(analysis.line == "아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP+ㄴ다/EC")
        #expect(analysis.isConfirmed, "the same analysis as the draft counts as confirmed")
    }

    /// Without the dictionary the unsplit form is kept, with a warning only.
    @Test func unsplitContractionWithoutDictionaryIsAWarning() throws {
        let payload = try bare.parse(answer: "아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 신다/EP+EC", for: Self.sentence)
        let findings = bare.validate(payload, for: Self.sentence)
        #expect(findings.map(\.code) == ["unsplit-contraction"])
        #expect(!findings[0].isError)
    }

    @Test(arguments: [
        ("아버지/NNG 가/JKS 방/NNX 에/JKB 들어가/VV 시/EP ㄴ다/EC", "unknown-tag", "NNX"),
        ("아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP ㄴ다/SS", "unknown-tag", "SSO (opening)"),
        ("아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/UNKNOWN 시/EP ㄴ다/EC", "unknown-tag", "placeholder"),
        ("아버지/NNG 방/NNG 에/JKB 들어가/VV 시/EP ㄴ다/EC", "spelling", "word 1 \"아버지가\""),
        ("아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP", "spelling", "word 3 \"들어가신다\""),
    ])
    func badAnswersAreErrorsNamingTheProblem(_ line: String, _ code: String, _ fragment: String) throws {
        for module in [try task(), bare] {
            let payload = try module.parse(answer: line, for: Self.sentence)
            let findings = module.validate(payload, for: Self.sentence)
            let error = try #require(findings.first { $0.isError })
            #expect(error.code == code)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func staleSpansAreRejected() throws {
        var analysis = try MorphAnalysis(json: try task().parse(answer: "", for: Self.sentence))
        analysis.entries[1].start = 2
        let findings = try task().validate(analysis.jsonValue, for: Self.sentence)
        #expect(findings.map(\.code) == ["stale-spans"])
    }

    // MARK: Without the dictionary

    @Test func withoutDictionaryThereIsNoDraftAndTheMessagesSaySo() throws {
        #expect(bare.draft(for: Self.sentence) == nil)
        #expect(bare.preAnnotate(Self.sentence) == nil)
        #expect(bare.prompt(for: Self.sentence).contains("초안 없음"))
        #expect(bare.prompt(for: Self.sentence).contains("install-mecab-ko-dic"))
        #expect {
            _ = try bare.parse(answer: "", for: Self.sentence)
        } throws: { error in
            (error as? TaskError)?.message.contains("no draft to confirm") == true
        }
        // A confirmation parsed without the item is a marker that validation cannot resolve here.
        let marker = try bare.parse(answer: "ok")
        #expect(marker == MorphCorrectionTask.confirmationMarker)
        #expect(bare.validate(marker, for: Self.sentence).map(\.code) == ["no-draft"])
    }

    @Test func storedPreAnnotationIsUsedWithoutDictionary() throws {
        let draft = try #require(try task().preAnnotate(Self.sentence))
        var item = Self.sentence
        item.preAnnotation = draft
        #expect(bare.prompt(for: item).contains("시/EP+ㄴ다/EC"))
        let payload = try bare.parse(answer: "", for: item)
        #expect(try MorphAnalysis(json: payload).isConfirmed)
    }

    @Test func configurationIsChecked() throws {
        #expect(throws: TaskError.self) { try MorphCorrectionTask(configuration: ["pre_annotate": "yes"]) }
        #expect(throws: TaskError.self) { try MorphCorrectionTask(configuration: ["dictionary": "/nonexistent/mecab-ko-dic"]) }
        let off = try MorphCorrectionTask(configuration: ["pre_annotate": false])
        #expect(off.analyzer == nil)
        #expect(off.dictionaryProblem?.contains("pre_annotate") == true)
    }

    // MARK: Item-less parsing, JSON answers

    @Test func answersParsedWithoutTheItemAreResolvedLater() throws {
        let task = try task()
        let payload = try task.parse(answer: "아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP+ㄴ다/EC")
        #expect(try !MorphAnalysis(json: payload).isAligned)
        #expect(task.validate(payload, for: Self.sentence).isEmpty)
        #expect(try task.analysis(of: payload, for: Self.sentence).isAligned)
        let confirmed = try task.analysis(of: task.parse(answer: "ok"), for: Self.sentence)
        #expect(confirmed.isConfirmed && confirmed.isAligned)
    }

    @Test func jsonAnswersTakeArraysObjectsAndLines() throws {
        let task = bare
        let fromArray = try task.parse(json: ["아버지/NNG", "가/JKS"], for: Item(id: "x", text: "아버지가"))
        let fromObject = try task.parse(json: ["morphemes": [["form": "아버지", "pos": "NNG"], ["form": "가", "pos": "JKS"]]],
                                        for: Item(id: "x", text: "아버지가"))
        let fromLine = try task.parse(json: "아버지/NNG 가/JKS", for: Item(id: "x", text: "아버지가"))
        #expect(fromArray == fromObject)
        #expect(fromObject == fromLine)
        #expect(try MorphAnalysis(json: fromLine).entries[1] == MorphAnalysis.Entry(form: "가", pos: "JKS", start: 3, end: 4, eojeol: 0))
        #expect(throws: TaskError.self) { try task.parse(json: 3) }
        #expect(throws: TaskError.self) { try task.parse(json: ["morphemes": [["form": "가"]]]) }
    }

    // MARK: Agreement

    private static let kim = "아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP+ㄴ다/EC"
    private static let park = "아버지/NNG 가/JKS 방에/NNG 들어가/VV 시/EP+ㄴ다/EC"

    @Test func morphemeF1ComparesSpanFormAndTag() throws {
        let kim = try bare.analysis(of: bare.parse(answer: Self.kim), for: Self.sentence)
        let park = try bare.analysis(of: bare.parse(answer: Self.park), for: Self.sentence)
        let scores = MorphemeAgreement.compare(kim, park)
        // kim 7 morphemes, park 6; 5 shared (방에/NNG replaces 방/NNG 에/JKB).
        #expect(scores.formTag == MorphemeAgreement.Score(matched: 5, reference: 7, candidate: 6))
        #expect(abs(scores.formTag.f1 - 10.0 / 13.0) < 1e-12)
        #expect(scores.boundary?.matched == 5)
        let retagged = try bare.analysis(of: bare.parse(answer: "아버지/NNP 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP+ㄴ다/EC"), for: Self.sentence)
        let both = MorphemeAgreement.compare(kim, retagged)
        #expect(both.formTag.matched == 6)
        #expect(both.boundary?.f1 == 1)
    }

    @Test func boundaryRecordsGiveKrippendorffsAlpha() throws {
        let annotations = [
            annotation("kim", try bare.parse(answer: Self.kim, for: Self.sentence)),
            annotation("park", try bare.parse(answer: Self.park, for: Self.sentence)),
        ]
        let records = bare.agreementRecords(for: annotations)
        // 8 gaps inside eojeols per annotator; they differ at gap 6 (방|에).
        #expect(records.count == 16)
        #expect(Set(records.map(\.task)) == [MorphCorrectionTask.boundaryTask])
        let kimLabels = records.filter { $0.annotator == "kim" }.map { "\($0.item)=\($0.label.stringValue!)" }
        #expect(kimLabels == ["c01#1=0", "c01#2=0", "c01#3=1", "c01#6=1", "c01#9=0", "c01#10=0", "c01#11=1", "c01#12=0"])
        // Nominal alpha by hand: 8 units, 2 coders; values 1 (kim 3, park 2) and 0 (kim 5, park 6), one
        // disagreeing unit. n = 16, n_1 = 5, n_0 = 11; D_o = 2/16 · 1 (one unit, two off-diagonal pairs,
        // each weighted 1/(2-1)); D_e = 2 · 5 · 11 / (16 · 15). alpha = 1 - D_o/D_e.
        let expected = 1 - (2.0 / 16.0) / (2.0 * 5.0 * 11.0 / (16.0 * 15.0))
        let summary = try AgreementScorer.report(for: records, options: AgreementOptions(level: .nominal))
        let alpha = try #require(summary.reports.first?.values[.krippendorffAlphaNominal])
        #expect(abs(alpha - expected) < 1e-9)
    }

    @Test func itemAgreementSummarizesPairs() throws {
        let annotations = [
            annotation("kim", try bare.parse(answer: Self.kim, for: Self.sentence)),
            annotation("park", try bare.parse(answer: Self.park, for: Self.sentence)),
            annotation("lee", try bare.parse(answer: Self.kim)),  // parsed without the item
        ]
        let withItem = bare.itemAgreement(for: annotations, item: Self.sentence)
        #expect(withItem.annotators == 3)
        #expect(withItem.pairs == 3)
        // Pairs: kim-park 10/13, kim-lee 1, park-lee 10/13.
        #expect(abs(withItem.formTagF1! - (10.0 / 13 * 2 + 1) / 3) < 1e-12)
        #expect(withItem.boundaryUnits == 8)
        #expect(abs(withItem.boundaryAgreement! - 22.0 / 24.0) < 1e-12)
        #expect(withItem.jsonValue["item"]?.stringValue == "c01")
        // Without the item, lee's analysis has no spans: form+tag falls back to (form, tag) pairs.
        let withoutItem = bare.itemAgreement(for: annotations)
        #expect(withoutItem.pairs == 3)
        #expect(withoutItem.boundaryF1 == 10.0 / 13.0)
    }

    @Test func taskAgreementAveragesItems() throws {
        let other = Item(id: "c02", text: "방에")
        let annotations = [
            annotation("kim", try bare.parse(answer: Self.kim, for: Self.sentence)),
            annotation("park", try bare.parse(answer: Self.park, for: Self.sentence)),
            annotation("kim", try bare.parse(answer: "방/NNG 에/JKB", for: other), item: "c02"),
            annotation("park", try bare.parse(answer: "방/NNG 에/JKB", for: other), item: "c02"),
            annotation("kim", try bare.parse(answer: "방/NNG", for: Item(id: "c03", text: "방")), item: "c03"),
        ]
        let figures = try #require(bare.taskAgreement(for: annotations))
        #expect(figures["items"] == .int(2))
        #expect(figures["pairs"] == .int(2))
        #expect(abs((figures["morpheme_f1_form_tag"]?.doubleValue ?? 0) - (10.0 / 13.0 + 1) / 2) < 1e-12)
        #expect(abs((figures["boundary_agreement"]?.doubleValue ?? 0) - (7.0 / 8.0 + 1) / 2) < 1e-12)
        #expect(bare.taskAgreement(for: Array(annotations.suffix(1))) == nil)
    }

    @Test func goldScoreIsFormTagF1() throws {
        let gold = try bare.parse(answer: Self.kim, for: Self.sentence)
        #expect(bare.goldScore(gold, gold: gold) == 1)
        let given = try bare.parse(answer: Self.park, for: Self.sentence)
        #expect(abs(bare.goldScore(given, gold: gold) - 10.0 / 13.0) < 1e-12)
    }

    // MARK: Export

    @Test func conlluOfATypedAnalysis() throws {
        let payload = try bare.parse(answer: Self.kim, for: Self.sentence)
        #expect(try bare.conllu(of: payload, for: Self.sentence) == """
            # sent_id = c01
            # text = 아버지가 방에 들어가신다
            1\t아버지가\t아버지+가\tNOUN\tNNG+JKS\t_\t_\t_\t_\t_
            2\t방에\t방+에\tNOUN\tNNG+JKB\t_\t_\t_\t_\t_
            3\t들어가신다\t들어가+시+ㄴ다\tVERB\tVV+EP+EC\t_\t_\t_\t_\t_


            """)
        #expect(throws: TaskError.self) { try bare.conllu(of: bare.parse(answer: "방/NNG"), for: Self.sentence) }
    }

    /// A confirmed draft exports the same word lines as `malmoi morph --format conllu`, except where
    /// the expression field does not spell its token (자야겠다 = 자+ㅏ야+하+겠+다 in mecab-ko-dic): the
    /// draft keeps such a token whole.
    @Test func conlluOfAConfirmedDraftMatchesMorphFormat() throws {
        let task = try task()
        let analyzer = try TestDictionary.analyzer()
        for entry in try CorrectionCorpus.load() {
            let item = Item(id: "1", text: entry.text)
            let draft = try #require(task.draft(for: item))
            if let unsplit = draft.entries.first(where: { $0.tags.count > 1 }) {
                #expect(entry.id == "c10" && unsplit.typed == "야겠다/EC+VX+EP+EF", "\(entry.id): \(unsplit.typed)")
                continue
            }
            let exported = try task.conllu(of: task.parse(answer: "", for: item), for: item)
            var text = entry.text
            let direct = text.withUTF8 { bytes in
                let lattice = Lattice()
                analyzer.build(lattice, utf8: bytes)
                var output: [UInt8] = []
                AnalysisFormat.conllu.append(line: bytes, number: 1, paths: [lattice.bestPath], lattice: lattice,
                                             analyzer: analyzer, to: &output)
                return String(decoding: output, as: UTF8.self)
            }
            #expect(exported == direct, "\(entry.id)")
        }
    }
}
