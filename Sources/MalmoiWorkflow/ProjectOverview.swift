import MalmoiCore
import MalmoiStore

/// What `malmoi project show` prints.
public enum ProjectOverview {
    /// The project's settings as one JSON object with its item, gold-item and annotation counts added.
    public static func json(store: any AnnotationStore, project: Project) throws -> JSONValue {
        let statistics = try store.statistics(for: project)
        var object = project.jsonValue.objectValue ?? JSONObject()
        object["items"] = .int(statistics.items)
        object["gold_items"] = .int(statistics.goldItems)
        object["annotations"] = .int(statistics.annotations)
        return .object(object)
    }
}
