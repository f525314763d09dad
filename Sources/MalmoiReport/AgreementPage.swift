import MalmoiAgreement
import MalmoiCore

/// Agreement as HTML in the report's look: a forest plot of every coefficient with its bootstrap
/// interval, a plain-language reading of the main ones, and the coincidence heatmap.
///
/// ```swift
/// let page = AgreementPage.html(summary, taskFigures: nil, title: "project reviews")
/// ```
/// `malmoi agree --format html` writes ``html(_:taskFigures:title:)``; `malmoi report` embeds
/// ``sections(_:)`` in the project report.
public enum AgreementPage {
    /// A whole page for `malmoi agree --format html`.
    /// - Parameters:
    ///   - summary: The scorer's summary (nil when only task figures exist).
    ///   - taskFigures: The task kind's own figures, if any.
    ///   - title: What was scored (files or a project).
    public static func html(_ summary: AgreementSummary?, taskFigures: JSONObject?, title: String) -> String {
        var body = "<h1>Agreement — \(HTMLText.escape(title))</h1>\n"
        body += "<p class=\"lead\">How consistently annotators labelled the same items, corrected for chance. "
            + "Dots are estimates; lines are bootstrap intervals over items.</p>\n"
        if let summary { body += sections(summary) }
        if let taskFigures { body += "<h2>The task's own figures</h2>\n" + figuresTable(taskFigures) }
        return ReportPage.document(title: "Agreement — " + title, body: body)
    }

    /// One section per scored task: forest plot, readings, per-category table and coincidence heatmap.
    public static func sections(_ summary: AgreementSummary) -> String {
        var html = ""
        for report in summary.reports {
            let name = report.task ?? "all"
            html += "<h3>\(HTMLText.escape(name)) <small>(\(report.items) items, \(report.annotators) annotators, \(report.annotations) annotations, \(HTMLText.escape(report.levelName)))</small></h3>\n"
            let shown = report.metrics.filter { !$0.isVariant && report.values[$0] != nil }
            let rows = shown.map { metric -> SVGChart.Estimate in
                let interval = report.intervals[metric]
                return SVGChart.Estimate(label: metric.rawValue, value: report.values[metric]!, lower: interval?.lower, upper: interval?.upper)
            }
            if rows.isEmpty {
                let reasons = report.undefined.sorted { $0.key.rawValue < $1.key.rawValue }.prefix(3).map { "\($0.key.rawValue): \($0.value)" }
                html += "<p class=\"note\">No coefficient is defined yet" + (reasons.isEmpty ? "" : ": " + HTMLText.escape(reasons.joined(separator: "; "))) + ".</p>\n"
                continue
            }
            var caption = "Agreement coefficients for \(name)"
            if let bootstrap = report.bootstrap {
                caption += " with \(HTMLText.fixed(bootstrap.confidence * 100, 0))% bootstrap intervals (\(bootstrap.resamples) resamples over items)"
            }
            html += SVGChart.forest(title: caption, valueLabel: "coefficient (1 = perfect agreement, 0 = chance); bands at 0.667 and 0.800", rows: rows)
            html += "<p class=\"legend-bands\"><span style=\"background:#fff5f5\">below 0.667</span><span style=\"background:#fffbeb\">0.667–0.800 tentative</span><span style=\"background:#f0fff4\">0.800 and above</span></p>\n"
            var readings: [AgreementMetric] = []
            if let primary = mainAlpha(of: report) { readings.append(primary) }
            for metric in [AgreementMetric.fleissKappa, .cohenKappa, .percentAgreement] where report.values[metric] != nil && readings.count < 3 {
                readings.append(metric)
            }
            html += "<ul class=\"reading\">\n"
            for metric in readings {
                if let value = report.values[metric] {
                    html += "<li><b>\(HTMLText.escape(metric.rawValue))</b> " + HTMLText.escape(CoefficientReading.sentence(for: metric, value: value, interval: report.intervals[metric])) + "</li>\n"
                }
            }
            html += "</ul>\n"
            if let coincidence = report.coincidence, !coincidence.rows.isEmpty, coincidence.rows.count <= 30 {
                html += SVGChart.heatmap(title: "Coincidence matrix for \(name): pairable value pairs (o_ck)",
                                         rowLabel: "one annotator's value", columnLabel: "another annotator's value, same item",
                                         rows: coincidence.rows.map(short), columns: coincidence.columns.map(short), cells: coincidence.cells)
            }
            if let pairs = report.annotatorAgreement, pairs.rows.count >= 2, pairs.rows.count <= 30 {
                html += SVGChart.heatmap(title: "Agreement between pairs of annotators for \(name) (share of shared items labelled alike)",
                                         rowLabel: "annotator", columnLabel: "annotator", rows: pairs.rows.map(short),
                                         columns: pairs.columns.map(short), cells: pairs.cells, digits: 2)
            }
            if !report.perCategory.isEmpty {
                html += "<table><thead><tr><th class=\"text\">category</th><th>alpha (this category vs the rest)</th><th>positive agreement</th></tr></thead><tbody>\n"
                for category in report.perCategory {
                    html += "<tr><td class=\"text\">\(HTMLText.escape(category.name))</td><td>\(HTMLText.fixed(category.alpha, 3))</td><td>\(HTMLText.fixed(category.positiveAgreement, 3))</td></tr>\n"
                }
                html += "</tbody></table>\n"
            }
        }
        return html
    }

    /// The task's own figures as a two-column table; nested objects become dotted names.
    public static func figuresTable(_ figures: JSONObject) -> String {
        var rows: [(String, String)] = []
        func walk(_ value: JSONValue, _ name: String) {
            switch value {
            case .object(let object): for (key, inner) in object { walk(inner, name.isEmpty ? key : name + "." + key) }
            case .number(let number): rows.append((name, number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : HTMLText.fixed(number, 4)))
            case .array(let elements) where elements.count > 12: rows.append((name, "\(elements.count) values"))
            default: rows.append((name, value.stringValue ?? value.serialized()))
            }
        }
        walk(.object(figures), "")
        var html = "<table><thead><tr><th class=\"text\">figure</th><th>value</th></tr></thead><tbody>\n"
        for (name, value) in rows { html += "<tr><td class=\"text\">\(HTMLText.escape(name))</td><td>\(HTMLText.escape(value))</td></tr>\n" }
        return html + "</tbody></table>\n"
    }

    /// The report's main alpha: the scorer's primary one, else the first Krippendorff alpha with a value.
    public static func mainAlpha(of report: AgreementReport) -> AgreementMetric? {
        report.primaryAlpha ?? report.metrics.first { $0.rawValue.hasPrefix("krippendorff") && !$0.isVariant && report.values[$0] != nil }
    }

    private static func short(_ label: String) -> String {
        label.count > 18 ? String(label.prefix(17)) + "…" : label
    }
}
