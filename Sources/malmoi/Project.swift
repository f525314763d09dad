import ArgumentParser
import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiStore
import MalmoiWorkflow

extension Malmoi {
    /// `malmoi project create | list | show | qualify`.
    struct Project: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "project",
            abstract: "Create, list and show annotation projects.",
            subcommands: [Create.self, List.self, Show.self, Qualify.self, Release.self, ExportNames.self]
        )

        /// `malmoi project create NAME`.
        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "create",
                abstract: "Create a project.",
                discussion: """
                    Prints nothing on success; the project is stored in --store.

                    Example:
                      malmoi project create reviews --kind label --labels 긍정,부정,중립 --overlap 2 --points 10 \\
                        --reasons wrong-label,careless,duplicate --guideline Guidelines/label.md
                    """
            )
            @OptionGroup var store: StoreOptions
            @Argument(help: "The project's name.") var name: String
            @Option(help: "The task kind (\(TaskKinds.names.joined(separator: ", "))).") var kind: String = "label"
            @Option(help: "Comma-separated label set (label kind).") var labels: String?
            @Flag(help: "Allow several labels per item (label kind).") var multi = false
            @Option(help: "The task configuration as a JSON object (merged under --labels/--multi).") var config: String?
            @Option(help: "Path of the annotator guideline shown by :guide.") var guideline: String?
            @Option(help: "Points credited per accepted annotation.") var points: Int = 1
            @Option(help: "Annotations wanted per item (distinct annotators).") var overlap: Int = 1
            @Option(help: "Qualification an annotator must hold.") var qualification: String?
            @Option(help: "Comma-separated reason codes reviewers give when rejecting.") var reasons: String?
            @Option(help: "Share of served items that are gold items (0 to 1).") var goldRate: Double = 0
            @Option(help: "Trigram similarity (0 to 1) at which a reviewer is shown near-duplicates.") var nearDuplicate: Double = 0.8
            @Flag(help: "Keep item text byte for byte instead of NFC-normalizing it.") var verbatim = false

            func run() throws {
                guard let taskConfig = MalmoiCore.Project.taskConfiguration(json: config, labels: labels, multi: multi) else {
                    throw ValidationError("--config must be a JSON object")
                }
                _ = try TaskKinds.module(kind: kind, configuration: taskConfig)
                let name = try checkedName(self.name, "the project name")
                let project = MalmoiCore.Project(
                    name: name, kind: TaskKind(kind), taskConfig: taskConfig, guideline: guideline, pointsPerAccept: points,
                    overlap: overlap, requiredQualification: try qualification.map { try checkedName($0, "--qualification") },
                    reasonCodes: try (reasons?.commaSeparatedEntries ?? []).map { try checkedName($0, "--reasons") },
                    goldRate: goldRate, nearDuplicateThreshold: nearDuplicate, isVerbatim: verbatim)
                try project.checkSettings()
                _ = try store.open().createProject(project)
                writeError("created project \(name) (\(kind), overlap \(overlap), \(points) points per accepted annotation)")
            }
        }

        /// `malmoi project list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List projects.",
                discussion: "Prints one project per line (name, kind, overlap), or one JSON object per line with --format json."
            )
            @OptionGroup var store: StoreOptions
            @Option(help: ReportFormat.help) var format: ReportFormat = .table

            func run() throws {
                let output = ByteWriter()
                for project in try store.open().projects() {
                    if format == .json {
                        output.writeJSONLine(project.jsonValue)
                    } else {
                        output.write("\(project.name)\t\(project.kind)\toverlap \(project.overlap)\n")
                    }
                }
                try output.flush()
            }
        }

        /// `malmoi project show NAME`.
        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "show",
                abstract: "Show a project's settings and counts.",
                discussion: "Prints the settings as one JSON object (with item and annotation counts) to stdout."
            )
            @OptionGroup var store: StoreOptions
            @Argument(help: "The project's name.") var name: String

            func run() throws {
                let opened = try store.open()
                let output = ByteWriter()
                output.writeJSONLine(try ProjectOverview.json(store: opened, project: opened.project(named: name)))
                try output.flush()
            }
        }

        /// `malmoi project qualify ANNOTATOR QUALIFICATION...`.
        struct Qualify: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "qualify",
                abstract: "Grant qualifications to an annotator.",
                discussion: "Example: malmoi project qualify kim korean-native"
            )
            @OptionGroup var store: StoreOptions
            @Argument(help: "The annotator's id.") var annotator: String
            @Argument(help: "Qualifications to grant.") var qualifications: [String]

            func run() throws {
                let holder = try store.open().registerAnnotator(annotator, qualifications: qualifications)
                writeError("\(annotator): \(holder.qualifications.joined(separator: ", "))")
            }
        }
    }
}
