import ArgumentParser
import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiStore
import MalmoiWorkflow

extension Malmoi {
    /// `malmoi store copy`.
    struct Store: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "store",
            abstract: "Work on whole stores.",
            subcommands: [Copy.self]
        )

        /// `malmoi store copy --from SRC --to DST`.
        struct Copy: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "copy",
                abstract: "Copy every project of one store into another (SQLite file or PostgreSQL URL).",
                discussion: """
                    Copies annotators and their qualifications, and each project with its settings, items, gold answers, \
                    annotations with the versions their edits replaced, reviews and points, open claims and skips; exports \
                    of a project from both stores are then byte-identical. The target must not hold projects of the \
                    same names. Prints one line per project to stderr.

                    Example:
                      malmoi store copy --from malmoi.sqlite --to postgresql://malmoi@db.internal/labels
                    """
            )
            @Option(help: "The store to copy from (must exist).") var from: String
            @Option(help: "The store to copy into (created when it is a new SQLite file).") var to: String

            func run() throws {
                let source = try StoreLocation(parsing: from).open(mustExist: true)
                let target = try StoreLocation(parsing: to).open()
                let summary = try StoreCopy(from: source, to: target, modules: TaskKinds.module(for:)).run { name in writeError("copied project \(name)") }
                writeError("copied \(summary.projects) project(s): \(summary.items) items, \(summary.annotations) annotations, \(summary.reviews) reviews, \(summary.superseded) replaced by edits, \(summary.assignments) open claims and skips")
                for note in summary.recomputed.prefix(1_000) { writeError("  recomputed: \(ProjectLimits.escapedForTerminal(note))") }
            }
        }
    }
}

extension Malmoi.Project {
    /// `malmoi project release --project P [--annotator A]`.
    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "release",
            abstract: "Free the claims annotators hold on a project's items, so others can take them.",
            discussion: """
                Claims also expire by themselves after the project's claim timeout (30 minutes unless set with \
                --claim-timeout). Prints how many claims were freed to stderr.

                Example:
                  malmoi project release --project reviews --annotator kim
                  malmoi project release --project reviews --claim-timeout 10
                """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "The project.") var project: String
        @Option(help: "Only this annotator's claims (default: everyone's).") var annotator: String?
        @Option(help: "Also set the project's claim timeout, in minutes.") var claimTimeout: Double?

        func validate() throws {
            if let claimTimeout, !(claimTimeout > 0) { throw ValidationError("--claim-timeout must be a positive number of minutes") }
        }

        func run() throws {
            let opened = try store.openExisting()
            let target = try opened.project(named: project)
            if let claimTimeout { try opened.setClaimTimeout(claimTimeout * 60, of: target) }
            let freed = try opened.releaseClaims(in: target, annotator: annotator)
            writeError("released \(freed) claim(s) in \(project)" + (annotator.map { " held by \($0)" } ?? ""))
        }
    }
}
