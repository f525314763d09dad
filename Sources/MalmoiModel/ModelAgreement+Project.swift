import MalmoiCore

extension ModelAgreement {
    /// Adds every current annotation of one item, compared with the model's labels for the item
    /// (`predicted`, nil without a model) and with the item's stored draft, both read by `reader`.
    ///
    /// A payload or draft that does not fit the project is an error naming the project, the item and
    /// the annotation.
    public mutating func add(item: Item, annotations: [(id: Int64, payload: JSONValue)], predicted: [String]?,
                             reader: ProjectExamples) throws {
        let place = "project \(reader.project.name), item \(item.id)"
        let draft = try item.preAnnotation.map { try reader.labels(of: $0, at: "\(place), draft") }
        for annotation in annotations {
            let human = try reader.labels(of: annotation.payload, at: "\(place), annotation \(annotation.id)")
            add(human: human, model: predicted, draft: draft)
        }
    }

    /// The tally as the JSON object `malmoi model agree --format json` writes (schema version 1):
    /// the project, the model file, the figures and the drafts' outcomes.
    public func json(project: String, model: String?) -> JSONValue {
        var object = JSONObject()
        object["schema_version"] = 1
        object["project"] = .string(project)
        object["model"] = .string(model)
        object["compared"] = .int(compared)
        object["percent_agreement"] = percentAgreement.map { .number($0) } ?? .null
        object["cohen_kappa"] = cohenKappa.map { .number($0) } ?? .null
        var drafts = JSONObject()
        for outcome in DraftOutcome.allCases { drafts[outcome.rawValue] = .int(draftOutcomes[outcome] ?? 0) }
        drafts["without_draft"] = .int(withoutDraft)
        object["drafts"] = .object(drafts)
        return .object(object)
    }
}
