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

    /// Adds every current annotation of one item: each annotation's stored draft outcome (the item's
    /// stored draft compared with the labels where an older annotation has none), and, with a model,
    /// the person's labels against `predicted`.
    public mutating func add(item: Item, annotations: [Annotation], predicted: [String]?, reader: ProjectExamples) throws {
        let place = "project \(reader.project.name), item \(item.id)"
        let draft = try item.preAnnotation.map { try reader.labels(of: $0, at: "\(place), draft") }
        for annotation in annotations {
            let human = try reader.labels(of: annotation.payload, at: "\(place), annotation \(annotation.id)")
            add(human: human, model: predicted,
                outcome: annotation.draftOutcome ?? draft.map { DraftOutcome(draft: $0, final: human) })
        }
    }

    /// The figures `agree --project` adds for a project: `"drafts"` (what annotators did with the drafts
    /// shown, for every kind, from the stored outcomes; absent when no annotation has one) and, for label and abuse
    /// projects with a model, `"model"` (percent agreement and Cohen's kappa between the model's labels
    /// and the people's, over `compared` annotations).
    ///
    /// `forEachItem` streams the project's items with their current annotations (a store's
    /// `forEachExportItem(in:includeAll: true)`).
    /// - Throws: ``ModelError`` when an annotation does not fit the project's labels, or what `forEachItem` throws.
    public static func projectFigures(project: Project, model: TextClassifier?,
                                      forEachItem: (_ body: (Item, [Annotation]) throws -> Void) throws -> Void) throws -> JSONObject {
        let reader = model == nil ? nil : try ProjectExamples(project: project, axis: nil)
        var agreement = ModelAgreement()
        var drafts = DraftOutcomeCounts()
        try forEachItem { item, annotations in
            drafts = annotations.reduce(into: drafts) { $0.add($1.draftOutcome) }
            if let reader, let model {
                try agreement.add(item: item, annotations: annotations, predicted: model.predict(item.text).labels, reader: reader)
            }
        }
        var figures = JSONObject()
        if drafts.withDraft > 0 { figures["drafts"] = drafts.json }
        if model != nil {
            var object = JSONObject()
            object["compared"] = .int(agreement.compared)
            object["percent_agreement"] = agreement.percentAgreement.map { .number($0) } ?? .null
            object["cohen_kappa"] = agreement.cohenKappa.map { .number($0) } ?? .null
            figures["model"] = .object(object)
        }
        return figures
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
