import MalmoiCore

extension AgreementSummary {
    /// The reports as an aligned plain-text table for a terminal (the default of `malmoi agree`).
    ///
    /// Columns are aligned by display width (Hangul and other wide characters count two columns).
    /// The layout is for people and may change; use ``jsonValue`` for machines.
    public func table() -> String {
        var text = ""
        for (index, report) in reports.enumerated() {
            if index > 0 { text += "\n" }
            text += report.table()
        }
        return text
    }
}

extension AgreementReport {
    /// One report as an aligned plain-text table.
    public func table() -> String {
        var lines: [String] = []
        var heading = task.map { "task \($0): " } ?? ""
        heading += "\(items) items, \(annotators) annotators, \(annotations) annotations"
        heading += " (\(duplicates) duplicates, \(singleAnnotationItems) single-annotation items"
        if nullLabels > 0 { heading += ", \(nullLabels) null labels" }
        heading += "), level \(levelName)"
        lines.append(heading)
        lines.append("")

        let confidenceHeader = bootstrap.map { "\(TextFormat.fixed($0.confidence * 100, 0))% CI" } ?? ""
        var rows: [[String]] = [["metric", "value", confidenceHeader]]
        for metric in metrics {
            var row = [metric.rawValue]
            if let value = values[metric] {
                row.append(TextFormat.fixed(value, 4))
                if let interval = intervals[metric] {
                    row.append("[\(TextFormat.fixed(interval.lower, 4)), \(TextFormat.fixed(interval.upper, 4))]")
                } else {
                    row.append("")
                }
            } else {
                row.append("null")
                row.append(undefined[metric].map { "(\($0))" } ?? "")
            }
            rows.append(row)
        }
        lines.append(contentsOf: TextFormat.align(rows))

        if !perCategory.isEmpty {
            lines.append("")
            var categoryRows: [[String]] = [["category", "count", "pairable", "alpha", "positive agreement"]]
            for category in perCategory {
                categoryRows.append([
                    category.name, String(category.count), String(category.pairableCount),
                    TextFormat.optional(category.alpha), TextFormat.optional(category.positiveAgreement),
                ])
            }
            lines.append(contentsOf: TextFormat.align(categoryRows, numericFrom: 1))
        }
        if !perAnnotator.isEmpty {
            lines.append("")
            var header = ["annotator", "items", "agreement", "mean kappa"]
            if let primaryAlpha { header.append("\(primaryAlpha.rawValue) without") }
            var annotatorRows: [[String]] = [header]
            for annotator in perAnnotator {
                var row = [
                    annotator.name, String(annotator.items), TextFormat.optional(annotator.agreement),
                    TextFormat.optional(annotator.meanCohenKappa),
                ]
                if primaryAlpha != nil { row.append(TextFormat.optional(annotator.alphaWithout)) }
                annotatorRows.append(row)
            }
            lines.append(contentsOf: TextFormat.align(annotatorRows, numericFrom: 1))
        }
        if let annotatorAgreement, annotatorAgreement.rows.count <= 20 {
            lines.append("")
            lines.append(kind == .spans ? "pairwise span F1 (overlap)" : "pairwise agreement (share of shared items)")
            lines.append(contentsOf: TextFormat.matrix(annotatorAgreement, digits: 3))
        }
        if let confusion, confusion.rows.count <= 20 {
            lines.append("")
            lines.append("confusion (rows \(confusionAnnotators.first ?? ""), columns \(confusionAnnotators.last ?? ""))")
            lines.append(contentsOf: TextFormat.matrix(confusion, digits: 0))
        } else if let coincidence, coincidence.rows.count <= 20 {
            lines.append("")
            lines.append("coincidences")
            lines.append(contentsOf: TextFormat.matrix(coincidence, digits: 2))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Small text helpers for the table and HTML renderers (no Foundation).
enum TextFormat {
    /// A number with a fixed number of decimals, e.g. `fixed(0.74342, 4)` is `0.7434` (``FixedDecimal``,
    /// half away from zero); `null` when not finite, the JSON number when too large for the decimals.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        guard (Swift.abs(value) * scale).rounded() < 9e15 else { return JSONValue.number(value).serialized() }
        return FixedDecimal.halfAwayFromZero(value, digits: digits) ?? "null"
    }

    static func optional(_ value: Double?) -> String {
        value.map { fixed($0, 4) } ?? "-"
    }

    /// Terminal columns a string takes: East Asian wide characters take two.
    static func width(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F, 0x200B...0x200F: break
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                width += 2
            default: width += 1
            }
        }
        return width
    }

    static func pad(_ text: String, to width: Int, right: Bool) -> String {
        let padding = String(repeating: " ", count: max(0, width - self.width(text)))
        return right ? padding + text : text + padding
    }

    /// Rows aligned in columns two spaces apart; columns from `numericFrom` on are right-aligned.
    static func align(_ rows: [[String]], numericFrom: Int = Int.max) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], width(cell)) }
        }
        return rows.map { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                if index > 0 { line += "  " }
                line += pad(cell, to: widths[index], right: index >= numericFrom)
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    static func matrix(_ matrix: AgreementMatrix, digits: Int) -> [String] {
        var rows: [[String]] = [[""] + matrix.columns]
        for (name, cells) in zip(matrix.rows, matrix.cells) {
            rows.append([name] + cells.map { $0.map { fixed($0, digits) } ?? "-" })
        }
        return align(rows, numericFrom: 1)
    }
}

extension AgreementSummary {
    /// A task kind's own figures (``TaskModule/taskAgreement(for:)``: QA answer F1, summary ROUGE …)
    /// as indented `name  value` lines: whole numbers as integers, others with four decimals, nested
    /// objects indented by two spaces.
    public static func figureTable(_ object: JSONObject, indent: String = "") -> String {
        var text = ""
        for (key, value) in object {
            switch value {
            case .object(let nested):
                text += "\(indent)\(key)\n" + figureTable(nested, indent: indent + "  ")
            case .number(let number):
                text += "\(indent)\(key)  \(number == number.rounded() && Swift.abs(number) < 9e15 ? String(Int(number)) : TextFormat.fixed(number, 4))\n"
            case .array(let values):
                text += "\(indent)\(key)  " + values.map { $0.doubleValue.map { TextFormat.fixed($0, 4) } ?? $0.serialized() }.joined(separator: " ") + "\n"
            default:
                text += "\(indent)\(key)  \(value.stringValue ?? value.serialized())\n"
            }
        }
        return text
    }
}
