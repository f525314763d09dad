import ArgumentParser
import MalmoiAgreement
import MalmoiAgreementInput
import MalmoiCore
import MalmoiTerminal
import MalmoiText
import MalmoiReport

extension Malmoi {
    /// `malmoi agree`: inter-annotator agreement of long-format JSONL (or wide CSV) annotations.
    struct Agree: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agree",
            abstract: "Measure inter-annotator agreement.",
            discussion: """
                Reads long-format JSONL, one annotation per line:
                  {"item": "...", "annotator": "...", "label": <string | number | [strings] | [{start,end,label}]>}
                with an optional "task" field (every task is then scored separately). Prints every \
                coefficient that fits the labels (or the --level/--metric subset) to stdout; undefined \
                coefficients are null with a reason. Errors name FILE:LINE and exit with status 2.

                Example:
                  malmoi agree --format json --bootstrap 1000 --seed 7 annotations.jsonl
                """
        )

        @Argument(help: "Annotation files; none or '-' reads standard input.")
        var files: [String] = []

        @Flag(help: "Read wide CSV tables: a header (item column, then one column per annotator), one row per item.")
        var csv = false

        @Option(help: "Narrow the output to one level: nominal, ordinal, interval, ratio, set or spans.")
        var level: String?

        @Option(name: .customLong("metric"), help: "Report only these coefficients (repeatable or comma-separated).")
        var metrics: [String] = []

        @Option(help: .outputFormat(AgreementOutput.Form.self))
        var format: AgreementOutput.Form = .table

        @Option(help: "Confidence level of bootstrap intervals (default 0.95; implies --bootstrap 1000).")
        var ci: Double?

        @Option(help: "Number of bootstrap resamples over items (0: no intervals).")
        var bootstrap: Int?

        @Option(help: "Seed of the bootstrap's random generator; the same seed gives the same intervals.")
        var seed: UInt64 = 1

        @Flag(help: "Leave out the per-category and per-annotator breakdowns and the matrices.")
        var noBreakdowns = false

        @Flag(help: "Leave out the '<metric>__<variant>' names (other references' definitions).")
        var noVariants = false

        @OptionGroup var workflow: AgreeProjectOptions

        func validate() throws {
            if let problem = AgreementOptions.problem(levelName: level, metricNames: metrics, confidence: ci, bootstrapResamples: bootstrap) {
                throw ValidationError(problem)
            }
            if workflow.project != nil && (!files.isEmpty || csv) {
                throw ValidationError("give either --project or annotation files, not both")
            }
        }

        @OptionGroup var normalization: InputNormalizationOptions

        func run() throws {
            let options = AgreementOptions(levelName: level, metricNames: metrics, includesBreakdowns: !noBreakdowns, includesVariants: !noVariants,
                                           confidence: ci, bootstrapResamples: bootstrap, seed: seed)
            if let (summary, figures) = try workflow.agreement(options: options) {
                try write(summary, taskAgreement: figures, title: "project \(workflow.project ?? "")")
                return
            }
            let reading = ProgressBar(label: "agree: reading", unit: "annotations")
            let tasks = try AgreementInput.read(files: files, csv: csv, level: options.level, normalization: normalization.normalize,
                                                onRecord: reading.advance(to:))
            reading.finish()
            let scoring = ProgressBar(label: "agree: scoring", total: tasks.count, unit: "tasks")
            let summary = AgreementInput.summary(of: tasks, options: options, onTask: scoring.advance(to:))
            scoring.finish()
            try write(summary, title: files.isEmpty ? "<stdin>" : files.joined(separator: ", "))
        }

        private func write(_ summary: AgreementSummary?, taskAgreement: JSONObject? = nil, title: String) throws {
            let output = ByteWriter()
            output.write(AgreementOutput.rendered(summary, taskFigures: taskAgreement, title: title, as: format))
            try output.flush()
        }
    }
}

extension AgreementOutput.Form: ExpressibleByArgument {}
