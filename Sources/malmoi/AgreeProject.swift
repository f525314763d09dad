import ArgumentParser
import MalmoiAgreement
import MalmoiAgreementInput
import MalmoiCore
import MalmoiPostgres
import MalmoiStore

/// `malmoi agree --project P`: the project's annotations, turned into reliability data by the task
/// module, scored by the agreement scorer.
///
/// `Agree.swift` hooks this in with `@OptionGroup var workflow: AgreeProjectOptions` and, in `run()`,
/// `if let summary = try workflow.summary(options: options) { … print summary … }` before reading files.
struct AgreeProjectOptions: ParsableArguments {
    @Option(help: "Score a project's annotations (through its task module) instead of files.")
    var project: String?

    @Option(name: .customLong("store"), help: "The SQLite store holding --project.")
    var storePath: String = "malmoi.sqlite"

    /// The agreement of `--project`: the scorer's summary of the task module's records (nil when the
    /// kind gives no records, e.g. abstractive summaries) and the kind's own figures; nil when no project
    /// was given (files are read instead).
    /// - Throws: ``StoreError`` for an unknown project, ``InputError`` when there is nothing to score.
    func agreement(options: AgreementOptions) throws -> (summary: AgreementSummary?, taskAgreement: JSONObject?)? {
        guard let project else { return nil }
        let store = try StoreLocation(parsing: storePath).open(mustExist: true)
        let target = try store.project(named: project)
        let module = try TaskKinds.module(for: target)
        let annotations = try AgreeProject.annotations(store: store, project: target)
        let records = module.agreementRecords(for: annotations, project: target)
        var figures = module.taskAgreement(for: annotations)
        let modelFigures = try ProjectModelFigures.figures(store: store, project: target)
        if modelFigures.count > 0 {
            var merged = figures ?? JSONObject()
            for (key, value) in modelFigures { merged[key] = value }
            figures = merged
        }
        if records.isEmpty {
            guard figures != nil else {
                throw InputError(.emptyInput, "project \(project) has no annotations that can be compared yet")
            }
            return (nil, figures)
        }
        return (try AgreementScorer.report(for: records, options: options, normalization: AgreementInput.nfc), figures)
    }
}

/// Turns a project's current annotations into the long format the scorer reads.
enum AgreeProject {
    /// Every current annotation of the project.
    static func annotations(store: any AnnotationStore, project: Project) throws -> [Annotation] {
        var annotations: [Annotation] = []
        try store.forEachCurrentAnnotation(in: project) { annotations.append($0) }
        return annotations
    }

    /// Every current annotation of the project as an ``AgreementRecord``.
    static func records(store: any AnnotationStore, project: Project, module: any TaskModule) throws -> [AgreementRecord] {
        module.agreementRecords(for: try annotations(store: store, project: project), project: project)
    }
}
