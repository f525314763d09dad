import ArgumentParser
import MalmoiCore
import MalmoiModel
import MalmoiReport
import MalmoiStore
import MalmoiWorkflow

extension Malmoi {
    /// `malmoi report`.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write a project's report: one self-contained HTML page of charts and tables.",
            discussion: """
                The page shows progress (items complete and short of their overlap per day, submissions per day \
                and per hour), per annotator figures (submissions, acceptance, points, seconds per item, gold \
                accuracy, near-duplicates; sortable), rejection reasons, reviewer workload, agreement per task \
                with bootstrap intervals (a forest plot) and the coincidence heatmap, and the task kind's own \
                figures. CSS, SVG and script are inline: the file opens anywhere, with no network.

                Example:
                  malmoi report --project reviews --output report.html
                """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "The project.") var project: String
        @Option(name: [.short, .long], help: "The HTML file to write (atomically); standard output when omitted.")
        var output: String?
        @Option(help: "Bootstrap resamples for the agreement intervals (0 for none).") var bootstrap: Int = 1000

        func validate() throws {
            guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be 0 or more, not \(bootstrap)") }
        }

        func run() throws {
            let opened = try store.open()
            let target = try opened.project(named: project)
            var options = ProjectReport.defaultAgreementOptions
            options.bootstrapResamples = bootstrap
            var report = try ProjectReport.gather(from: opened, project: target, module: try TaskKinds.module(for: target), options: options)
            report.modelFigures = try ModelAgreement.projectFigures(store: opened, project: target)["model"]?.objectValue
            try AtomicFile.write(to: output, refusing: AtomicFile.storeFiles(store.path)) { $0.write(report.html()) }
        }
    }
}
