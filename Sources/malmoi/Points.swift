import ArgumentParser
import Foundation
import MalmoiCore
import MalmoiStore
import MalmoiWorkflow

extension Malmoi {
    /// `malmoi points statement`.
    struct Points: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "points",
            abstract: "Points earned, for paying annotators.",
            subcommands: [Statement.self]
        )

        /// `malmoi points statement --from DATE --to DATE [--annotator A]`.
        struct Statement: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "statement",
                abstract: "Each person's points for a pay period, per project, from the ledger (CSV or JSON).",
                discussion: """
                    Counts ledger entries dated from --from to --to (both days included, UTC): credits for accepted \
                    annotations and reversals of credits later rejected. Prints to stderr how the period's points \
                    reconcile with the ledger's totals (before + period + after = total).

                    Example:
                      malmoi points statement --from 2026-11-01 --to 2026-11-30 --format csv > november.csv
                    """
            )
            @OptionGroup var store: StoreOptions
            @Option(help: "Only this annotator.") var annotator: String?
            @Option(help: "Only this project (repeatable; default: every project).") var project: [String] = []
            @Option(help: "First day, YYYY-MM-DD.") var from: String
            @Option(help: "Last day, YYYY-MM-DD.") var to: String
            @Option(help: .outputFormat(PointsStatement.Format.self)) var format: PointsStatement.Format = .csv

            func validate() throws {
                for (name, value) in [("--from", from), ("--to", to)] where !Self.isDate(value) {
                    throw ValidationError("\(name) \(value) is not a date YYYY-MM-DD")
                }
                guard from <= to else { throw ValidationError("--from \(from) is after --to \(to)") }
            }

            static func isDate(_ text: String) -> Bool {
                text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
            }

            func run() throws {
                let opened = try store.openExisting()
                let who = try annotator.map { try checkedName($0, "--annotator") }
                let projects = try project.isEmpty ? opened.projects() : project.map { try opened.project(named: $0) }
                let statement = try PointsStatement(store: opened, projects: projects, annotator: who, from: from, to: to)
                let output = ByteWriter()
                statement.write(as: format, to: output)
                try output.flush()
                writeError(statement.reconciliation)
            }
        }
    }
}

extension PointsStatement.Format: ExpressibleByArgument {}
