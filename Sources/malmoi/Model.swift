import ArgumentParser
import Foundation
import MalmoiCore
import MalmoiModel
import MalmoiMorph
import MalmoiStore
import MalmoiTerminal
import MalmoiWorkflow

extension Malmoi {
    /// `malmoi model`: train, apply and evaluate text classifiers.
    struct Model: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "model",
            abstract: "Train, apply and evaluate text classifiers learned from labeled lines or a project's accepted work.",
            discussion: """
                The model is logistic regression over hashed TF-IDF features of the text after the abuse \
                canonicalizer: character 1–4-grams, words, lexicon hits and, with --features …,morphemes, \
                morphemes from mecab-ko-dic.

                Example: malmoi model train --data train.jsonl --output abuse.model
                """,
            subcommands: [Train.self, Predict.self, Eval.self, Agree.self]
        )
    }
}

/// Finds mecab-ko-dic for morpheme features.
struct ModelDictionaryOptions: ParsableArguments {
    @Option(name: .long, help: "The mecab-ko-dic directory (default: discovered as for `malmoi morph`).")
    var dict: String?

    /// The dictionary to use.
    var located: ModelDictionary { ModelDictionary(explicit: dict) }
}

extension Malmoi.Model {
    /// `malmoi model train`.
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "train",
            abstract: "Train a classifier from labeled JSONL or from a project's accepted annotations.",
            discussion: """
                --data reads lines {"text": …, "label": …}; a label is a string or an integer, or a list of \
                them for multi-label data. --project reads the accepted annotations of a label or abuse \
                project (for abuse, one --axis). The model file's header names its features. The same \
                data, options and --seed give the same file on any number of cores.

                Example: malmoi model train --data train.jsonl --output abuse.model
                """
        )

        @Option(help: "Labeled JSONL: {\"text\", \"label\"} per line.")
        var data: String?

        @Option(help: "Train on this project's accepted annotations instead.")
        var project: String?

        @OptionGroup var store: StoreOptions

        @Option(help: "For abuse projects: flagged, categories, severity or target.")
        var axis: String?

        @Option(name: .shortAndLong, help: "The model file to write.")
        var output: String

        @Option(help: "Feature groups: any of char1-4, words, lexicon, morphemes, word-bigrams, raw-char1-4, lexicon-scores, jamo1-4, jamo-onset1-4 (comma-separated).")
        var features: String = FeatureGroups.standard.names.joined(separator: ",")

        @Option(help: "Inverse regularization strength C (larger fits the training data more closely).")
        var c: Double = 10

        @Option(name: .customLong("class-weight"), help: "balanced or none.")
        var classWeight: String = "balanced"

        @Option(name: .customLong("hash-bits"), help: "Hash features into 2^N buckets (10–26).")
        var hashBits: Int = 20

        @Option(help: "Hash seed.")
        var seed: UInt64 = 1

        @Flag(help: "Two labels: choose C, class weights and the threshold by 5-fold cross-validation on the data.")
        var tune = false

        @Option(help: "Worker threads (default: all cores; the model does not depend on it).")
        var threads: Int?

        @OptionGroup var dictionary: ModelDictionaryOptions

        func validate() throws {
            if (data == nil) == (project == nil) { throw ValidationError("give exactly one of --data or --project") }
            if axis != nil && project == nil { throw ValidationError("--axis applies to --project") }
            if !(c > 0) { throw ValidationError("--c must be positive") }
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        }

        func run() throws {
            guard var options = try TrainingOptions(features: features, c: c, classWeight: classWeight, hashBits: hashBits, seed: seed, threads: threads)
            else { throw ValidationError("--class-weight must be balanced or none") }
            options.tune = tune
            let analyzer = try dictionary.located.analyzer(needed: options.groups.contains(.morphemes))
            let examples: [LabeledText]
            if let data {
                examples = try LabeledText.read(path: data)
            } else {
                let opened = try store.open()
                examples = try ProjectExamples.collect(from: opened, project: opened.project(named: project!), axis: parseAxis(axis))
            }
            let started = Date()
            let model = try TextClassifier.train(examples, options: options, analyzer: analyzer?.0, dictionary: analyzer?.1)
            try model.write(to: output, refusing: [data].compactMap { $0 } + AtomicFile.storeFiles(store.path))
            let seconds = Date().timeIntervalSince(started)
            FileHandle.standardError.write(Data(("malmoi: trained on \(examples.count) examples, \(model.labels.count) labels, "
                + "\(model.featureCount) features in \(FixedDecimal.format(seconds, digits: 2)) s → \(output)\n").utf8))
            guard let project else { return }
            let opened = try store.open()
            if let count = try QueuePriority.rescoreQueue(of: opened.project(named: project), in: opened, model: model, threads: threads) {
                FileHandle.standardError.write(Data("malmoi: re-scored the queue of \(count) items (most uncertain first)\n".utf8))
            }
        }
    }

    /// `malmoi model predict`.
    struct Predict: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "predict",
            abstract: "Label lines with a trained model.",
            discussion: """
                Reads JSONL {"id"?, "text"} (a line starting with '{') or plain text lines and writes one JSON \
                object per line: {"id"?, "label", "score", "scores": {label: probability}} (multi-label \
                models add "labels").

                Example: echo 'ㅅㅂ 진짜' | malmoi model predict --model abuse.model
                """
        )

        @Option(help: "The model file.")
        var model: String

        @Argument(help: "Input files; none or '-' reads standard input.")
        var files: [String] = []

        @Option(help: "Worker threads (default: all cores).")
        var threads: Int?

        @OptionGroup var dictionary: ModelDictionaryOptions

        func run() throws {
            let classifier = try dictionary.located.loadModel(model)
            let out = ByteWriter()
            let progress = ProgressBar(label: "predict", unit: "KiB")
            try classifier.predictLines(of: files.isEmpty ? ["-"] : files, threads: threads, to: out) {
                progress.advance(to: $0 >> 10)
            }
            progress.finish()
            try out.flush()
        }
    }

    /// `malmoi model eval`.
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Score a model on gold-labeled JSONL: precision, recall and F1 per label and macro, and the confusion matrix.",
            discussion: """
                Example: malmoi model eval --model abuse.model --data test.jsonl --format json
                """
        )

        @Option(help: "The model file.")
        var model: String

        @Option(help: "Gold JSONL: {\"text\", \"label\"} per line.")
        var data: String

        @Option(help: ReportFormat.help)
        var format: ReportFormat = .table

        @Option(help: "Worker threads (default: all cores).")
        var threads: Int?

        @OptionGroup var dictionary: ModelDictionaryOptions

        func run() throws {
            let classifier = try dictionary.located.loadModel(model)
            let evaluation = try ModelEvaluation(classifier: classifier, goldPath: data, threads: threads)
            for warning in evaluation.unknownLabelWarnings(modelLabels: classifier.labels) { Console.warn(warning) }
            try format.write(json: evaluation.json, table: evaluation.textTable)
        }
    }
}

/// The `--axis` option's value, checked.
func parseAxis(_ axis: String?) throws -> ProjectExamples.AbuseAxis? {
    try axis.map { name in
        guard let parsed = ProjectExamples.AbuseAxis(rawValue: name) else {
            throw ValidationError("--axis must be one of \(ProjectExamples.AbuseAxis.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return parsed
    }
}

extension Malmoi.Model {
    /// `malmoi model agree`.
    struct Agree: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agree",
            abstract: "Report model–human agreement on a project and how often annotators kept the drafts they were shown.",
            discussion: """
                Every current annotation is compared with the model's prediction for its item (percent \
                agreement, Cohen's kappa) and with the draft stored with the item at import (kept, changed, \
                replaced). The model is --model, or the project's "model" setting.

                Example: malmoi model agree --project 리뷰 --model review.model --format json
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(help: "The project.") var project: String

        @Option(help: "The model file (default: the project's \"model\" setting; none compares drafts only).")
        var model: String?

        @Option(help: "For abuse projects: flagged, categories, severity or target.") var axis: String?

        @Option(help: ReportFormat.help) var format: ReportFormat = .table

        @OptionGroup var dictionary: ModelDictionaryOptions

        func run() throws {
            let opened = try store.open()
            let target = try opened.project(named: project)
            let modelPath = model ?? target.taskConfig["model"]?.stringValue
            let agreement = try ModelAgreement.measure(store: opened, project: target, axis: parseAxis(axis)) {
                try modelPath.map { try dictionary.located.loadModel($0) }
            }
            try format.write(json: agreement.json(project: target.name, model: modelPath), table: agreement.table(model: modelPath))
        }
    }
}
