import ArgumentParser
import MalmoiAgreement
import MalmoiCore
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

    /// The agreement summary of `--project`, or nil when no project was given (files are read instead).
    func summary(options: AgreementOptions) throws -> AgreementSummary? {
        guard let project else { return nil }
        let store = try SQLiteStore(path: storePath)
        let target = try store.project(named: project)
        let records = try AgreeProject.records(store: store, project: target, module: TaskKinds.module(for: target))
        return try AgreementScorer.report(for: records, options: options)
    }
}

/// Turns a project's current annotations into the long format the scorer reads.
enum AgreeProject {
    /// Every current annotation of the project as an ``AgreementRecord`` whose task is the project's name.
    static func records(store: any AnnotationStore, project: Project, module: any TaskModule) throws -> [AgreementRecord] {
        var annotations: [Annotation] = []
        try store.forEachCurrentAnnotation(in: project) { annotations.append($0) }
        return module.agreementRecords(for: annotations).map { record in
            var named = record
            named.task = project.name
            return named
        }
    }

    /// One record as its JSONL object `{"task", "item", "annotator", "label"}`.
    static func json(_ record: AgreementRecord) -> JSONValue {
        .object(JSONObject([("task", .string(record.task)), ("item", .string(record.item)),
                            ("annotator", .string(record.annotator)), ("label", record.label)]))
    }
}
