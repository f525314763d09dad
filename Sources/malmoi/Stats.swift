import ArgumentParser
import MalmoiCore
import MalmoiStore

extension Malmoi {
    /// `malmoi stats`.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
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
        @Option(help: "Output format: table or json.") var format: String = "table"

        func validate() throws {
            guard ["table", "json"].contains(format) else { throw ValidationError("--format must be table or json, not '\(format)'") }
        }

        func run() throws {
            let opened = try store.openExisting()
            let target = try opened.project(named: project)
            let statistics = try opened.statistics(for: target)
            let output = ByteWriter()
            if format == "json" {
                output.writeJSONLine(Self.json(statistics, project: target.name))
            } else {
                output.write(Self.table(statistics, project: target))
            }
            try output.flush()
        }

        static func rate(_ value: Double?) -> String {
            guard let value else { return "-" }
            return String(Int((value * 1000).rounded()) / 10) + "." + String(Int((value * 1000).rounded()) % 10) + "%"
        }

        static func table(_ s: ProjectStatistics, project: MalmoiCore.Project) -> String {
            var lines = [
                "project \(project.name) (\(project.kind), overlap \(project.overlap))",
                "items \(s.items) (gold \(s.goldItems)): complete \(s.completeItems), short of overlap \(s.shortItems)",
                "annotations \(s.annotations): accepted \(s.accepted), rejected \(s.rejected), pending \(s.pending); acceptance \(rate(s.acceptanceRate))",
            ]
            if !s.shortItemSample.isEmpty { lines.append("short: " + s.shortItemSample.joined(separator: " ")) }
            lines.append("claims held \(s.totalClaimsHeld)" + (s.claimsHeld.isEmpty ? "" : ": " + s.claimsHeld.keys.sorted().map { "\($0) \(s.claimsHeld[$0]!)" }.joined(separator: ", ")))
            lines.append("annotator\tsubmitted\taccepted\trejected\tacceptance\tpoints\tgold\tgold accuracy\tmean seconds")
            for a in s.annotators {
                let seconds = String(Int((a.meanSeconds * 10).rounded()) / 10) + "." + String(Int((a.meanSeconds * 10).rounded()) % 10)
                lines.append("\(a.annotator)\t\(a.submitted)\t\(a.accepted)\t\(a.rejected)\t\(rate(a.acceptanceRate))\t\(a.points)\t\(a.goldAnswered)\t\(rate(a.goldAccuracy))\t\(seconds)")
            }
            return lines.joined(separator: "\n") + "\n"
        }

        static func json(_ s: ProjectStatistics, project: String) -> JSONValue {
            func optional(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
            return .object(JSONObject([
                ("schema_version", 1), ("project", .string(project)), ("items", .int(s.items)), ("gold_items", .int(s.goldItems)),
                ("complete_items", .int(s.completeItems)), ("short_items", .int(s.shortItems)),
                ("short_item_sample", .array(s.shortItemSample.map { .string($0) })), ("annotations", .int(s.annotations)),
                ("accepted", .int(s.accepted)), ("rejected", .int(s.rejected)), ("pending", .int(s.pending)),
                ("acceptance_rate", optional(s.acceptanceRate)),
                ("claims_held", .object(JSONObject(s.claimsHeld.keys.sorted().map { ($0, .int(s.claimsHeld[$0]!)) }))),
                ("annotators", .array(s.annotators.map { a in
                    .object(JSONObject([
                        ("annotator", .string(a.annotator)), ("submitted", .int(a.submitted)), ("accepted", .int(a.accepted)),
                        ("rejected", .int(a.rejected)), ("acceptance_rate", optional(a.acceptanceRate)), ("points", .int(a.points)),
                        ("gold_answered", .int(a.goldAnswered)), ("gold_accuracy", optional(a.goldAccuracy)),
                        ("mean_seconds", .number(a.meanSeconds)),
                    ]))
                })),
            ]))
        }
    }
}
