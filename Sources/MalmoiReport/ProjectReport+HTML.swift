import MalmoiAgreement
import MalmoiCore
import MalmoiStore

extension ProjectReport {
    /// The report as one self-contained HTML page (inline CSS, SVG and a few lines of script).
    ///
    /// Sections: summary cards, progress (items complete and short of overlap per day, submissions per day
    /// and per hour), annotators (sortable table), review (rejection reasons, reviewer workload), agreement
    /// (forest plot with intervals, readings, coincidence heatmap) and the task kind's own figures.
    public func html() -> String {
        var body = "<h1>말모이 project report — \(HTMLText.escape(project.name))</h1>\n"
        body += "<p class=\"lead\">Task kind <b>\(HTMLText.escape(project.kind.rawValue))</b>, \(project.overlap) annotations wanted per item, "
            + "\(project.pointsPerAccept) points per accepted annotation. Generated \(HTMLText.escape(generatedAt)); times are UTC.</p>\n"
        body += cards()

        // Progress
        body += "<h2>Progress</h2>\n"
        if progress.isEmpty {
            body += "<p class=\"note\">No submissions yet.</p>\n"
        } else {
            body += "<div class=\"grid2\">"
            body += SVGChart.columns(title: "Items complete and short of their overlap, end of each day", xLabel: "day (UTC)", yLabel: "items",
                                     columns: progress.map { .init(label: $0.day, values: [Double($0.complete), Double($0.short)]) },
                                     series: [.init(name: "complete", color: SVGChart.blue), .init(name: "short of overlap", color: SVGChart.pale)])
            body += SVGChart.columns(title: "Submissions per day", xLabel: "day (UTC)", yLabel: "submissions",
                                     columns: progress.map { .init(label: $0.day, values: [Double($0.submissions)]) },
                                     series: [.init(name: "submissions", color: SVGChart.blue)])
            body += "</div>"
            body += SVGChart.columns(title: "Submissions by hour of day", xLabel: "hour of day (UTC)", yLabel: "submissions",
                                     columns: hourlySubmissions.map { .init(label: $0.label, values: [Double($0.count)]) },
                                     series: [.init(name: "submissions", color: SVGChart.blue)], width: 900)
        }

        // Annotators
        body += "<h2>Annotators</h2>\n"
        body += "<p class=\"note\">Click a column heading to sort. Acceptance is accepted ÷ reviewed; gold accuracy is the mean score on gold items; "
            + "near-duplicates are answers that repeat another answer of the same annotator (threshold \(HTMLText.fixed(project.nearDuplicateThreshold, 2))).</p>\n"
        body += "<table class=\"sortable\" id=\"annotators\"><thead><tr><th class=\"text\">annotator</th><th>submissions</th><th>accepted</th><th>rejected</th>"
            + "<th>acceptance</th><th>points</th><th>mean seconds per item</th><th>gold answered</th><th>gold accuracy</th><th>near-duplicates</th></tr></thead><tbody>\n"
        for row in annotators {
            let a = row.statistics
            body += "<tr><td class=\"text\">\(HTMLText.escape(a.annotator))</td><td>\(a.submitted)</td><td>\(a.accepted)</td><td>\(a.rejected)</td>"
                + "<td data-v=\"\(a.acceptanceRate.map { HTMLText.fixed($0, 4) } ?? "-1")\">\(HTMLText.percent(a.acceptanceRate))</td><td>\(a.points)</td>"
                + "<td>\(HTMLText.fixed(a.meanSeconds, 1))</td><td>\(a.goldAnswered)</td>"
                + "<td data-v=\"\(a.goldAccuracy.map { HTMLText.fixed($0, 4) } ?? "-1")\">\(HTMLText.percent(a.goldAccuracy))</td>"
                + "<td\(row.nearDuplicates > 0 ? " class=\"flag\"" : "")>\(row.nearDuplicates)</td></tr>\n"
        }
        body += "</tbody></table>\n"
        if !annotators.isEmpty {
            body += SVGChart.bars(title: "Reviewed submissions per annotator", valueLabel: "annotations reviewed",
                                  rows: annotators.map { .init(label: $0.statistics.annotator, values: [Double($0.statistics.accepted), Double($0.statistics.rejected)]) },
                                  series: [.init(name: "accepted", color: SVGChart.blue), .init(name: "rejected", color: SVGChart.red)])
        }

        // Review
        body += "<h2>Review</h2>\n<div class=\"grid2\">"
        if rejectionReasons.isEmpty {
            body += "<p class=\"note\">No rejections yet.</p>"
        } else {
            body += SVGChart.bars(title: "Reasons given for rejections", valueLabel: "rejections citing the reason",
                                  rows: rejectionReasons.map { .init(label: $0.label, values: [Double($0.count)]) },
                                  series: [.init(name: "rejections", color: SVGChart.red)], width: 520)
        }
        if reviewers.isEmpty {
            body += "<p class=\"note\">No reviews yet.</p>"
        } else {
            body += SVGChart.bars(title: "Reviewer workload", valueLabel: "verdicts given",
                                  rows: reviewers.map { .init(label: $0.reviewer, values: [Double($0.accepted), Double($0.rejected)]) },
                                  series: [.init(name: "accepted", color: SVGChart.blue), .init(name: "rejected", color: SVGChart.red)], width: 520)
        }
        body += "</div>\n"

        // Agreement
        body += "<h2>Agreement between annotators</h2>\n"
        if let agreement {
            body += "<p class=\"note\">How consistently annotators labelled the same items, corrected for chance. Dots are estimates; lines are bootstrap intervals over items.</p>\n"
            body += AgreementPage.sections(agreement)
        } else {
            body += "<p class=\"note\">\(HTMLText.escape(agreementNote ?? "not available"))</p>\n"
        }
        if let taskFigures {
            body += "<h2>The \(HTMLText.escape(project.kind.rawValue)) kind's own figures</h2>\n" + AgreementPage.figuresTable(taskFigures)
        }
        body += draftsSection()
        body += "<footer>Made by <code>malmoi report</code> from the project's store. Every chart is inline SVG; the page needs no network.</footer>\n"
        return ReportPage.document(title: "말모이 report — " + project.name, body: body)
    }

    private func cards() -> String {
        let s = statistics
        let ordinary = s.items
        var html = "<div class=\"cards\">"
        html += card("\(s.completeItems) / \(ordinary)", "items complete (\(HTMLText.percent(ordinary > 0 ? Double(s.completeItems) / Double(ordinary) : nil)))")
        html += card("\(s.shortItems)", "items short of overlap")
        html += card("\(s.annotations)", "annotations (\(s.pending) awaiting review)")
        html += card(HTMLText.percent(s.acceptanceRate), "accepted of reviewed")
        html += card("\(s.annotators.count)", "annotators")
        if let alpha = agreement?.reports.first.flatMap({ report in AgreementPage.mainAlpha(of: report).flatMap { report.values[$0] } }) {
            html += card(HTMLText.fixed(alpha, 3), "Krippendorff's alpha")
        }
        return html + "</div>\n"
    }

    private func card(_ value: String, _ label: String) -> String {
        "<div class=\"card\"><b>\(HTMLText.escape(value))</b><span>\(HTMLText.escape(label))</span></div>"
    }
}
