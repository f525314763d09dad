import ArgumentParser
import Foundation
import MalmoiCore
import MalmoiMorph
import MalmoiSummary

extension Malmoi {
    /// `malmoi summary`: drafts and scores Korean summaries.
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "summary",
            abstract: "Draft extractive summaries and score summaries with Korean-aware ROUGE.",
            subcommands: [Rouge.self, Draft.self]
        )
    }
}

extension RougeTokenizer.Mode: ExpressibleByArgument {}
extension RougeScorer.SentenceMode: ExpressibleByArgument {}
extension ExtractiveDrafter.Method: ExpressibleByArgument {}
extension RougeEvaluation.InputFormat: ExpressibleByArgument {}

extension Malmoi.Summary {
    /// `malmoi summary rouge`.
    struct Rouge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rouge",
            abstract: "Score candidate summaries against references with ROUGE-1/2/L/Lsum.",
            discussion: """
                Line i of --ref is the reference for line i of --hyp (with --input jsonl, each line is a JSON \
                string or an object with a "text" field, so a summary may hold line breaks). Prints the mean \
                precision, recall and F of each variant; --format json prints {"pairs": [...], "mean": {...}} \
                with rouge1/rouge2/rougeL/rougeLsum each as {"p", "r", "f"}. Morpheme tokens need mecab-ko-dic.

                Example: malmoi summary rouge --ref refs.txt --hyp system.txt --tokenize morph --format json
                """
        )

        @Option(name: .long, help: "The reference summaries, one per line.")
        var ref: String

        @Option(name: .long, help: "The candidate summaries, one per line.")
        var hyp: String

        @Option(name: .long, help: "Token unit: morph, eojeol or char.")
        var tokenize: RougeTokenizer.Mode = .morph

        @Option(name: .long, help: "ROUGE-Lsum sentences: splitter (Korean sentence splitter) or newlines.")
        var sentences: RougeScorer.SentenceMode = .splitter

        @Option(name: .long, help: "Input lines: text, or jsonl (a JSON string or {\"text\": ...} per line).")
        var input: RougeEvaluation.InputFormat = .text

        @Flag(name: .long, help: "Keep letter case (by default text is lowercased, as rouge-score does).")
        var keepCase = false

        @Option(name: .long, help: "Directory of mecab-ko-dic (else $MALMOI_DICT or the installed one).")
        var dict: String?

        @Option(name: .long, help: ReportFormat.help)
        var format: ReportFormat = .table

        @Option(name: .long, help: "Comma-separated variants to compute: rouge1, rouge2, rougeL, rougeLsum (default: all).")
        var metrics: String?

        /// The variants asked for.
        private var selectedMetrics: Set<String> {
            guard let metrics else { return ["rouge1", "rouge2", "rougeL", "rougeLsum"] }
            return Set(metrics.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }

        func validate() throws {
            let known: Set<String> = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
            if let unknown = selectedMetrics.subtracting(known).first {
                throw ValidationError("unknown --metrics variant '\(unknown)'; known: rouge1, rouge2, rougeL, rougeLsum")
            }
            if selectedMetrics.isEmpty { throw ValidationError("--metrics names no variant") }
        }

        @Option(help: "Pairs are scored on this many threads (default: one per core).")
        var jobs: Int?


        func run() throws {
            var morphemes: Analyzer?
            if tokenize == .morph {
                do {
                    morphemes = Analyzer(dictionary: try SystemDictionary.discover(explicit: dict))
                } catch let error as MorphError where error.code == .dictionaryNotFound {
                    throw SummaryError(.morphemesUnavailable, "--tokenize morph needs mecab-ko-dic: \(error.message); or use --tokenize eojeol or char")
                }
            }
            let references = try RougeEvaluation.readSummaries(path: ref, format: input)
            let candidates = try RougeEvaluation.readSummaries(path: hyp, format: input)
            guard references.count == candidates.count else {
                throw SummaryError(.lineCountMismatch, "\(ref) has \(references.count) summaries and \(hyp) has \(candidates.count); line i of each must be a pair")
            }
            guard !references.isEmpty else {
                throw SummaryError(.lineCountMismatch, "\(ref) and \(hyp) hold no summary; a mean over no pair is not 0, so there is nothing to report")
            }
            var scorer = RougeScorer(tokenizer: try RougeTokenizer(tokenize, morphemes: morphemes, lowercases: !keepCase), sentenceMode: sentences)
            let selected = selectedMetrics
            scorer.computesLsum = selected.contains("rougeLsum")
            let pairs = RougeEvaluation.score(references, candidates, scorer: scorer, jobs: jobs ?? Processors.activeCount)
            let writer = ByteWriter()
            switch format {
            case .json:
                writer.writeJSONLine(RougeEvaluation.report(tokenize: tokenize, pairs: pairs, selected: selected))
            case .table:
                var aggregate = RougeAggregate()
                for scores in pairs { aggregate.add(scores) }
                writer.write("pairs\t\(aggregate.count)\ttokenize \(tokenize.rawValue)\n")
                writer.write("metric\tP\tR\tF\tF median\n")
                for (index, entry) in aggregate.mean.named.enumerated() where selected.contains(entry.name) {
                    let median = aggregate.fmeasureQuantiles(variant: index)[2]
                    writer.write(String(format: "%@\t%.4f\t%.4f\t%.4f\t%.4f\n", entry.name, entry.score.precision, entry.score.recall, entry.score.fmeasure, median))
                }
            }
            try writer.flush()
        }
    }

    /// `malmoi summary draft`.
    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "draft",
            abstract: "Propose extractive summaries (TextRank or LexRank) of documents.",
            discussion: """
                Reads JSONL documents (the text in --field, the id in "id") or plain text (one document per \
                line) and writes one JSON object per document: {"id", "sentences": [{"text", "start", "end"}], \
                "draft": [indices], "summary"}. Offsets are Unicode scalar offsets into the document. Similarity \
                uses morphemes when mecab-ko-dic is installed (unless --similarity bigram), character bigrams otherwise.

                Example: malmoi summary draft --sentences 3 --method lexrank Corpora/summary/news.jsonl
                """
        )

        @Argument(help: "Input file; none or '-' reads standard input.")
        var file: String?

        @Option(name: .long, help: "Input format: jsonl or text (one document per line).")
        var input: InputFormat = .jsonl

        @Option(name: .long, help: "The JSONL field holding the document.")
        var field = "text"

        @Option(name: .long, help: "How many sentences to pick.")
        var sentences = 3

        @Option(name: .long, help: "Ranking: textrank or lexrank.")
        var method: ExtractiveDrafter.Method = .textRank

        @Option(name: .long, help: "Sentence similarity: morph (needs mecab-ko-dic; falls back to bigram) or bigram.")
        var similarity: Similarity = .morph

        @Option(name: .long, help: "Directory of mecab-ko-dic.")
        var dict: String?

        enum InputFormat: String, ExpressibleByArgument, CaseIterable { case jsonl, text }
        enum Similarity: String, ExpressibleByArgument, CaseIterable { case morph, bigram }

        func validate() throws {
            guard sentences > 0 else { throw ValidationError("--sentences must be at least 1") }
        }

        func run() throws {
            var analyzer: Analyzer?
            if similarity == .morph {
                if let dictionary = try? SystemDictionary.discover(explicit: dict) {
                    analyzer = Analyzer(dictionary: dictionary)
                } else {
                    Console.warn("no mecab-ko-dic dictionary found; drafting with character-bigram similarity")
                }
            }
            let drafter = ExtractiveDrafter(method: method, sentenceCount: sentences, morphemes: analyzer)
            let writer = ByteWriter()
            func emit(id: JSONValue, text: String) { writer.writeJSONLine(drafter.draft(text).jsonValue(id: id)) }
            switch input {
            case .jsonl:
                _ = try JSONLReader(path: file).forEachRecord { record in
                    let text = try record.string(field)
                    emit(id: record.object["id"] ?? .int(record.location.line ?? 0), text: text)
                }
            case .text:
                let reader = try ByteLineReader(path: file)
                try reader.forEachLine { bytes, number in
                    if bytes.isEmpty { return }
                    if let bad = firstInvalidUTF8(bytes) {
                        throw InputError(.invalidUTF8, "invalid UTF-8 at byte \(bad + 1)", at: SourceLocation(path: reader.displayPath, line: number, column: bad + 1))
                    }
                    emit(id: .int(number), text: String(decoding: bytes, as: UTF8.self))
                }
            }
            try writer.flush()
        }
    }
}
