import MalmoiCore

/// The reports of every task of an input, in task order.
///
/// ```swift
/// let summary = try AgreementScorer.report(for: records)
/// summary.jsonValue   // {"tasks": {"quality": {…}, "toxicity": {…}}} or one report's object
/// ```
public struct AgreementSummary: Sendable {
    /// One report per task (a single report with a nil task when the input has no `task` field).
    public var reports: [AgreementReport]

    /// Creates a summary.
    public init(reports: [AgreementReport]) {
        self.reports = reports
    }

    /// Whether the input named tasks (then the JSON groups the reports under `"tasks"`).
    public var hasTasks: Bool { reports.contains { $0.task != nil } }

    /// `{"tasks": {"<task>": report}}` when the input has tasks, else the single report's object.
    public var jsonValue: JSONValue {
        if !hasTasks, reports.count == 1 { return reports[0].jsonValue }
        return .object(JSONObject([("tasks", .object(JSONObject(reports.map { ($0.task ?? "", $0.jsonValue) })))]))
    }
}
