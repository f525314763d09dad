import MalmoiCore

/// The result of scanning one message.
public struct ScanResult: Sendable {
    /// Whether any lexicon hit was found.
    public var flagged: Bool
    /// The canonical text.
    public var canonical: String
    /// The hits, as spans of the original text (Unicode scalar offsets).
    public var hits: [AbuseHit]
    /// How every candidate was judged; filled only when the scan explains (`--explain`).
    public var decisions: [CandidateDecision]

    /// Creates a result.
    public init(flagged: Bool, canonical: String, hits: [AbuseHit], decisions: [CandidateDecision] = []) {
        self.flagged = flagged
        self.canonical = canonical
        self.hits = hits
        self.decisions = decisions
    }

    /// The line's score, from 0 to 1: the highest score of its hits (0 without hits).
    public var score: Double { hits.map(\.score).max() ?? 0 }

    /// The result as the JSON object `malmoi abuse scan` writes:
    /// `{"flagged", "score", "canonical", "hits": [{"start", "end", "surface", "canonical", "category",
    /// "severity", "techniques", "score"}]}`, plus `"candidates": [{"start", "end", "surface", "canonical",
    /// "score", "reported", "rules"}]` when the scan explains.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("flagged", .bool(flagged)),
            ("score", .number((score * 100).rounded() / 100)),
            ("canonical", .string(canonical)),
            ("hits", .array(hits.map { hit in
                .object(JSONObject([
                    ("start", .int(hit.start)),
                    ("end", .int(hit.end)),
                    ("surface", .string(hit.surface)),
                    ("canonical", .string(hit.canonical)),
                    ("category", .string(hit.category.rawValue)),
                    ("severity", .int(hit.severity)),
                    ("techniques", .array(hit.techniques.map { .string($0.rawValue) })),
                    ("score", .number((hit.score * 100).rounded() / 100)),
                ]))
            })),
        ]
        if !decisions.isEmpty {
            fields.append(("candidates", .array(decisions.map { decision in
                .object(JSONObject([
                    ("start", .int(decision.start)),
                    ("end", .int(decision.end)),
                    ("surface", .string(decision.surface)),
                    ("canonical", .string(decision.canonical)),
                    ("score", .number(Double(decision.score) / 100)),
                    ("reported", .bool(decision.isReported)),
                    ("rules", .array(decision.rules.map { .string($0) })),
                ]))
            })))
        }
        return .object(JSONObject(fields))
    }
}

extension ScanResult {
    /// Appends the result's JSON (the same text as `json.serialized()`) to a byte buffer, without
    /// building the intermediate ``JSONValue`` — the fast path of `malmoi abuse scan`.
    public func appendJSON(to bytes: inout [UInt8]) {
        appendJSON(to: &bytes, canonicalUTF8: nil)
    }

    /// Appends the result's JSON with `canonicalUTF8` (valid UTF-8) written as the canonical text in
    /// place of ``canonical`` when it is given: the scan stream's line that is its own canonical form.
    func appendJSON(to bytes: inout [UInt8], canonicalUTF8: UnsafeBufferPointer<UInt8>?) {
        func append(_ literal: StaticString) {
            literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }
        func appendInt(_ value: Int) { Self.appendDecimal(value, to: &bytes) }
        if hits.isEmpty {
            // The common line: not flagged, score 0 (what `score` is without hits).
            append(flagged ? #"{"flagged":true,"score":0,"canonical":"# : #"{"flagged":false,"score":0,"canonical":"#)
        } else {
            append(flagged ? #"{"flagged":true,"score":"# : #"{"flagged":false,"score":"#)
            // The same value as `score`, without the intermediate array.
            var lineScore = hits[0].score
            for hit in hits.dropFirst() where hit.score > lineScore { lineScore = hit.score }
            Self.appendScore(lineScore, to: &bytes)
            append(#","canonical":"#)
        }
        if let canonicalUTF8 {
            if Self.needsEscaping(canonicalUTF8) {
                JSONValue.appendString(String(decoding: canonicalUTF8, as: UTF8.self), to: &bytes)
            } else {
                bytes.append(0x22)
                bytes.append(contentsOf: canonicalUTF8)
                bytes.append(0x22)
            }
        } else {
            Self.appendJSONString(canonical, to: &bytes)
        }
        if hits.isEmpty && decisions.isEmpty {
            append(#","hits":[]}"#)
            return
        }
        append(#","hits":["#)
        for (index, hit) in hits.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            append(#"{"start":"#)
            appendInt(hit.start)
            append(#","end":"#)
            appendInt(hit.end)
            append(#","surface":"#)
            Self.appendJSONString(hit.surface, to: &bytes)
            append(#","canonical":"#)
            JSONValue.appendString(hit.canonical, to: &bytes)
            append(#","category":"#)
            JSONValue.appendString(hit.category.rawValue, to: &bytes)
            append(#","severity":"#)
            appendInt(hit.severity)
            append(#","techniques":["#)
            for (k, technique) in hit.techniques.enumerated() {
                if k > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONValue.appendString(technique.rawValue, to: &bytes)
            }
            append(#"],"score":"#)
            Self.appendScore(hit.score, to: &bytes)
            append("}")
        }
        append("]")
        if !decisions.isEmpty {
            append(#","candidates":"#)
            guard case .object(let object) = json, let candidates = object["candidates"] else { return }
            candidates.appendSerialized(to: &bytes)
        }
        append("}")
    }

    /// Appends an integer in decimal, as `String(value)` writes it.
    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            // The magnitude of Int.min does not fit in an Int; go through UInt.
            appendDecimal(value.magnitude, to: &bytes)
        } else {
            appendDecimal(UInt(value), to: &bytes)
        }
    }

    private static func appendDecimal(_ value: UInt, to bytes: inout [UInt8]) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for the 20 digits of UInt.max
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            while count > 0 {
                count -= 1
                bytes.append(buffer[count])
            }
        }
    }

    /// Appends a score in [0, 1] with at most two decimals (0, 0.35, 0.7, 1).
    static func appendScore(_ score: Double, to bytes: inout [UInt8]) {
        let points = max(0, min(100, Int((score * 100).rounded())))
        if points == 100 { bytes.append(UInt8(ascii: "1")); return }
        if points == 0 { bytes.append(UInt8(ascii: "0")); return }
        bytes.append(contentsOf: "0.".utf8)
        bytes.append(UInt8(ascii: "0") + UInt8(points / 10))
        if points % 10 != 0 { bytes.append(UInt8(ascii: "0") + UInt8(points % 10)) }
    }

    /// Appends a JSON string literal; text with nothing to escape (the common case) is copied whole.
    static func appendJSONString(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        let plain: Bool = value.withUTF8 { utf8 in
            guard !needsEscaping(utf8) else { return false }
            bytes.append(0x22)
            bytes.append(contentsOf: utf8)
            bytes.append(0x22)
            return true
        }
        if !plain { JSONValue.appendString(value, to: &bytes) }
    }

    /// Whether UTF-8 text holds a byte JSON must escape (a control character, `"` or `\`); eight
    /// bytes at a time.
    static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        if let base = UnsafeRawPointer(utf8.baseAddress) {
            while index + 8 <= utf8.count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // A byte below 0x20, or a zero byte after XOR with the quote or the backslash.
                let control = (word &- ones &* 0x20) & ~word & highs
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let special = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash) & highs
                if control | special != 0 { return true }
                index += 8
            }
        }
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
            index += 1
        }
        return false
    }
}
