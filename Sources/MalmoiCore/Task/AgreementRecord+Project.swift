extension AgreementRecord {
    /// The record as its JSONL object `{"task", "item", "annotator", "label"}` (the task as a string).
    public var jsonValue: JSONValue {
        .object(JSONObject([("task", .string(task)), ("item", .string(item)),
                            ("annotator", .string(annotator)), ("label", label)]))
    }
}

extension TaskModule {
    /// The module's records of a project's annotations; their task is the project's name, or
    /// `project/task` when the module scores several tasks (an extractive summary's sentence sets and
    /// per-sentence decisions).
    public func agreementRecords(for annotations: [Annotation], project: Project) -> [AgreementRecord] {
        agreementRecords(for: annotations).map { record in
            var named = record
            named.task = record.task.map { "\(project.name)/\($0)" } ?? project.name
            return named
        }
    }
}
