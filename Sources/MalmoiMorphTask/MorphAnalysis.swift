import MalmoiMorph
import MalmoiCore

/// An annotator's morpheme analysis of one sentence: the payload of the morpheme correction task.
///
/// ```swift
/// let analysis = try MorphAnswerParser.parse("아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP+ㄴ다/EC")!
/// let aligned = try MorphAligner.align(analysis, to: "아버지가 방에 들어가신다").get()
/// aligned.line          // "아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP+ㄴ다/EC"
/// aligned.jsonValue     // {"morphemes":[{"form":"아버지","pos":"NNG","start":0,"end":3,"eojeol":0},…]}
/// ```
/// Payload JSON: `{"morphemes": [{"form", "pos", "start", "end", "eojeol"}], "confirmed": true?}`.
/// `form` is NFC with bare endings in compatibility jamo (`ㄴ다`); `pos` is one mecab-ko-dic tag, or
/// several joined by `+` for a contracted surface whose morphemes were not spelled out (`신다` as
/// `EP+EC`). `start`/`end` are Unicode scalar offsets `[start, end)` into the item's text and `eojeol`
/// the 0-based index of the whitespace-separated word the morpheme belongs to; they are present once
/// the analysis is aligned with the sentence (``MorphAligner``). A morpheme that is contracted with its
/// neighbour covers every syllable it shares letters with, so spans may overlap (`시` [8, 9) and
/// `ㄴ다` [8, 10) in 신다); a morpheme that vanished in a contraction (이/VCP in 학교다) has an empty span.
/// `confirmed` records that the annotator accepted the machine draft unchanged.
public struct MorphAnalysis: Hashable, Sendable {
    /// One morpheme of the analysis.
    public struct Entry: Hashable, Sendable {
        /// The morpheme's form (NFC; bare jamo as compatibility jamo).
        public var form: String
        /// Its tag (`+`-joined tags for an unsplit contracted surface).
        public var pos: String
        /// Scalar offset `[start, end)` in the sentence, nil until aligned.
        public var start: Int?
        /// End of the span (exclusive), nil until aligned.
        public var end: Int?
        /// Index of the eojeol (whitespace-separated word), nil until aligned.
        public var eojeol: Int?

        /// Creates an entry.
        public init(form: String, pos: String, start: Int? = nil, end: Int? = nil, eojeol: Int? = nil) {
            self.form = form
            self.pos = pos
            self.start = start
            self.end = end
            self.eojeol = eojeol
        }

        /// The tags of the entry: one, or several for an unsplit contraction.
        public var tags: [String] { pos.split(separator: "+").map(String.init) }

        /// `form/POS`, as typed.
        public var typed: String { form + "/" + pos }
    }

    /// The morphemes in sentence order.
    public var entries: [Entry]
    /// Whether the annotator accepted the machine draft unchanged.
    public var isConfirmed: Bool

    /// Creates an analysis.
    public init(entries: [Entry], isConfirmed: Bool = false) {
        self.entries = entries
        self.isConfirmed = isConfirmed
    }

    /// Whether every entry has its span and eojeol.
    public var isAligned: Bool {
        !entries.isEmpty && entries.allSatisfy { $0.start != nil && $0.end != nil && $0.eojeol != nil }
    }

    /// The analysis without spans (as typed, before alignment).
    public var unaligned: MorphAnalysis {
        MorphAnalysis(entries: entries.map { Entry(form: $0.form, pos: $0.pos) }, isConfirmed: isConfirmed)
    }

    /// The one-line form an annotator reads and types: `form/TAG` separated by spaces, with `+` between
    /// two morphemes contracted into one syllable (their spans overlap), e.g. `들어가/VV 시/EP+ㄴ다/EC`.
    public var line: String {
        var result = ""
        for (index, entry) in entries.enumerated() {
            if index > 0 {
                let previous = entries[index - 1]
                let contracted = previous.eojeol != nil && previous.eojeol == entry.eojeol
                    && (previous.end ?? 0) > (entry.start ?? .max)
                result += contracted ? "+" : " "
            }
            result += entry.typed
        }
        return result
    }

    // MARK: JSON

    /// The payload JSON (see the type's documentation).
    public var jsonValue: JSONValue {
        var pairs: [(String, JSONValue)] = [("morphemes", .array(entries.map { entry in
            var fields: [(String, JSONValue)] = [("form", .string(entry.form)), ("pos", .string(entry.pos))]
            if let start = entry.start, let end = entry.end, let eojeol = entry.eojeol {
                fields += [("start", .int(start)), ("end", .int(end)), ("eojeol", .int(eojeol))]
            }
            return .object(JSONObject(fields))
        }))]
        if isConfirmed { pairs.append(("confirmed", .bool(true))) }
        return .object(JSONObject(pairs))
    }

    /// Reads a payload: `{"morphemes": [...]}` whose elements are `{"form", "pos", "start"?, "end"?,
    /// "eojeol"?}` objects or `"form/TAG"` strings.
    /// - Throws: ``TaskError`` `.invalidAnswer` naming the element that is malformed.
    public init(json: JSONValue) throws {
        guard let object = json.objectValue else {
            throw TaskError(.invalidAnswer, "a morpheme analysis is an object {\"morphemes\": [...]}, found \(json.typeName)")
        }
        guard let array = object["morphemes"]?.arrayValue else {
            throw TaskError(.invalidAnswer, "field \"morphemes\": expected an array of {\"form\", \"pos\"} objects")
        }
        var entries: [Entry] = []
        for (index, value) in array.enumerated() {
            let field = "morphemes[\(index)]"
            if let text = value.stringValue {
                let parsed = try MorphAnswerParser.parseToken(text)
                guard parsed.count == 1 else {
                    throw TaskError(.invalidAnswer, "field \"\(field)\": \"\(text)\" holds \(parsed.count) morphemes; give one per element")
                }
                entries.append(parsed[0])
                continue
            }
            guard let form = value["form"]?.stringValue, !form.isEmpty else {
                throw TaskError(.invalidAnswer, "field \"\(field).form\": expected a non-empty string")
            }
            guard let pos = value["pos"]?.stringValue, !pos.isEmpty else {
                throw TaskError(.invalidAnswer, "field \"\(field).pos\": expected a tag such as \"NNG\"")
            }
            var entry = Entry(form: JamoLetters.composed(form), pos: pos)
            let span = (value["start"], value["end"], value["eojeol"])
            if span.0 != nil || span.1 != nil || span.2 != nil {
                guard let start = span.0?.intValue, let end = span.1?.intValue, let eojeol = span.2?.intValue,
                      start >= 0, end >= start, eojeol >= 0 else {
                    throw TaskError(.invalidAnswer, "field \"\(field)\": start, end and eojeol must be given together, as integers with 0 <= start <= end")
                }
                entry.start = start
                entry.end = end
                entry.eojeol = eojeol
            }
            entries.append(entry)
        }
        guard !entries.isEmpty else {
            throw TaskError(.invalidAnswer, "field \"morphemes\": the analysis is empty")
        }
        self.init(entries: entries, isConfirmed: object["confirmed"]?.boolValue ?? false)
    }
}
