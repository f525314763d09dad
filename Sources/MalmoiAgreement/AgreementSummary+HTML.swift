extension AgreementSummary {
    /// The reports as one self-contained HTML page: the coefficients with their intervals, a heatmap of
    /// the coincidence (or confusion) matrix and of the pairwise annotator agreement, as inline SVG.
    ///
    /// No script, font or image is loaded from elsewhere, so the file can be mailed or archived as is.
    /// - Parameters:
    ///   - title: shown in the page title (for example the input file names).
    ///   - sections: preformatted sections added after the reports (a task kind's own figures).
    public func html(title: String, sections: [AgreementHTMLSection] = []) -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="ko"><head><meta charset="utf-8">
            <title>Agreement — \(HTMLText.escape(title))</title>
            <style>
            body{font-family:system-ui,'Noto Sans KR',sans-serif;margin:2em;color:#222;max-width:72em}
            table{border-collapse:collapse;margin:.5em 0 1.5em}
            td,th{padding:.2em .7em;border-bottom:1px solid #ddd;text-align:right}
            td:first-child,th:first-child{text-align:left}
            .null{color:#999}.reason{color:#777;font-size:.85em;text-align:left}
            h2{margin-top:2em;border-bottom:2px solid #333}
            figure{display:inline-block;margin:0 2em 1em 0;vertical-align:top}
            figcaption{font-size:.9em;color:#555}
            </style></head><body>
            <h1>Inter-annotator agreement</h1>
            <p>\(HTMLText.escape(title))</p>

            """
        for report in reports { page += report.htmlSection() }
        for section in sections { page += section.html }
        page += "</body></html>\n"
        return page
    }

    /// A page with no reports, only `sections` (a project whose kind gives figures but no records).
    public static func html(title: String, sections: [AgreementHTMLSection]) -> String {
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(HTMLText.escape(title))</title></head><body>\n"
            + sections.map(\.html).joined() + "</body></html>\n"
    }
}

/// A preformatted section of an agreement page: a heading and text shown as is (escaped).
public struct AgreementHTMLSection: Hashable, Sendable {
    /// The `<h2>` heading.
    public var heading: String
    /// The text, shown in a `<pre>` block.
    public var text: String

    /// Creates a section.
    public init(heading: String, text: String) {
        self.heading = heading
        self.text = text
    }

    var html: String { "<h2>\(HTMLText.escape(heading))</h2>\n<pre>\(HTMLText.escape(text))</pre>\n" }
}

extension AgreementReport {
    func htmlSection() -> String {
        var html = ""
        if let task { html += "<h2>Task \(HTMLText.escape(task))</h2>\n" } else { html += "<h2>Summary</h2>\n" }
        html += "<p>\(items) items, \(annotators) annotators, \(annotations) annotations; "
        html += "\(duplicates) duplicates, \(singleAnnotationItems) single-annotation items; level \(levelName)</p>\n"
        html += "<table><tr><th>coefficient</th><th>value</th><th>interval</th><th></th></tr>\n"
        for metric in metrics {
            html += "<tr><td>\(metric.rawValue)</td>"
            if let value = values[metric] {
                html += "<td>\(TextFormat.fixed(value, 4))</td>"
                if let interval = intervals[metric] {
                    html += "<td>[\(TextFormat.fixed(interval.lower, 4)), \(TextFormat.fixed(interval.upper, 4))]</td>"
                } else {
                    html += "<td></td>"
                }
                html += "<td>\(Self.bar(value: value, interval: intervals[metric]))</td></tr>\n"
            } else {
                html += "<td class=\"null\">null</td><td colspan=\"2\" class=\"reason\">\(HTMLText.escape(undefined[metric] ?? ""))</td></tr>\n"
            }
        }
        html += "</table>\n"
        if let bootstrap {
            html += "<p>Intervals: \(bootstrap.resamples) bootstrap resamples of the items, "
            html += "\(TextFormat.fixed(bootstrap.confidence * 100, 1))% percentile intervals, seed \(bootstrap.seed).</p>\n"
        }
        if let confusion, confusion.rows.count <= 60 {
            let caption = "Confusion: rows \(confusionAnnotators.first ?? ""), columns \(confusionAnnotators.last ?? "")"
            html += Self.heatmap(confusion, caption: caption, normalizeRows: true)
        }
        if let coincidence, coincidence.rows.count <= 60 {
            html += Self.heatmap(coincidence, caption: "Coincidences (share of each row)", normalizeRows: true)
        }
        if let annotatorAgreement, annotatorAgreement.rows.count <= 60 {
            let caption = kind == .spans ? "Pairwise span F1 (overlap)" : "Pairwise agreement between annotators"
            html += Self.heatmap(annotatorAgreement, caption: caption, normalizeRows: false)
        }
        if !perCategory.isEmpty {
            html += "<h3>Categories</h3><table><tr><th>category</th><th>count</th><th>pairable</th><th>alpha</th><th>positive agreement</th></tr>\n"
            for category in perCategory {
                html += "<tr><td>\(HTMLText.escape(category.name))</td><td>\(category.count)</td><td>\(category.pairableCount)</td>"
                html += "<td>\(TextFormat.optional(category.alpha))</td><td>\(TextFormat.optional(category.positiveAgreement))</td></tr>\n"
            }
            html += "</table>\n"
        }
        if !perAnnotator.isEmpty {
            html += "<h3>Annotators</h3><table><tr><th>annotator</th><th>items</th><th>agreement</th><th>mean kappa</th>"
            if let primaryAlpha { html += "<th>\(primaryAlpha.rawValue) without</th>" }
            html += "</tr>\n"
            for annotator in perAnnotator {
                html += "<tr><td>\(HTMLText.escape(annotator.name))</td><td>\(annotator.items)</td>"
                html += "<td>\(TextFormat.optional(annotator.agreement))</td><td>\(TextFormat.optional(annotator.meanCohenKappa))</td>"
                if primaryAlpha != nil { html += "<td>\(TextFormat.optional(annotator.alphaWithout))</td>" }
                html += "</tr>\n"
            }
            html += "</table>\n"
        }
        return html
    }

    /// A horizontal bar on [−1, 1] with the value as a dot and the interval as a line.
    static func bar(value: Double, interval: AgreementInterval?) -> String {
        func x(_ v: Double) -> String { TextFormat.fixed(100 + max(-1, min(1, v)) * 100, 1) }
        var svg = "<svg width=\"200\" height=\"14\" viewBox=\"0 0 200 14\"><line x1=\"0\" y1=\"7\" x2=\"200\" y2=\"7\" stroke=\"#eee\"/>"
        svg += "<line x1=\"100\" y1=\"2\" x2=\"100\" y2=\"12\" stroke=\"#bbb\"/>"
        if let interval {
            svg += "<line x1=\"\(x(interval.lower))\" y1=\"7\" x2=\"\(x(interval.upper))\" y2=\"7\" stroke=\"#4a7\" stroke-width=\"3\"/>"
        }
        svg += "<circle cx=\"\(x(value))\" cy=\"7\" r=\"4\" fill=\"#185\"/></svg>"
        return svg
    }

    /// A matrix as an SVG heatmap; with `normalizeRows` each cell's shade is its share of the row,
    /// diagonal cells in green and the others in red, so disagreements stand out.
    static func heatmap(_ matrix: AgreementMatrix, caption: String, normalizeRows: Bool) -> String {
        let cell = 34
        let label = 110
        let size = matrix.columns.count
        let width = label + cell * size + 4
        let height = label + cell * matrix.rows.count + 4
        var svg = "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" font-size=\"11\">"
        for (column, name) in matrix.columns.enumerated() {
            let x = label + column * cell + cell / 2
            svg += "<text transform=\"translate(\(x),\(label - 6)) rotate(-50)\">\(HTMLText.escape(HTMLText.short(name)))</text>"
        }
        for (row, cells) in matrix.cells.enumerated() {
            let y = label + row * cell
            svg += "<text x=\"\(label - 6)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"end\">\(HTMLText.escape(HTMLText.short(matrix.rows[row])))</text>"
            let total = cells.reduce(0.0) { $0 + ($1 ?? 0) }
            for (column, value) in cells.enumerated() {
                let x = label + column * cell
                guard let value else {
                    svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 1)\" height=\"\(cell - 1)\" fill=\"#f4f4f4\"/>"
                    continue
                }
                let share = normalizeRows ? (total > 0 ? value / total : 0) : max(0, min(1, value))
                let color: String
                if normalizeRows {
                    color = row == column ? "rgba(40,140,80,\(TextFormat.fixed(share, 3)))" : "rgba(210,60,50,\(TextFormat.fixed(min(1, share * 2), 3)))"
                } else {
                    color = "rgba(40,100,180,\(TextFormat.fixed(share, 3)))"
                }
                let text = normalizeRows ? TextFormat.fixed(value, value == value.rounded() ? 0 : 1) : TextFormat.fixed(value, 2)
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 1)\" height=\"\(cell - 1)\" fill=\"\(color)\"><title>\(HTMLText.escape(matrix.rows[row])) × \(HTMLText.escape(matrix.columns[column])): \(text)</title></rect>"
                svg += "<text x=\"\(x + cell / 2)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"middle\" font-size=\"10\">\(text)</text>"
            }
        }
        svg += "</svg><figcaption>\(HTMLText.escape(caption))</figcaption></figure>\n"
        return svg
    }
}

/// HTML escaping without Foundation.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// At most 12 scalars, with an ellipsis when cut.
    static func short(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > 12 else { return text }
        var result = String(String.UnicodeScalarView(scalars.prefix(11)))
        result += "…"
        return result
    }
}
