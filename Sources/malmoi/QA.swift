import ArgumentParser
import Foundation
import MalmoiCore
import MalmoiQA
import MalmoiText

extension Malmoi {
    /// `malmoi qa`: KorQuAD-compatible question–answer sets.
    struct QA: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "qa",
            abstract: "Evaluate, import and export KorQuAD-style question-answer sets.",
            subcommands: [Eval.self, ImportKorQuAD.self, ExportKorQuAD.self]
        )
    }
}

extension Malmoi.QA {
    /// `malmoi qa eval`: EM and F1 exactly as the official KorQuAD 1.0 evaluation script.
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Score predictions against a KorQuAD 1.0 file with the official EM and character F1.",
            discussion: """
                Prints exact match and F1 on the official script's 0–100 scale to standard output. A question \
                without a prediction scores 0 and is named on standard error.

                Example: malmoi qa eval --gold KorQuAD_v1.0_dev.json --pred predictions.json --format json
                """
        )

        @Option(name: .long, help: "The KorQuAD (SQuAD) JSON file with the gold answers.")
        var gold: String

        @Option(name: .long, help: "The predictions: one JSON object {\"question id\": \"answer text\"}.")
        var pred: String

        @Option(name: .long, help: ReportFormat.help)
        var format: ReportFormat = .table

        @Flag(name: .long, help: "Also print each question's prediction, gold answers, EM and F1.")
        var details = false

        @Option(name: .long, help: InputNormalization.help(defaultValue: .none))
        var normalize: InputNormalization = .none

        func run() throws {
            let result = try KorQuADEvaluation.evaluate(goldPath: gold, predictionsPath: pred, normalization: normalize)
            for warning in result.warnings { Console.warn(warning) }
            try format.write(json: result.jsonValue(details: details), table: result.table(details: details))
        }
    }

    /// `malmoi qa import`: KorQuAD JSON to Malmoi item JSONL.
    struct ImportKorQuAD: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Convert a KorQuAD 1.0/2.0 or SQuAD file into Malmoi item JSONL.",
            discussion: """
                Writes one JSON object per paragraph (or per question with --unit question, for an answer \
                validation pass) to standard output; `malmoi import` reads it, and `malmoi qa export` turns it \
                back into the same KorQuAD file. Answer spans that do not match their context are reported on \
                standard error.

                Example: malmoi qa import KorQuAD_v1.0_dev.json --unit question > dev-items.jsonl
                """
        )

        @Argument(help: "The KorQuAD JSON file ('-' reads standard input).")
        var file: String

        @Option(name: .long, help: "What one item is: paragraph (question writing) or question (answer validation).")
        var unit: KorQuADConverter.Unit = .paragraph

        @OptionGroup var outputFile: OutputFileOptions

        @OptionGroup var normalization: InputNormalizationOptions

        func run() throws {
            let read = try KorQuADDataset(contentsOf: file)
            for warning in read.misplacedAnswerWarnings(path: file) { Console.warn(warning) }
            let dataset = read.normalized(normalization.normalize)
            try AtomicFile.write(to: outputFile.output, refusing: [file]) { writer in
                for record in KorQuADConverter.items(from: dataset, unit: unit) { writer.writeJSONLine(.object(record)) }
            }
        }
    }

    /// `malmoi qa export`: Malmoi item JSONL (plain or a workflow export) back to KorQuAD JSON.
    struct ExportKorQuAD: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write KorQuAD JSON from Malmoi item JSONL or a JSONL export of a QA project.",
            discussion: """
                Reads items made by `malmoi qa import` or a `malmoi export --format jsonl` of a qa project and \
                writes one KorQuAD JSON document to standard output: the original questions, the questions \
                annotators wrote, and the answers of a validation pass added to their question.

                Example: malmoi export --project korquad-dev --format jsonl | malmoi qa export --accepted-only > dev.json
                """
        )

        @Argument(help: "The JSONL file; none or '-' reads standard input.")
        var file: String?

        @Flag(name: .long, help: "Keep only annotations whose latest review accepted them.")
        var acceptedOnly = false

        @Option(name: .long, help: "The version string of a dataset built from scratch.")
        var version = "KorQuAD_v1.0"

        @OptionGroup var outputFile: OutputFileOptions

        func run() throws {
            let dataset = try KorQuADConverter.dataset(readingJSONL: file, acceptedOnly: acceptedOnly, version: version)
            try AtomicFile.write(to: outputFile.output, refusing: [file ?? "-"]) { writer in
                writer.writeJSONLine(dataset.jsonValue)
            }
        }
    }
}

extension KorQuADConverter.Unit: ExpressibleByArgument {}
