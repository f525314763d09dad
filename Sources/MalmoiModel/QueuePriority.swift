import MalmoiCore

/// Queue priorities for `--order uncertainty`: the items the model is least sure of come first.
///
/// ```swift
/// let priorities = QueuePriority.priorities(for: items.map(\.text), model: model)
/// // write priorities[i] into the queue row of items[i]; claim the highest priority first
/// ```
/// A priority is the prediction's ``Prediction/uncertainty`` scaled to `0 ... 1_000_000` and rounded,
/// so it fits an indexed integer column; ties keep import order when the queue orders by
/// `(priority DESC, item sequence ASC)`. Re-running `malmoi model train --project` and writing the new
/// priorities of open items re-scores the queue.
public enum QueuePriority {
    /// The largest priority (a prediction at exactly 0.5, or two labels tied).
    public static let maximum = 1_000_000

    /// The order a project's queue serves items in: its `"order"` setting.
    public enum Order: String, CaseIterable, Sendable {
        /// Import order (every priority 0).
        case `import`
        /// The items the project's last trained model is least sure of first.
        case uncertainty

        /// The project's `"order"` setting (`"import"` when absent).
        /// - Throws: ``TaskError`` `.invalidConfiguration` for another value.
        public init(project: Project) throws {
            guard let value = project.taskConfig["order"] else { self = .import; return }
            self = try TaskSetting.choice(value, "order", as: Order.self)
        }
    }

    /// The priority of one prediction.
    public static func priority(of prediction: Prediction) -> Int {
        Int((prediction.uncertainty * Double(maximum)).rounded())
    }

    /// The priorities of many texts, computed on all cores, in the order of the texts.
    public static func priorities(for texts: [String], model: TextClassifier, threads: Int? = nil) -> [Int] {
        model.predict(texts, threads: threads).map(priority(of:))
    }

    /// Scores every item that `items` streams (id and text) and hands all priorities to `write` at once
    /// (a store's ``AnnotationStore``-style `setPriorities`, one transaction). Returns what `write` returns.
    ///
    /// ```swift
    /// let count = try QueuePriority.rescore(model: model, items: { each in
    ///     try store.forEachExportItem(in: project, includeAll: true) { try each($0.item.id, $0.item.text) }
    /// }, write: { try store.setPriorities($0, in: project) })
    /// ```
    /// Texts are predicted in blocks of 8,192 on `threads` workers, so memory holds one block of texts
    /// plus one id and priority per item.
    public static func rescore(model: TextClassifier, threads: Int? = nil,
                               items: (_ each: (_ id: String, _ text: String) throws -> Void) throws -> Void,
                               write: ([(item: String, priority: Double)]) throws -> Int) throws -> Int {
        var scored: [(item: String, priority: Double)] = []
        var ids: [String] = []
        var texts: [String] = []
        func flush() {
            for (id, priority) in zip(ids, priorities(for: texts, model: model, threads: threads)) {
                scored.append((id, Double(priority)))
            }
            ids.removeAll(keepingCapacity: true)
            texts.removeAll(keepingCapacity: true)
        }
        try items { id, text in
            ids.append(id)
            texts.append(text)
            if texts.count == 8192 { flush() }
        }
        flush()
        return try write(scored)
    }
}
