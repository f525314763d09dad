extension Project {
    /// The task configuration of a new project as `malmoi project create` gives it: the `json` object
    /// (empty when nil), with `labels` (a comma-separated list) and `"multi": true` set over it.
    /// Nil when `json` is not a JSON object.
    ///
    /// ```swift
    /// Project.taskConfiguration(json: #"{"mode":"write"}"#, labels: nil, multi: false)   // ["mode": "write"]
    /// Project.taskConfiguration(json: nil, labels: "긍정, 부정", multi: true)  // labels ["긍정","부정"], multi true
    /// ```
    public static func taskConfiguration(json: String?, labels: String?, multi: Bool) -> JSONObject? {
        var configuration = JSONObject()
        if let json {
            guard let object = (try? JSONValue.parse(json))?.objectValue else { return nil }
            configuration = object
        }
        if let labels { configuration["labels"] = .array(labels.commaSeparatedEntries.map { .string($0) }) }
        if multi { configuration["multi"] = .bool(true) }
        return configuration
    }
}
