import MalmoiCore
import MalmoiModel
import MalmoiStore

extension ProjectExamples {
    /// The accepted annotations of a label or abuse project as training examples (`model train --project`).
    /// - Parameter axis: for abuse projects, which axis becomes the label.
    /// - Throws: ``ModelError`` `.noData` when nothing is accepted yet; store and configuration errors.
    public static func collect(from store: any AnnotationStore, project: Project, axis: AbuseAxis?) throws -> [LabeledText] {
        var builder = try ProjectExamples(project: project, axis: axis)
        try store.forEachExportItem(in: project, includeAll: false) { exported in
            for annotation in exported.annotations {
                try builder.add(item: exported.item, annotationID: annotation.annotation.id, payload: annotation.annotation.payload)
            }
        }
        guard !builder.examples.isEmpty else {
            throw ModelError(.noData, "project \(project.name) has no accepted annotations yet")
        }
        return builder.examples
    }
}

extension ModelAgreement {
    /// Compares every current annotation of `project` with the prediction for its item of the classifier
    /// that `loadClassifier` returns (if any; called once the project is known to be usable) and with the
    /// draft stored with the item (`model agree`).
    public static func measure(store: any AnnotationStore, project: Project, axis: ProjectExamples.AbuseAxis?,
                               loadClassifier: () throws -> TextClassifier?) throws -> ModelAgreement {
        let reader = try ProjectExamples(project: project, axis: axis)
        let classifier = try loadClassifier()
        var agreement = ModelAgreement()
        try store.forEachExportItem(in: project, includeAll: true) { exported in
            try agreement.add(item: exported.item,
                              annotations: exported.annotations.map(\.annotation),
                              predicted: classifier?.predict(exported.item.text).labels, reader: reader)
        }
        return agreement
    }

    /// The `model agree` report for people: the model, the comparisons, percent agreement and Cohen's kappa
    /// (four decimals, `undefined` when there is nothing to compare) and the drafts kept, changed or replaced.
    public func table(model: String?) -> String {
        func figure(_ value: Double?) -> String { value.map { FixedDecimal.format($0) } ?? "undefined" }
        let outcomes = DraftOutcome.allCases.map { "\($0.rawValue) \(draftOutcomes[$0] ?? 0)" }
        return "model: \(model ?? "none")\n"
            + "annotations compared with the model: \(compared)\n"
            + "percent agreement: \(figure(percentAgreement))\n"
            + "Cohen's kappa: \(figure(cohenKappa))\n"
            + "drafts: \(outcomes.joined(separator: ", ")), without draft \(withoutDraft)\n"
    }
}
