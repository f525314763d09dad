import MalmoiAgreement
import MalmoiAgreementInput
import MalmoiCore
import MalmoiStore

/// A project's agreement (`malmoi agree --project`, `export --format agreement`): its current
/// annotations, turned into reliability data by the task module, scored by the agreement scorer.
public enum ProjectAgreement {
    /// Every current annotation of the project.
    public static func annotations(store: any AnnotationStore, project: Project) throws -> [Annotation] {
        var annotations: [Annotation] = []
        try store.forEachCurrentAnnotation(in: project) { annotations.append($0) }
        return annotations
    }

    /// Every current annotation of the project as an ``AgreementRecord``.
    public static func records(store: any AnnotationStore, project: Project, module: any TaskModule) throws -> [AgreementRecord] {
        module.agreementRecords(for: try annotations(store: store, project: project), project: project)
    }

    /// The scorer's summary of the module's records (nil when the kind gives no records, e.g. abstractive
    /// summaries; labels in NFC) and the kind's own figures (QA answer EM/F1, summary ROUGE …).
    /// `extraFigures` (the model–human agreement of a project with a pre-label model) join the kind's figures.
    /// - Throws: ``InputError`` `.emptyInput` when there is nothing to score; scorer errors.
    public static func measure(store: any AnnotationStore, project: Project, module: any TaskModule,
                               options: AgreementOptions, extraFigures: JSONObject = JSONObject()) throws
        -> (summary: AgreementSummary?, taskAgreement: JSONObject?) {
        let annotations = try annotations(store: store, project: project)
        let records = module.agreementRecords(for: annotations, project: project)
        var figures = module.taskAgreement(for: annotations)
        if extraFigures.count > 0 {
            var merged = figures ?? JSONObject()
            for (key, value) in extraFigures { merged[key] = value }
            figures = merged
        }
        if records.isEmpty {
            guard figures != nil else {
                throw InputError(.emptyInput, "project \(project.name) has no annotations that can be compared yet")
            }
            return (nil, figures)
        }
        return (try AgreementScorer.report(for: records, options: options, normalization: AgreementInput.nfc), figures)
    }
}
