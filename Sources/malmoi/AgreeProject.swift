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
        let records = AgreeProject.records(for: annotations, project: target, module: module)
        let figures = module.taskAgreement(for: annotations)
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

    /// The module's records; their task is the project's name, or `project/task` when the module
    /// scores several tasks (an extractive summary's sentence sets and per-sentence decisions).
    static func records(for annotations: [Annotation], project: Project, module: any TaskModule) -> [AgreementRecord] {
        module.agreementRecords(for: annotations).map { record in
            var named = record
            named.task = record.task.map { "\(project.name)/\($0)" } ?? project.name
            return named
        }
    }

    /// Every current annotation of the project as an ``AgreementRecord``.
    static func records(store: any AnnotationStore, project: Project, module: any TaskModule) throws -> [AgreementRecord] {
        records(for: try annotations(store: store, project: project), project: project, module: module)
    }

    /// One record as its JSONL object `{"task", "item", "annotator", "label"}`.
    static func json(_ record: AgreementRecord) -> JSONValue {
        .object(JSONObject([("task", .string(record.task)), ("item", .string(record.item)),
                            ("annotator", .string(record.annotator)), ("label", record.label)]))
    }
}
