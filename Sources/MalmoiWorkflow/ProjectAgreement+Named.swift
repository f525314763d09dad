import MalmoiAgreement
import MalmoiCore
import MalmoiModel
import MalmoiStore

extension ProjectAgreement {
    /// The agreement of `agree --project NAME`: the scorer's summary of the project's records (nil when
    /// its kind gives no records, e.g. abstractive summaries) and the kind's own figures, with the
    /// model–human figures of a project that names a model.
    /// - Throws: ``StoreError`` for an unknown project, ``TaskError`` for an unusable kind, ``InputError``
    ///   when there is nothing to score.
    public static func measure(projectNamed name: String, in store: any AnnotationStore, options: AgreementOptions) throws
        -> (summary: AgreementSummary?, taskAgreement: JSONObject?) {
        let project = try store.project(named: name)
        return try measure(store: store, project: project, module: try TaskKinds.module(for: project), options: options,
                           extraFigures: try ModelAgreement.projectFigures(store: store, project: project))
    }
}
