import MalmoiAbuse
import MalmoiCore

/// Turns a project's accepted annotations into training examples, one per annotation.
///
/// ```swift
/// var builder = try ProjectExamples(project: project, axis: nil)
/// try builder.add(item: item, annotationID: 12, payload: payload)
/// let model = try TextClassifier.train(builder.examples, options: options)
/// ```
/// The `label` kind gives the payload's `labels` (multi-label when the project allows several). The
/// `abuse` kind gives one axis: `flagged` (`"1"` when any harm category was chosen, else `"0"`),
/// `categories` (multi-label harm categories), `severity` (`"0"`–`"3"`) or `target` (the target type).
/// Every label is checked against the project's label set or the taxonomy.
public struct ProjectExamples {
    /// The abuse kind's axes.
    public enum AbuseAxis: String, CaseIterable, Sendable {
        case flagged, categories, severity, target
    }

    /// The project.
    public let project: Project
    /// The axis read from abuse payloads (nil for other kinds).
    public let axis: AbuseAxis?
    /// The labels allowed.
    public let allowedLabels: Set<String>
    /// Whether the examples are multi-label.
    public let isMultiLabel: Bool
    /// The examples so far.
    public private(set) var examples: [LabeledText] = []

    /// Prepares to read a project.
    /// - Throws: ``ModelError`` `.invalidOption` for a kind without labels to learn or an axis given
    ///   for a kind other than `abuse`; ``AbuseError`` when the taxonomy is broken.
    public init(project: Project, axis: AbuseAxis?) throws {
        self.project = project
        switch project.kind.rawValue {
        case "label":
            guard axis == nil else { throw ModelError(.invalidOption, "--axis applies to abuse projects only") }
            let labels = (project.taskConfig["labels"]?.arrayValue ?? []).compactMap(\.stringValue)
            allowedLabels = Set(labels)
            isMultiLabel = project.taskConfig["multi"]?.boolValue ?? false
            self.axis = nil
        case "abuse":
            let chosen = axis ?? .flagged
            let taxonomy = try Taxonomy.standard()
            switch chosen {
            case .flagged: allowedLabels = ["0", "1"]
            case .categories: allowedLabels = Set(taxonomy.categories.map(\.id))
            case .severity: allowedLabels = Set(taxonomy.severities.keys.map { String($0) } + ["0"])
            case .target: allowedLabels = Set(taxonomy.targetTypes)
            }
            isMultiLabel = chosen == .categories
            self.axis = chosen
        default:
            throw ModelError(.invalidOption,
                             "project \(project.name) is of kind \(project.kind.rawValue); models learn label and abuse projects")
        }
    }

    /// Adds one accepted annotation of an item.
    /// - Throws: ``ModelError`` `.unknownLabel` or `.invalidLabel` naming the project, item and annotation;
    ///   `.emptyText` for an item without text.
    public mutating func add(item: Item, annotationID: Int64, payload: JSONValue) throws {
        let place = "project \(project.name), item \(item.id), annotation \(annotationID)"
        guard item.text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            throw ModelError(.emptyText, "\(place): the item's text is empty")
        }
        let labels = try self.labels(of: payload, at: place)
        examples.append(LabeledText(text: item.text, labels: labels, isMultiLabel: isMultiLabel))
    }

    /// The labels a payload (an annotation, or a draft in the same format) gives on this project's axis.
    /// - Parameter place: names the payload in error messages.
    /// - Throws: ``ModelError`` `.unknownLabel` or `.invalidLabel`.
    public func labels(of payload: JSONValue, at place: String) throws -> [String] {
        let labels: [String]
        switch axis {
        case nil:
            labels = (payload["labels"]?.arrayValue ?? []).compactMap(\.stringValue)
        case .flagged:
            labels = (payload["categories"]?.arrayValue ?? []).isEmpty ? ["0"] : ["1"]
        case .categories:
            labels = (payload["categories"]?.arrayValue ?? []).compactMap(\.stringValue)
        case .severity:
            guard let severity = payload["severity"]?.intValue else {
                throw ModelError(.invalidLabel, "\(place): field \"severity\": missing or not an integer")
            }
            labels = [String(severity)]
        case .target:
            guard let target = payload["target_type"]?.stringValue else {
                throw ModelError(.invalidLabel, "\(place): field \"target_type\": missing or not a string")
            }
            labels = [target]
        }
        for label in labels where !allowedLabels.contains(label) {
            throw ModelError(.unknownLabel,
                             "\(place): unknown label \"\(label)\"; allowed: \(allowedLabels.sorted().joined(separator: ", "))")
        }
        if !isMultiLabel && labels.count != 1 {
            throw ModelError(.invalidLabel, "\(place): expected one label, found \(labels.count)")
        }
        return labels
    }
}
