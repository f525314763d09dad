import MalmoiCore

extension Analyzer {
    /// The analyzer a task module's configuration asks for: mecab-ko-dic from the `"dictionary"` setting
    /// (a directory) or from discovery, unless `"morphemes": false`; nil when it is turned off or no
    /// dictionary is found (the module then works without morphemes).
    ///
    /// ```swift
    /// let analyzer = Analyzer(taskConfiguration: ["morphemes": false])   // nil
    /// ```
    public init?(taskConfiguration configuration: JSONObject) {
        guard configuration["morphemes"]?.boolValue != false,
              let dictionary = try? SystemDictionary.discover(explicit: configuration["dictionary"]?.stringValue)
        else { return nil }
        self.init(dictionary: dictionary)
    }
}
