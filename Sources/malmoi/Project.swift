import ArgumentParser
import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiStore
import MalmoiWorkflow

/// The `--store` option shared by the workflow subcommands.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: """
        The store: a SQLite file (created if missing) or postgresql://user[:password]@host[:port]/db[?sslmode=…] \
        (default: $MALMOI_STORE, else malmoi.sqlite).
        """)
    var path: String = ProcessInfo.processInfo.environment["MALMOI_STORE"] ?? "malmoi.sqlite"

    @Option(name: .customLong("sync"), help: """
        SQLite durability: normal (default; every acknowledged write survives a killed process) or full \
        (each write is synced to disk before it is acknowledged, so it also survives power loss; slower).
        """)
    var synchronous: SQLiteStore.Synchronous = .normal

    @Option(help: "A team server (malmoi serve) to work on instead of --store (default: $MALMOI_SERVER).") var server: String?
    @Option(help: "The token for --server (default: $MALMOI_TOKEN, else the one `malmoi login` saved).") var token: String?
    @Flag(help: "Allow --server over plain http:// to another machine (the token travels in clear).") var insecureHttp = false

    /// Opens the store, creating a SQLite file when there is none unless `mustExist` (commands that only
    /// read it: a mistyped path is an error), or the team server with --server.
    func open(mustExist: Bool = false) throws -> any AnnotationStore {
        if let server = server ?? RemoteCredentials.environmentServer { return try RemoteCredentials.open(server: server, token: token, insecureHTTP: insecureHttp) }
        return try StoreLocation(parsing: path).open(mustExist: mustExist, synchronous: synchronous)
    }

    /// Opens a store that must exist already.
    func openExisting() throws -> any AnnotationStore { try open(mustExist: true) }
}

/// Writes a line to standard error.
func writeError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

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

extension SQLiteStore.Synchronous: ExpressibleByArgument {}
