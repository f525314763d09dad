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

        @Option(help: "Output format: table (default), json or html.")
        var format: OutputFormat = .table

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json, html }

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
            if let level, AgreementLevel(rawValue: level) == nil {
                let names = AgreementLevel.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--level must be one of \(names), not '\(level)'")
            }
            for name in metricNames where AgreementMetric(rawValue: name) == nil {
                throw ValidationError("unknown --metric '\(name)'; known: \(AgreementMetric.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let ci, !(ci > 0 && ci < 1) { throw ValidationError("--ci must be between 0 and 1, not \(ci)") }
            if let bootstrap, bootstrap < 0 { throw ValidationError("--bootstrap must not be negative") }
            if workflow.project != nil && (!files.isEmpty || csv) {
                throw ValidationError("give either --project or annotation files, not both")
            }
        }

        @Option(name: .long, help: InputNormalization.help(defaultValue: .nfc))
        var normalize: InputNormalization = .nfc

        private var metricNames: [String] {
            metrics.flatMap { $0.split(separator: ",").map { String($0).trimmingWhitespace() } }.filter { !$0.isEmpty }
        }

        func run() throws {
            var options = AgreementOptions()
            options.level = level.flatMap(AgreementLevel.init(rawValue:))
            if !metricNames.isEmpty { options.metrics = Set(metricNames.compactMap(AgreementMetric.init(rawValue:))) }
            options.includesBreakdowns = !noBreakdowns
            options.includesVariants = !noVariants
            options.confidence = ci ?? 0.95
            options.bootstrapResamples = bootstrap ?? (ci != nil ? 1000 : 0)
            options.seed = seed

            if let (summary, figures) = try workflow.agreement(options: options) {
                try write(summary, taskAgreement: figures, title: "project \(workflow.project ?? "")")
                return
            }
            let paths: [String?] = files.isEmpty ? [nil] : files.map { $0 == "-" ? nil : $0 }
            let reading = ProgressBar(label: "agree: reading", unit: "annotations")
            let tasks = csv
                ? try AgreementInput.readCSV(paths: paths, level: options.level, normalization: AgreementInput.labels(normalize))
                : try AgreementInput.readJSONL(paths: paths, level: options.level, normalization: AgreementInput.labels(normalize),
                                               onRecord: reading.advance(to:))
            reading.finish()
            let scoring = ProgressBar(label: "agree: scoring", total: tasks.count, unit: "tasks")
            var reports: [AgreementReport] = []
            for (index, task) in tasks.enumerated() {
                scoring.advance(to: index)
                reports.append(AgreementScorer.score(task.data, options: options, task: task.task))
            }
            scoring.finish()
            let summary = AgreementSummary(reports: reports)
            try write(summary, title: files.isEmpty ? "<stdin>" : files.joined(separator: ", "))
        }

        private func write(_ summary: AgreementSummary, title: String) throws {
            try write(summary, taskAgreement: nil, title: title)
        }

        /// Writes the coefficients and, for `--project`, the task kind's own figures (JSON: under
        /// `"task_agreement"`; table and HTML: a section after the coefficients).
        private func write(_ summary: AgreementSummary?, taskAgreement: JSONObject?, title: String) throws {
            let output = ByteWriter()
            switch format {
            case .json:
                var object = summary.map { $0.jsonValue.objectValue ?? JSONObject() } ?? JSONObject()
                if let taskAgreement { object["task_agreement"] = .object(taskAgreement) }
                output.writeJSONLine(.object(object))
            case .html:
                output.write(AgreementPage.html(summary, taskFigures: taskAgreement, title: title))
            case .table:
                if let summary { output.write(summary.table()) }
                if let taskAgreement { output.write((summary == nil ? "" : "\n") + AgreementSummary.figureTable(taskAgreement)) }
            }
            try output.flush()
        }
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
