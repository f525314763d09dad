import MalmoiCore

/// Scores files of summaries with ROUGE, pair by pair: what `malmoi summary rouge` runs.
///
/// ```swift
/// let references = try RougeEvaluation.readSummaries(path: "refs.txt", format: .text)
/// let candidates = try RougeEvaluation.readSummaries(path: "hyps.txt", format: .text)
/// let pairs = RougeEvaluation.score(references, candidates, scorer: scorer, jobs: 4)
/// RougeEvaluation.report(tokenize: .eojeol, pairs: pairs).serialized()
/// ```
public enum RougeEvaluation {
    /// How summaries are read: one per line as text, or one JSON string or `{"text": …}` per line.
    public enum InputFormat: String, Sendable, CaseIterable {
        /// One summary per line.
        case text
        /// A JSON string or an object with a `text` string per line, so a summary may hold line breaks.
        case jsonl
    }

    /// The variants, in report order.
    public static let variants = ["rouge1", "rouge2", "rougeL", "rougeLsum"]

    /// Pairs below this count are scored on the calling thread.
    public static let parallelThreshold = 1_000

    /// The summaries of a file (or `-` for standard input), one per line, blank lines included.
    /// - Throws: ``InputError`` naming the line (and byte column or field) of invalid UTF-8, invalid
    ///   JSON or a line without a text.
    public static func readSummaries(path: String, format: InputFormat) throws -> [String] {
        var lines: [String] = []
        let reader = try ByteLineReader(path: path)
        try reader.forEachLine { bytes, number in
            switch format {
            case .text:
                if let bad = firstInvalidUTF8(bytes) {
                    throw InputError(.invalidUTF8, "invalid UTF-8 at byte \(bad + 1)", at: SourceLocation(path: reader.displayPath, line: number, column: bad + 1))
                }
                lines.append(String(decoding: bytes, as: UTF8.self))
            case .jsonl:
                // JSON lines are validated by the parser (strings are checked, other bytes must be ASCII).
                let value: JSONValue
                do { value = try JSONValue.parse(bytes) } catch let error as JSONSyntaxError {
                    throw InputError(error.isInvalidUTF8 ? .invalidUTF8 : .invalidJSON, error.message,
                                     at: SourceLocation(path: reader.displayPath, line: number, column: error.offset + 1))
                }
                guard let text = value.stringValue ?? value["text"]?.stringValue else {
                    throw InputError(.wrongType, "expected a JSON string or an object with a \"text\" string",
                                     at: SourceLocation(path: reader.displayPath, line: number, field: "text"))
                }
                lines.append(text)
            }
        }
        return lines
    }

    /// Scores every pair `(references[i], candidates[i])`, in input order. From ``parallelThreshold``
    /// pairs on, contiguous blocks are scored on `jobs` threads (at most 64), each with its own copy of
    /// the scorer, whose vocabulary only has to be consistent within a pair.
    /// - Precondition: the arrays have the same count.
    public static func score(_ references: [String], _ candidates: [String], scorer: RougeScorer, jobs: Int) -> [RougeScores] {
        precondition(references.count == candidates.count, "references and candidates must pair up")
        let count = references.count
        let blocks = count < parallelThreshold ? 1 : min(max(1, jobs), 64)
        let scoreBlock: @Sendable (Range<Int>) -> [RougeScores] = { range in
            var local = scorer
            return range.map { local.score(reference: references[$0], candidate: candidates[$0]) }
        }
        guard blocks > 1 else { return scoreBlock(0..<count) }
        var results: [RougeScores] = []
        results.reserveCapacity(count)
        let map = OrderedParallelMap(workers: blocks, inFlight: blocks, transform: scoreBlock)
        defer { map.stop() }
        for block in 0..<blocks {
            map.submit((count * block / blocks)..<(count * (block + 1) / blocks)) { results += $0 }
        }
        map.finish { results += $0 }
        return results
    }

    /// One pair's (or the mean's) scores: `{"rouge1": {"p", "r", "f"}, …}` for the selected variants.
    public static func json(_ scores: RougeScores, selected: Set<String> = Set(variants)) -> JSONValue {
        .object(JSONObject(scores.named.filter { selected.contains($0.name) }.map { entry in
            (entry.name, .object(JSONObject([("p", .number(entry.score.precision)), ("r", .number(entry.score.recall)),
                                             ("f", .number(entry.score.fmeasure))])))
        }))
    }

    /// The JSON report `{"tokenize", "count", "pairs": [...], "mean": {...}}`.
    public static func report(tokenize: RougeTokenizer.Mode, pairs: [RougeScores], selected: Set<String> = Set(variants)) -> JSONValue {
        var aggregate = RougeAggregate()
        for scores in pairs { aggregate.add(scores) }
        return .object(JSONObject([
            ("tokenize", .string(tokenize.rawValue)), ("count", .int(pairs.count)),
            ("pairs", .array(pairs.map { json($0, selected: selected) })), ("mean", json(aggregate.mean, selected: selected)),
        ]))
    }
}
