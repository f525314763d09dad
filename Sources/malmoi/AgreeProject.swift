import ArgumentParser
import MalmoiAgreement
import MalmoiCore
import MalmoiPostgres
import MalmoiStore
import MalmoiWorkflow

/// The options of `malmoi agree --project P`: the project's annotations, turned into reliability data by
/// the task module, scored by the agreement scorer (``ProjectAgreement``) instead of files.
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
        return try ProjectAgreement.measure(projectNamed: project, in: try StoreLocation(parsing: storePath).open(mustExist: true), options: options)
    }
}
