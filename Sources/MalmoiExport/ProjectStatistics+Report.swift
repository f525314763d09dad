import MalmoiCore
import MalmoiStore
import MalmoiText

extension ProjectStatistics {
    /// The report of `malmoi stats` for people: progress, acceptance, and one row per
    /// annotator (submitted, accepted, rejected, acceptance, points, gold answered and accuracy, mean
    /// seconds), in columns aligned by display width (Hangul names take two columns a syllable). Rates are percentages with one decimal; `-` where undefined.
    public func table(project: Project) -> String {
        var lines = [
            "project \(project.name) (\(project.kind), overlap \(project.overlap))",
            "items \(items) (gold \(goldItems)): complete \(completeItems), short of overlap \(shortItems)",
            "annotations \(annotations): accepted \(accepted), rejected \(rejected), pending \(pending); acceptance \(Self.rate(acceptanceRate))",
        ]
        if !shortItemSample.isEmpty { lines.append("short: " + shortItemSample.joined(separator: " ")) }
        lines.append("claims held \(totalClaimsHeld)"
                     + (claimsHeld.isEmpty ? "" : ": " + claimsHeld.keys.sorted().map { "\($0) \(claimsHeld[$0]!)" }.joined(separator: ", ")))
        var table = TextTable(columns: [.left("annotator"), .right("submitted"), .right("accepted"), .right("rejected"),
                                        .right("acceptance"), .right("points"), .right("gold"), .right("gold accuracy"),
                                        .right("mean seconds")])
        for a in annotators {
            // A stored value out of range (an old store's infinite seconds) prints as `-`, never traps.
            let seconds = a.meanSeconds.isFinite && abs(a.meanSeconds) < 1e15 ? a.meanSeconds : nil
            let tenths = seconds.map { Int(($0 * 10).rounded()) }
            table.append([a.annotator, "\(a.submitted)", "\(a.accepted)", "\(a.rejected)", Self.rate(a.acceptanceRate), "\(a.points)",
                          "\(a.goldAnswered)", Self.rate(a.goldAccuracy), tenths.map { "\($0 / 10).\(abs($0 % 10))" } ?? "-"])
        }
        return lines.joined(separator: "\n") + "\n" + table.rendered()
    }

    /// The report of `malmoi stats --format json`: one object with `schema_version` 1, the project's
    /// counts and rates (null where undefined) and one object per annotator.
    public func jsonValue(project: String) -> JSONValue {
        func optional(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
        return .object(JSONObject([
            ("schema_version", 1), ("project", .string(project)), ("items", .int(items)), ("gold_items", .int(goldItems)),
            ("complete_items", .int(completeItems)), ("short_items", .int(shortItems)),
            ("short_item_sample", .array(shortItemSample.map { .string($0) })), ("annotations", .int(annotations)),
            ("accepted", .int(accepted)), ("rejected", .int(rejected)), ("pending", .int(pending)),
            ("acceptance_rate", optional(acceptanceRate)),
            ("claims_held", .object(JSONObject(claimsHeld.keys.sorted().map { ($0, .int(claimsHeld[$0]!)) }))),
            ("annotators", .array(annotators.map { a in
                .object(JSONObject([
                    ("annotator", .string(a.annotator)), ("submitted", .int(a.submitted)), ("accepted", .int(a.accepted)),
                    ("rejected", .int(a.rejected)), ("acceptance_rate", optional(a.acceptanceRate)), ("points", .int(a.points)),
                    ("gold_answered", .int(a.goldAnswered)), ("gold_accuracy", optional(a.goldAccuracy)),
                    ("mean_seconds", .number(a.meanSeconds)),
                ]))
            })),
        ]))
    }

    /// A rate as a percentage with one decimal (`75.0%`), `-` when undefined.
    static func rate(_ value: Double?) -> String {
        guard let value, value.isFinite, abs(value) < 1e12 else { return "-" }
        let tenths = Int((value * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
