import MalmoiCore
import MalmoiMorph
import MalmoiText

/// The checks run on a submitted question–answer payload before a reviewer sees it.
///
/// ```swift
/// let validator = QAValidator(settings: QASettings(), morphemes: analyzer)
/// validator.validate(payload, for: item)   // [Finding]: errors block, warnings go to the reviewer
/// ```
/// Errors: the answer is not located or is not the passage's text at `answer_start`; spaces or
/// punctuation at either end (brackets that enclose the whole answer, as in `《토지》`, are fine); longer
/// than `answer_max_chars`; question shorter or longer than its bounds; the same question (after the
/// KorQuAD normalization, spaces removed) already asked on the passage; an unanswerable question where
/// the project allows none. Warnings: the answer ends in a particle (조사) per `MalmoiMorph`, with the
/// answer without it as the suggestion — or, without a dictionary, that this check was skipped; the
/// question does not end with a question mark; the question contains the answer; the question copies
/// the sentence that holds the answer (share of its character trigrams found there ≥ `copy_threshold`).
public struct QAValidator: Sendable {
    /// The thresholds.
    public let settings: QASettings
    private let morphemes: (any MorphemeSource)?
    private let splitter = SentenceSplitter()

    /// A validator; without `morphemes` the particle check is reported as skipped.
    public init(settings: QASettings, morphemes: (any MorphemeSource)?) {
        self.settings = settings
        self.morphemes = morphemes
    }

    /// The findings for a payload on an item (its text is the passage).
    public func validate(_ payload: JSONValue, for item: Item) -> [Finding] {
        var findings: [Finding] = []
        let question: KorQuADQuestion
        do {
            question = try KorQuADQuestion(json: payload, requiresID: false)
        } catch {
            return [Finding(.error, code: "invalid-payload", "the answer is not a QA payload: \(error)")]
        }
        let questionText = settings.mode == .write ? question.question : (item.fields["question"]?.stringValue ?? question.question)
        if settings.mode == .write { findings += checkQuestion(questionText, item: item) }
        if question.isUnanswerable {
            if !settings.allowsUnanswerable {
                findings.append(Finding(.error, code: "unanswerable-not-allowed", "this project does not take unanswerable questions; give the answer span"))
            }
            return findings
        }
        let locator = AnswerLocator(passage: item.text)
        for (index, answer) in question.answers.enumerated() {
            findings += checkAnswer(answer, raw: payload["answers"]?[index], question: questionText, locator: locator, item: item)
        }
        return findings
    }

    func checkQuestion(_ question: String, item: Item) -> [Finding] {
        var findings: [Finding] = []
        let length = question.unicodeScalars.count
        if length < settings.questionMinChars {
            findings.append(Finding(.error, code: "question-too-short", "the question has \(length) characters; write at least \(settings.questionMinChars)"))
        } else if length > settings.questionMaxChars {
            findings.append(Finding(.error, code: "question-too-long", "the question has \(length) characters; the limit is \(settings.questionMaxChars)"))
        }
        let trimmed = question.unicodeScalars.reversed().drop { $0.properties.isWhitespace }
        if let last = trimmed.first, last != "?" && last != "？" {
            findings.append(Finding(.warning, code: "question-form", "a question should end with a question mark"))
        }
        let key = Self.questionKey(question)
        for existing in Self.existingQuestions(item) where Self.questionKey(existing) == key {
            findings.append(Finding(.error, code: "duplicate-question", "this passage already has the question \"\(existing)\""))
            break
        }
        return findings
    }

    func checkAnswer(_ answer: KorQuADAnswer, raw: JSONValue?, question: String, locator: AnswerLocator, item: Item) -> [Finding] {
        var findings: [Finding] = []
        let text = answer.text
        if raw?["answer_start"] == nil {
            return [Finding(.error, code: "answer-not-located", "the answer \"\(text)\" has no answer_start; choose its occurrence in the passage")]
        }
        if !locator.holds(answer) {
            let found = locator.occurrences(of: text)
            let hint = found.isEmpty ? "it does not occur in the passage" : "it occurs at \(found.map(String.init).joined(separator: ", "))"
            return [Finding(.error, code: "answer-not-in-passage", "the answer \"\(text)\" is not the passage text at \(answer.answerStart); \(hint)")]
        }
        let scalars = Array(text.unicodeScalars)
        if let first = scalars.first, let last = scalars.last {
            if first.properties.isWhitespace || last.properties.isWhitespace {
                findings.append(Finding(.error, code: "answer-spaces", "remove the spaces at the start or end of the answer"))
            } else if (Self.isPunctuation(first) || Self.isPunctuation(last)) && !Self.isEnclosed(scalars) {
                findings.append(Finding(.error, code: "answer-punctuation", "remove the punctuation at the start or end of the answer \"\(text)\""))
            }
        }
        if scalars.count > settings.answerMaxChars {
            findings.append(Finding(.error, code: "answer-too-long", "the answer has \(scalars.count) characters; the limit is \(settings.answerMaxChars)"))
        }
        findings += checkParticle(text)
        if !question.isEmpty && question.contains(text) {
            findings.append(Finding(.warning, code: "answer-in-question", "the question already contains the answer \"\(text)\""))
        }
        if settings.mode == .write, let sentence = splitter.sentences(in: item.text).first(where: { $0.start <= answer.answerStart && answer.answerStart < $0.end }) {
            let share = Self.trigramContainment(question, in: sentence.text)
            if share >= settings.copyThreshold {
                findings.append(Finding(.warning, code: "question-copies-passage",
                                        "\(Int((share * 100).rounded()))% of the question's character trigrams are in the answer's sentence; use your own words"))
            }
        }
        return findings
    }

    /// The particle check: the last morpheme of the answer is a particle (tag `J…`).
    func checkParticle(_ text: String) -> [Finding] {
        guard let morphemes else {
            return [Finding(.warning, code: "particle-check-skipped", "the particle (조사) check was skipped: no mecab-ko-dic dictionary is installed")]
        }
        let tokens = morphemes.analyze(text)
        guard tokens.count > 1, let last = tokens.last else { return [] }
        let lastPart = last.parts.last
        guard let tag = lastPart?.pos, tag.hasPrefix("J") else { return [] }
        let cut = lastPart!.start
        let scalars = Array(text.unicodeScalars)
        guard cut > 0, cut <= scalars.count else { return [] }
        let suggestion = String(String.UnicodeScalarView(scalars[..<cut]))
        let particle = String(String.UnicodeScalarView(scalars[cut...]))
        return [Finding(.warning, code: "answer-ends-in-particle",
                        "the answer ends in the particle \"\(particle)\" (\(tag)); the span should probably be \"\(suggestion)\"")]
    }

    /// The questions already on the passage: `qas[].question` (a paragraph item) or `question`.
    static func existingQuestions(_ item: Item) -> [String] {
        var result: [String] = []
        for qa in item.fields["qas"]?.arrayValue ?? [] { if let q = qa["question"]?.stringValue { result.append(q) } }
        return result
    }

    /// A question's identity for duplicate detection: the KorQuAD normalization with spaces removed.
    public static func questionKey(_ question: String) -> String {
        String(String.UnicodeScalarView(KorQuADMetric.normalized(question).unicodeScalars.filter { $0 != " " && $0 != "?" && $0 != "？" }))
    }

    /// Share of the question's character trigrams (spaces removed) that occur in `sentence`.
    public static func trigramContainment(_ question: String, in sentence: String) -> Double {
        func trigrams(_ text: String) -> [String] {
            let scalars = Array(text.unicodeScalars.filter { !$0.properties.isWhitespace && !isPunctuation($0) })
            guard scalars.count >= 3 else { return [] }
            return (0...(scalars.count - 3)).map { String(String.UnicodeScalarView(scalars[$0..<($0 + 3)])) }
        }
        let own = trigrams(question)
        guard !own.isEmpty else { return 0 }
        let other = Set(trigrams(sentence))
        return Double(own.filter { other.contains($0) }.count) / Double(own.count)
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation: true
        default: false
        }
    }

    /// Whether the answer is wholly enclosed by a matching bracket or quote pair (`《토지》`, `"봄"`).
    static func isEnclosed(_ scalars: [Unicode.Scalar]) -> Bool {
        guard scalars.count >= 3, let first = scalars.first, let last = scalars.last else { return false }
        let pairs: [Unicode.Scalar: Unicode.Scalar] = ["《": "》", "〈": "〉", "「": "」", "『": "』", "(": ")", "[": "]",
                                                         "“": "”", "‘": "’", "\"": "\"", "'": "'", "【": "】", "<": ">"]
        guard pairs[first] == last else { return false }
        return !scalars.dropFirst().dropLast().contains { isPunctuation($0) && ($0 == first || $0 == last) }
    }
}
