import MalmoiCore
import MalmoiModel
import MalmoiStore

extension QueuePriority {
    /// With the project's `"order": "uncertainty"` setting, writes a new model's priorities into the
    /// project's queue (`malmoi model train --project`).
    /// - Returns: The count of items re-scored, or nil when the project serves items in import order.
    /// - Throws: ``StoreError``; ``TaskError`` for a bad `"order"` setting.
    public static func rescoreQueue(of project: Project, in store: any AnnotationStore, model: TextClassifier, threads: Int?) throws -> Int? {
        guard try Order(project: project) == .uncertainty else { return nil }
        return try rescore(model: model, threads: threads, items: { each in
            try store.forEachExportItem(in: project, includeAll: true) { try each($0.item.id, $0.item.text) }
        }, write: { try store.setPriorities($0, in: project) })
    }
}

extension ItemDrafter {
    /// A function that fills in the machine draft of a record arriving without one (`malmoi import`): the
    /// project's model (its `"model"` setting, loaded once here), else the task module's draft.
    /// - Throws: ``ModelError`` for a bad model file; ``MorphError`` when its dictionary is missing.
    public static func filler(for project: Project, module: any TaskModule) throws -> (ImportRecord) -> ImportRecord {
        let classifier = try modelPath(for: project).map { try ModelDictionary(explicit: nil).loadModel($0) }
        let drafter = ItemDrafter(module: module, classifier: classifier)
        return { record in
            var record = record
            record.item.preAnnotation = drafter.draft(for: record.item)
            return record
        }
    }
}

extension ModelAgreement {
    /// The model and draft figures `agree --project` and `report` add (see
    /// ``projectFigures(project:model:forEachItem:)``): the project's `"model"` setting, when it has
    /// one, is loaded and compared with the people's labels.
    public static func projectFigures(store: any AnnotationStore, project: Project) throws -> JSONObject {
        let classifier = try ItemDrafter.modelPath(for: project).map { try ModelDictionary(explicit: nil).loadModel($0) }
        return try projectFigures(project: project, model: classifier) { body in
            try store.forEachExportItem(in: project, includeAll: true) { exported in
                try body(exported.item, exported.annotations.map(\.annotation))
            }
        }
    }
}
