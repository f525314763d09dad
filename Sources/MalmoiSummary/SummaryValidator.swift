import MalmoiCore
import MalmoiText

/// The checks run on a submitted summary before a reviewer sees it.
///
/// ```swift
/// let validator = SummaryValidator(settings: SummarySettings())
/// validator.validate(["summary": "정부가 전기차 보조금을 줄인다."], document: sentences, draft: draftText)
/// ```
/// Abstractive errors: empty; length outside `[min_chars, max_chars]`; sentence count outside
/// `[min_sentences, max_sentences]`; Hangul below `min_hangul_share` of the letters. Warnings:
/// compression (summary/document characters) outside `[min_compression, max_compression]`; the draft
/// copied back (character ROUGE-L F ≥ `draft_copy_threshold`); more than `max_copied_sentences`
/// consecutive document sentences copied word for word. Extractive errors: a sentence number out of
/// range or repeated, or not exactly `draft_sentences` sentences. Near-duplicates of the same
/// annotator's other summaries are found by the workflow through `duplicateText`.
public struct SummaryValidator: Sendable {
    /// The thresholds.
    public let settings: SummarySettings
    private let splitter = SentenceSplitter()

    /// A validator.
    public init(settings: SummarySettings) {
        self.settings = settings
    }

    /// The findings for a payload, given the document's sentences and the draft's text.
    public func validate(_ payload: JSONValue, document: [String], draft: String?) -> [Finding] {
        switch settings.mode {
        case .extractive: return validateExtractive(payload, sentenceCount: document.count)
        case .abstractive: return validateAbstractive(payload, document: document, draft: draft)
        }
    }

    func validateExtractive(_ payload: JSONValue, sentenceCount: Int) -> [Finding] {
        guard let values = payload["sentences"]?.arrayValue else {
            return [Finding(.error, code: "invalid-payload", "an extractive summary is {\"sentences\": [indices]}")]
        }
        var findings: [Finding] = []
        var seen: Set<Int> = []
        for value in values {
            guard let index = value.intValue, index >= 0, index < sentenceCount else {
                findings.append(Finding(.error, code: "sentence-out-of-range", "sentence \(value.serialized()) is not one of the document's 0…\(sentenceCount - 1)"))
                continue
            }
            if !seen.insert(index).inserted {
                findings.append(Finding(.error, code: "sentence-repeated", "sentence \(index + 1) is chosen twice"))
            }
        }
        let wanted = min(settings.draftSentences, sentenceCount)
        if seen.count != wanted {
            findings.append(Finding(.error, code: "sentence-count", "choose exactly \(wanted) sentences (got \(seen.count))"))
        }
        return findings
    }

    func validateAbstractive(_ payload: JSONValue, document: [String], draft: String?) -> [Finding] {
        guard let summary = payload["summary"]?.stringValue else {
            return [Finding(.error, code: "invalid-payload", "an abstractive summary is {\"summary\": \"...\"}")]
        }
        let letters = summary.unicodeScalars.filter { !$0.properties.isWhitespace }.count
        guard letters > 0 else { return [Finding(.error, code: "empty-summary", "the summary is empty")] }
        var findings: [Finding] = []
        let length = summary.unicodeScalars.count
        if length < settings.minChars {
            findings.append(Finding(.error, code: "summary-too-short", "the summary has \(length) characters; write at least \(settings.minChars)"))
        } else if length > settings.maxChars {
            findings.append(Finding(.error, code: "summary-too-long", "the summary has \(length) characters; the limit is \(settings.maxChars)"))
        }
        let sentences = splitter.split(summary)
        if sentences.count < settings.minSentences || sentences.count > settings.maxSentences {
            findings.append(Finding(.error, code: "sentence-count",
                                    "the summary has \(sentences.count) sentence(s); write \(settings.minSentences)–\(settings.maxSentences)"))
        }
        let share = Self.hangulShare(summary)
        if share < settings.minHangulShare {
            findings.append(Finding(.error, code: "not-hangul", "only \(Int((share * 100).rounded()))% of the letters are Hangul; write the summary in Korean"))
        }
        let documentLength = document.reduce(0) { $0 + $1.unicodeScalars.count }
        if documentLength > 0 {
            let ratio = Double(length) / Double(documentLength)
            if ratio < settings.minCompression || ratio > settings.maxCompression {
                findings.append(Finding(.warning, code: "compression",
                                        "the summary is \(Int((ratio * 100).rounded()))% of the document's length; aim for \(Int(settings.minCompression * 100))–\(Int(settings.maxCompression * 100))%"))
            }
        }
        if let draft, !draft.isEmpty {
            var scorer = RougeScorer(tokenizer: RougeTokenizer(.char), sentenceMode: .newlines)
            let score = scorer.score(reference: draft, candidate: summary).rougeL.fmeasure
            if score >= settings.draftCopyThreshold {
                findings.append(Finding(.warning, code: "copies-draft",
                                        "the summary is the machine draft copied back (character ROUGE-L F \(Int((score * 100).rounded()))%); rewrite it in your own words"))
            }
        }
        let run = Self.longestCopiedRun(sentences, document: document)
        if run > settings.maxCopiedSentences {
            findings.append(Finding(.warning, code: "copies-sentences", "the summary copies \(run) consecutive sentences of the document word for word"))
        }
        return findings
    }

    /// Share of Hangul among letters (`L*` scalars); 1 for a text without letters.
    public static func hangulShare(_ text: String) -> Double {
        var letters = 0
        var hangul = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            letters += 1
            switch scalar.value {
            case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xD7B0...0xD7FF: hangul += 1
            default: break
            }
        }
        return letters == 0 ? 1 : Double(hangul) / Double(letters)
    }

    /// The longest run of summary sentences that equal consecutive document sentences (spaces ignored).
    static func longestCopiedRun(_ summary: [String], document: [String]) -> Int {
        func key(_ text: String) -> String { String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace })) }
        let source = document.map(key)
        var positions: [String: [Int]] = [:]
        for (index, sentence) in source.enumerated() { positions[sentence, default: []].append(index) }
        let own = summary.map(key)
        var best = 0
        for start in own.indices {
            for position in positions[own[start]] ?? [] {
                var length = 0
                while start + length < own.count, position + length < source.count, own[start + length] == source[position + length] { length += 1 }
                best = max(best, length)
            }
        }
        return best
    }
}
