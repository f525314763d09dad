import MalmoiCore
import MalmoiStore

extension ProjectStatistics {
    /// The report of `malmoi stats` for people: progress, acceptance, and one tab-separated row per
    /// annotator (submitted, accepted, rejected, acceptance, points, gold answered and accuracy, mean
    /// seconds). Rates are percentages with one decimal; `-` where undefined.
    public func table(project: Project) -> String {
        var lines = [
            "project \(project.name) (\(project.kind), overlap \(project.overlap))",
            "items \(items) (gold \(goldItems)): complete \(completeItems), short of overlap \(shortItems)",
            "annotations \(annotations): accepted \(accepted), rejected \(rejected), pending \(pending); acceptance \(Self.rate(acceptanceRate))",
        ]
        if !shortItemSample.isEmpty { lines.append("short: " + shortItemSample.joined(separator: " ")) }
        lines.append("annotator\tsubmitted\taccepted\trejected\tacceptance\tpoints\tgold\tgold accuracy\tmean seconds")
        for a in annotators {
            let tenths = Int((a.meanSeconds * 10).rounded())
            lines.append("\(a.annotator)\t\(a.submitted)\t\(a.accepted)\t\(a.rejected)\t\(Self.rate(a.acceptanceRate))\t\(a.points)"
                         + "\t\(a.goldAnswered)\t\(Self.rate(a.goldAccuracy))\t\(tenths / 10).\(tenths % 10)")
        }
        return lines.joined(separator: "\n") + "\n"
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
        guard let value else { return "-" }
        let tenths = Int((value * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
