import ArgumentParser
import MalmoiAgreement
import MalmoiCore
import MalmoiModel
import MalmoiPostgres
import MalmoiStore
import MalmoiWorkflow

/// `malmoi agree --project P`: the project's annotations, turned into reliability data by the task
/// module, scored by the agreement scorer.
///
/// `Agree.swift` hooks this in with `@OptionGroup var workflow: AgreeProjectOptions` and, in `run()`,
/// `if let summary = try workflow.summary(options: options) { … print summary … }` before reading files.
struct AgreeProjectOptions: ParsableArguments {
    @Option(help: "Score a project's annotations (through its task module) instead of files.")
    var project: String?

    @Option(name: .customLong("store"), help: "The store holding --project: a SQLite file or a postgresql:// URL.")
    var storePath: String = "malmoi.sqlite"

    /// The agreement of `--project`: the scorer's summary of the task module's records (nil when the
    /// kind gives no records, e.g. abstractive summaries) and the kind's own figures; nil when no project
    /// was given (files are read instead).
    /// - Throws: ``StoreError`` for an unknown project, ``InputError`` when there is nothing to score.
    func agreement(options: AgreementOptions) throws -> (summary: AgreementSummary?, taskAgreement: JSONObject?)? {
        guard let project else { return nil }
        let store = try StoreLocation(parsing: storePath).open(mustExist: true)
        let target = try store.project(named: project)
        return try ProjectAgreement.measure(store: store, project: target, module: try TaskKinds.module(for: target), options: options,
                                            extraFigures: try ModelAgreement.projectFigures(store: store, project: target))
    }
}
