import MalmoiAgreement
import MalmoiCore

/// The output of `malmoi agree`: the coefficients and, for a project, the task kind's own figures, as
/// a JSON line, an HTML page or text tables.
///
/// ```swift
/// let text = AgreementOutput.rendered(summary, taskFigures: nil, title: "a.jsonl", as: .table)
/// ```
public enum AgreementOutput {
    /// The forms the output takes.
    public enum Form: String, Sendable, CaseIterable {
        /// Text tables.
        case table
        /// One JSON object on one line.
        case json
        /// A self-contained HTML page.
        case html
    }

    /// The output, ending with a line break. JSON puts the task figures under `"task_agreement"`; the
    /// table and HTML forms add a section after the coefficients.
    /// - Parameters:
    ///   - summary: The coefficients; nil when the task kind gives no records (abstractive summaries).
    ///   - taskFigures: The task kind's own figures (`--project`), or nil.
    ///   - title: What was scored (file names or the project), for the HTML page.
    ///   - form: Table, JSON or HTML.
    public static func rendered(_ summary: AgreementSummary?, taskFigures: JSONObject?, title: String, as form: Form) -> String {
        switch form {
        case .json:
            var object = summary.map { $0.jsonValue.objectValue ?? JSONObject() } ?? JSONObject()
            if let taskFigures { object["task_agreement"] = .object(taskFigures) }
            return JSONValue.object(object).serialized() + "\n"
        case .html:
            return AgreementPage.html(summary, taskFigures: taskFigures, title: title)
        case .table:
            var text = summary?.table() ?? ""
            if let taskFigures { text += (summary == nil ? "" : "\n") + AgreementSummary.figureTable(taskFigures) }
            return text
        }
    }
}
