import MalmoiCore

/// Fills in the machine draft of an item that arrives without one: the project's model's suggestion
/// when a classifier is given (label projects whose configuration names a `"model"` file), else the
/// task module's own draft (`TaskModule.preAnnotate`).
///
/// ```swift
/// let drafter = ItemDrafter(module: module, classifier: nil)
/// item.preAnnotation = drafter.draft(for: item)
/// ```
public struct ItemDrafter {
    /// The project's task module.
    public let module: any TaskModule
    /// The project's model, when it drafts instead of the module.
    public let classifier: TextClassifier?

    /// A drafter for a project's module and, optionally, its model.
    public init(module: any TaskModule, classifier: TextClassifier?) {
        self.module = module
        self.classifier = classifier
    }

    /// The model file that drafts for a project: the `"model"` setting of a label project, else nil.
    public static func modelPath(for project: Project) -> String? {
        project.kind.rawValue == "label" ? project.taskConfig["model"]?.stringValue : nil
    }

    /// The item's draft: the one it came with, else the model's labels and score, else the module's.
    public func draft(for item: Item) -> JSONValue? {
        if let stored = item.preAnnotation { return stored }
        guard let classifier else { return module.preAnnotate(item) }
        let prediction = classifier.predict(item.text)
        return [
            "labels": .array(prediction.labels.map { .string($0) }),
            "model_score": .number(prediction.score),
        ]
    }
}
