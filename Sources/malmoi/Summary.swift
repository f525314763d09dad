import ArgumentParser
import Foundation
import MalmoiCore
import MalmoiMorph
import MalmoiSummary
import MalmoiText

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
extension ExtractiveDrafter.Similarity: ExpressibleByArgument {}
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

        func validate() throws {
            do { _ = try RougeEvaluation.metrics(parsing: metrics) } catch let error as SummaryError { throw ValidationError(error.message) }
        }

        @Option(help: "Pairs are scored on this many threads (default: one per core).")
        var jobs: Int?

        @OptionGroup var normalization: InputNormalizationOptions


        func run() throws {
            let (pairs, selected) = try RougeEvaluation.score(referencePath: ref, candidatePath: hyp, format: input, tokenize: tokenize, dictionary: dict,
                                                              lowercases: !keepCase, sentenceMode: sentences, metrics: metrics,
                                                              normalization: normalization.normalize, jobs: jobs ?? Processors.activeCount)
            try format.write(json: RougeEvaluation.report(tokenize: tokenize, pairs: pairs, selected: selected),
                             table: RougeEvaluation.table(tokenize: tokenize, pairs: pairs, selected: selected))
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
        var similarity: ExtractiveDrafter.Similarity = .morph

        @Option(name: .long, help: "Directory of mecab-ko-dic.")
        var dict: String?

        @OptionGroup var normalization: InputNormalizationOptions

        enum InputFormat: String, ExpressibleByArgument, CaseIterable { case jsonl, text }

        func validate() throws {
            guard sentences > 0 else { throw ValidationError("--sentences must be at least 1") }
        }

        func run() throws {
            let (analyzer, warning) = ExtractiveDrafter.analyzer(for: similarity, dictionary: dict)
            if let warning { Console.warn(warning) }
            let drafter = ExtractiveDrafter(method: method, sentenceCount: sentences, morphemes: analyzer)
            let writer = ByteWriter()
            try drafter.draftDocuments(in: file ?? "-", records: TextRecordReader(format: input == .jsonl ? .jsonl : .text, field: field),
                                       normalization: normalization.normalize, to: writer)
            try writer.flush()
        }
    }
}
