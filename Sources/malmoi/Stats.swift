import ArgumentParser
import MalmoiCore
import MalmoiExport
import MalmoiStore
import MalmoiText

extension Malmoi {
    /// `malmoi stats`.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Show a project's progress, acceptance, points and gold accuracy.",
            discussion: """
                Prints to stdout: items complete and short of their overlap, acceptance rate, and per annotator \
                the submissions, acceptance rate, points and gold accuracy. --format json prints one object.

                Example:
                  malmoi stats --project reviews --format json
                """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "The project.") var project: String
        @Option(help: ReportFormat.help) var format: ReportFormat = .table

        func run() throws {
            let opened = try store.openExisting()
            let target = try opened.project(named: project)
            let statistics = try opened.statistics(for: target)
            try format.write(json: statistics.jsonValue(project: target.name), table: statistics.table(project: target))
        }
    }
}
