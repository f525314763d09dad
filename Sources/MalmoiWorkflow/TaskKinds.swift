import MalmoiAbuse
import MalmoiCore
import MalmoiLabel
import MalmoiMorphTask
import MalmoiQA
import MalmoiSummary

/// The task kinds Malmoi knows, from the kind string stored in a project to its module.
///
/// ```swift
/// let module = try TaskKinds.module(for: try store.project(named: "reviews"))
/// ```
/// A new kind registers here by adding one entry (label, QA, summary, abuse, morpheme correction).
public enum TaskKinds {
    /// Every registered kind.
    public static let registry: [String: any TaskModule.Type] = [
        LabelTask.kind.rawValue: LabelTask.self,
        QATask.kind.rawValue: QATask.self,
        SummaryTask.kind.rawValue: SummaryTask.self,
        AbuseTask.kind.rawValue: AbuseTask.self,
        MorphCorrectionTask.kind.rawValue: MorphCorrectionTask.self,
    ]

    /// The known kind names, sorted.
    public static var names: [String] { registry.keys.sorted() }

    /// The module of a kind, configured with a task configuration.
    /// - Throws: ``TaskError`` for an unknown kind or an unusable configuration.
    public static func module(kind: String, configuration: JSONObject) throws -> any TaskModule {
        guard let type = registry[kind] else {
            throw TaskError(.unknownKind, "unknown task kind \"\(kind)\"; known kinds: \(names.joined(separator: ", "))")
        }
        return try type.init(configuration: configuration)
    }

    /// The module of a project.
    /// - Throws: ``TaskError`` for an unknown kind or an unusable configuration.
    public static func module(for project: Project) throws -> any TaskModule {
        try module(kind: project.kind.rawValue, configuration: project.taskConfig)
    }
}
