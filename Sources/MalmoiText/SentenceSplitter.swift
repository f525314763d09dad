/// Splits Korean text into sentences: ICU's sentence breaks plus rules for Korean text.
///
/// ```swift
/// let splitter = SentenceSplitter()
/// splitter.split("밥을 먹었다.그리고 잠을 잤다. 그는 \"오늘은 안 간다. 내일 간다.\"라고 말했다.")
/// // ["밥을 먹었다.", "그리고 잠을 잤다.", "그는 \"오늘은 안 간다. 내일 간다.\"라고 말했다."]
/// ```
///
/// ICU (UAX #29) breaks after any `.` followed by Hangul, so it splits inside quotations, after
/// abbreviations (`U.S.`, `Dr.`) and dates (`2024.3.5.`), and it does not know `…`. The rules here:
/// - a sentence ends after `.`, `?`, `!`, `。`, `？`, `！` (and runs of them, `?!`), with closing quotes
///   and brackets attached, also with no space before the next sentence (`먹었다.그리고`);
/// - never inside a quotation or brackets that close within the paragraph;
/// - not before a quotative particle or verb after a closing quote (`."라고`, `?' 하고`);
/// - not after an abbreviation (short Latin word or one with inner dots), a number or a date
///   (`3.`, `2024.3.5.`), nor inside a number (`3.5`) or an address (`www.example.co.kr`);
/// - after an ellipsis (`...`, `…`) only when a sentence-final ending precedes it and a space follows;
/// - every line break ends a sentence; text without punctuation is never split.
///
/// Offsets are Unicode scalar offsets into the input, `[start, end)`, with surrounding spaces trimmed.
public struct SentenceSplitter: Sendable {
    /// One sentence and where it is.
    public struct Sentence: Hashable, Sendable {
        /// The sentence text, trimmed of surrounding white space.
        public var text: String
        /// Scalar offset of the first character.
        public var start: Int
        /// Scalar offset just past the last character.
        public var end: Int
    }

    /// Whether ICU's own boundaries are used as extra candidates (they are filtered by the same rules).
    public var usesICUCandidates: Bool

    /// A splitter.
    public init(usesICUCandidates: Bool = true) {
        self.usesICUCandidates = usesICUCandidates
    }

    /// The sentences of `text`, in order.
    public func split(_ text: String) -> [String] {
        sentences(in: text).map(\.text)
    }

    /// The sentences of `text` with their scalar offsets.
    public func sentences(in text: String) -> [Sentence] {
        let scalars = Array(text.unicodeScalars)
        var result: [Sentence] = []
        var lineStart = 0
        for index in 0...scalars.count where index == scalars.count || Self.isLineBreak(scalars[index]) {
            splitParagraph(scalars, lineStart..<index, into: &result)
            lineStart = index + 1
        }
        return result
    }

    private func splitParagraph(_ scalars: [Unicode.Scalar], _ range: Range<Int>, into result: inout [Sentence]) {
        guard !range.isEmpty else { return }
        let paragraph = Array(scalars[range])
        var candidates = Set(terminatorCandidates(paragraph))
        if usesICUCandidates {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: paragraph)
            if let icu = try? TextBreaks.sentenceBoundaries(in: String(view)) {
                for boundary in icu where boundary > 0 && boundary < paragraph.count { candidates.insert(boundary) }
            }
        }
        let quoted = quotedRegions(paragraph)
        var start = 0
        for candidate in candidates.sorted() where accepts(candidate, in: paragraph, quoted: quoted) {
            append(paragraph, start..<candidate, offset: range.lowerBound, into: &result)
            start = candidate
        }
        append(paragraph, start..<paragraph.count, offset: range.lowerBound, into: &result)
    }

    private func append(_ scalars: [Unicode.Scalar], _ range: Range<Int>, offset: Int, into result: inout [Sentence]) {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, Self.isSpace(scalars[lower]) { lower += 1 }
        while upper > lower, Self.isSpace(scalars[upper - 1]) { upper -= 1 }
        guard lower < upper else { return }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lower..<upper])
        result.append(Sentence(text: String(view), start: offset + lower, end: offset + upper))
    }

    /// Positions just after a terminator run (plus closing quotes and spaces) where text goes on.
    private func terminatorCandidates(_ scalars: [Unicode.Scalar]) -> [Int] {
        var candidates: [Int] = []
        var index = 0
        while index < scalars.count {
            guard Self.isTerminator(scalars[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, Self.isTerminator(scalars[end]) { end += 1 }
            while end < scalars.count, Self.isCloser(scalars[end]) { end += 1 }
            var next = end
            while next < scalars.count, Self.isSpace(scalars[next]) { next += 1 }
            if next < scalars.count { candidates.append(next) }
            index = end
        }
        return candidates
    }

    /// Ranges strictly inside matched quotes or brackets (within the paragraph).
    private func quotedRegions(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var regions: [Range<Int>] = []
        var stack: [(closer: Unicode.Scalar, position: Int)] = []
        for (index, scalar) in scalars.enumerated() {
            if let top = stack.last, scalar == top.closer,
               scalar != "'" || Self.isClosingApostrophe(scalars, index) {
                stack.removeLast()
                if stack.isEmpty { regions.append(top.position + 1..<index) }
                continue
            }
            if let closer = Self.openers[scalar] {
                if scalar == "'" && !Self.isOpeningApostrophe(scalars, index) { continue }
                if scalar == "\"" && stack.contains(where: { $0.closer == "\"" }) { continue }
                stack.append((closer, index))
            }
        }
        return regions
    }

    private func accepts(_ candidate: Int, in scalars: [Unicode.Scalar], quoted: [Range<Int>]) -> Bool {
        // Walk back over spaces and closers to the terminator run.
        var position = candidate
        while position > 0, Self.isSpace(scalars[position - 1]) { position -= 1 }
        let hadSpace = position < candidate
        let tailEnd = position
        while position > 0, Self.isCloser(scalars[position - 1]) { position -= 1 }
        let hasCloser = position < tailEnd
        let runEnd = position
        var runStart = runEnd
        while runStart > 0, Self.isTerminator(scalars[runStart - 1]) { runStart -= 1 }
        let run = Array(scalars[runStart..<runEnd])
        guard !run.isEmpty else {
            // ICU broke without a terminator: only on paragraph separators, which we split on already.
            return false
        }
        // The last terminator or closer must be outside every quotation (a closer may end one).
        if quoted.contains(where: { $0.contains(tailEnd - 1) }) { return false }

        let next = scalars[candidate]
        let isEllipsis = run.contains("…") || run.contains("⋯") || run.filter({ $0 == "." }).count >= 2
        if isEllipsis {
            return hadSpace && runStart > 0 && Self.sentenceFinalSyllables.contains(scalars[runStart - 1])
        }
        if hasCloser && Self.startsQuotative(scalars, candidate, attached: !hadSpace) { return false }
        if run.allSatisfy({ $0 == "." || $0 == "．" }) {
            let word = Self.word(before: runStart, in: scalars)
            if !word.isEmpty {
                if word.allSatisfy({ Self.isDigit($0) || $0 == "." }) { return false }   // 3. / 2024.3.5.
                if word.allSatisfy({ Self.isLatinLetter($0) || $0 == "." }),
                   word.contains(".") || word.count <= 3 { return false }               // U.S. / Dr.
            }
            if !hadSpace && !hasCloser {
                // No space after the dot: a break only when a Hangul ending meets Hangul text.
                guard runStart > 0, Hangul.isSyllable(scalars[runStart - 1]),
                      Hangul.isSyllable(next) || Self.openers[next] != nil else { return false }
            }
        } else if !hadSpace && !hasCloser {
            guard Hangul.isSyllable(next) || Self.openers[next] != nil || Self.isLatinLetter(next) else { return false }
        }
        return true
    }

    private static func startsQuotative(_ scalars: [Unicode.Scalar], _ index: Int, attached: Bool) -> Bool {
        if attached && Hangul.isSyllable(scalars[index]) { return true }
        var word = String.UnicodeScalarView()
        var position = index
        while position < scalars.count, !isSpace(scalars[position]), word.count < 3 {
            word.append(scalars[position])
            position += 1
        }
        let text = String(word)
        return quotativeStarts.contains { text.hasPrefix($0) }
    }

    private static func word(before index: Int, in scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var start = index
        while start > 0, !isSpace(scalars[start - 1]), openers[scalars[start - 1]] == nil { start -= 1 }
        return Array(scalars[start..<index])
    }

    // MARK: Character classes

    static let quotativeStarts = ["라고", "라며", "라는", "라면서", "하고", "하며", "하는", "하면서", "라 ", "란"]
    static let sentenceFinalSyllables: Set<Unicode.Scalar> = Set("다요죠까니네지군라자야냐래대데걸세오나해".unicodeScalars)
    static let openers: [Unicode.Scalar: Unicode.Scalar] = [
        "\"": "\"", "'": "'", "“": "”", "‘": "’", "「": "」", "『": "』", "(": ")", "[": "]", "{": "}",
        "《": "》", "〈": "〉", "«": "»", "（": "）", "［": "］",
    ]

    static func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "?", "!", "…", "⋯", "。", "？", "！", "．": true
        default: false
        }
    }

    static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", "”", "’", "」", "』", ")", "]", "}", "》", "〉", "»", "）", "］": true
        default: false
        }
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{2029}" || scalar == "\u{2028}"
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }

    private static func isOpeningApostrophe(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        index == 0 || isSpace(scalars[index - 1]) || openers[scalars[index - 1]] != nil
    }

    private static func isClosingApostrophe(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        !(index > 0 && isLatinLetter(scalars[index - 1]) && index + 1 < scalars.count && isLatinLetter(scalars[index + 1]))
    }
}
