import MalmoiAbuse
import MalmoiCore
import MalmoiLabel
import MalmoiMorph
import MalmoiMorphTask
import MalmoiQA
import MalmoiSummary

/// The task kinds `malmoi` knows, from the kind string stored in a project to its module.
///
/// Other modules register their kinds here by adding one entry (QA, summary, morpheme correction, abuse).
enum TaskKinds {
    /// Every registered kind.
    static let registry: [String: any TaskModule.Type] = [
        LabelTask.kind.rawValue: LabelTask.self,
        QATask.kind.rawValue: QATask.self,
        SummaryTask.kind.rawValue: SummaryTask.self,
        AbuseTask.kind.rawValue: AbuseTask.self,
        MorphCorrectionTask.kind.rawValue: MorphCorrectionTask.self,
    ]

    /// The known kind names, sorted.
    static var names: [String] { registry.keys.sorted() }

    /// The module of a kind, configured with a task configuration.
    /// - Throws: ``TaskError`` for an unknown kind or an unusable configuration.
    static func module(kind: String, configuration: JSONObject) throws -> any TaskModule {
        guard let type = registry[kind] else {
            throw TaskError(.unknownKind, "unknown task kind \"\(kind)\"; known kinds: \(names.joined(separator: ", "))")
        }
        return try type.init(configuration: configuration)
    }

    /// The module of a project.
    static func module(for project: Project) throws -> any TaskModule {
        try module(kind: project.kind.rawValue, configuration: project.taskConfig)
    }
}
