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

    /// The priority of one prediction.
    public static func priority(of prediction: Prediction) -> Int {
        Int((prediction.uncertainty * Double(maximum)).rounded())
    }

    /// The priorities of many texts, computed on all cores, in the order of the texts.
    public static func priorities(for texts: [String], model: TextClassifier, threads: Int? = nil) -> [Int] {
        model.predict(texts, threads: threads).map(priority(of:))
    }
}
