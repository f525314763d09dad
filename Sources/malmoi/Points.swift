import ArgumentParser
import Foundation
import MalmoiCore
import MalmoiStore

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
            @Option(help: "csv or json.") var format: String = "csv"

            func validate() throws {
                for (name, value) in [("--from", from), ("--to", to)] where !Self.isDate(value) {
                    throw ValidationError("\(name) \(value) is not a date YYYY-MM-DD")
                }
                guard from <= to else { throw ValidationError("--from \(from) is after --to \(to)") }
                guard ["csv", "json"].contains(format) else { throw ValidationError("--format must be csv or json") }
            }

            static func isDate(_ text: String) -> Bool {
                text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
            }

            func run() throws {
                let opened = try store.openExisting()
                let who = try annotator.map { try checkedName($0, "--annotator") }
                let projects = try project.isEmpty ? opened.projects() : project.map { try opened.project(named: $0) }
                struct Line { var credits = 0, reversals = 0, points = 0, entries = 0 }
                var lines: [String: [String: Line]] = [:]   // annotator → project → line
                var before = 0, during = 0, after = 0
                for target in projects {
                    for entry in try opened.ledger(in: target, annotator: who) {
                        let day = String(entry.at.prefix(10))
                        if day < from { before += entry.points; continue }
                        if day > to { after += entry.points; continue }
                        during += entry.points
                        var line = lines[entry.annotator, default: [:]][target.name, default: Line()]
                        line.entries += 1
                        line.points += entry.points
                        if entry.points >= 0 { line.credits += entry.points } else { line.reversals += entry.points }
                        lines[entry.annotator, default: [:]][target.name] = line
                    }
                }
                let output = ByteWriter()
                if format == "csv" { output.write("annotator,project,entries,credits,reversals,points\n") }
                for person in lines.keys.sorted() {
                    for name in lines[person]!.keys.sorted() {
                        let line = lines[person]![name]!
                        if format == "csv" {
                            output.write([Self.csv(person), Self.csv(name), "\(line.entries)", "\(line.credits)", "\(line.reversals)", "\(line.points)"]
                                .joined(separator: ",") + "\n")
                        } else {
                            output.writeJSONLine(.object(JSONObject([
                                ("annotator", .string(person)), ("project", .string(name)), ("from", .string(from)), ("to", .string(to)),
                                ("entries", .int(line.entries)), ("credits", .int(line.credits)), ("reversals", .int(line.reversals)),
                                ("points", .int(line.points)),
                            ])))
                        }
                    }
                }
                try output.flush()
                writeError("ledger total \(before + during + after) = \(before) before \(from) + \(during) from \(from) to \(to) + \(after) after")
            }

            /// A CSV field, quoted when it holds a comma, a quote or a line break.
            static func csv(_ field: String) -> String {
                field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }
        }
    }
}
