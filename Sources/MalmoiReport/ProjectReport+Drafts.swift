import MalmoiCore

extension ProjectReport {
    /// The "Machine drafts" section: how often annotators kept, changed or replaced the draft they were
    /// shown (analyzer, scanner, TextRank or model pre-labels), and, when given, how often a model's
    /// labels agree with the people's. Empty when no annotation recorded a draft and no model figures are set.
    func draftsSection() -> String {
        guard drafts.withDraft > 0 || modelFigures != nil else { return "" }
        var html = "<h2>Machine drafts</h2>\n"
        if drafts.withDraft > 0 {
            html += "<p class=\"note\">Of \(drafts.withDraft) annotations made with a draft shown, annotators changed or replaced "
                + "\(HTMLText.escape(HTMLText.percent(drafts.changedShare))); \(drafts.withoutDraft) annotations had no draft "
                + "(or were edits).</p>\n"
            html += SVGChart.bars(title: "What annotators did with the drafts", valueLabel: "annotations",
                                  rows: DraftOutcome.allCases.map { .init(label: $0.rawValue, values: [Double(drafts.counts[$0] ?? 0)]) },
                                  series: [.init(name: "annotations", color: SVGChart.blue)], width: 520)
        }
        if let modelFigures {
            html += "<h3>Model and people</h3>\n" + AgreementPage.figuresTable(modelFigures)
        }
        return html
    }
}
