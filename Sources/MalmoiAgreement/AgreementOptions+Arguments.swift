extension AgreementOptions {
    /// Options from the words of a command line (`malmoi agree`): a level name, metric names (each
    /// entry may hold several, comma-separated), the confidence level and resample count of the
    /// bootstrap (a confidence level alone implies 1,000 resamples).
    ///
    /// ```swift
    /// try AgreementOptions(levelName: "nominal", metricNames: ["krippendorff_alpha, fleiss_kappa"], confidence: 0.9)
    /// ```
    /// Check the words first with ``problem(levelName:metricNames:confidence:bootstrapResamples:)``; unknown
    /// names are ignored here.
    public init(levelName: String?, metricNames: [String], includesBreakdowns: Bool = true, includesVariants: Bool = true,
                confidence: Double?, bootstrapResamples: Int?, seed: UInt64 = 1) {
        self.init()
        level = levelName.flatMap(AgreementLevel.init(rawValue:))
        let names = Self.splitMetricNames(metricNames)
        if !names.isEmpty { metrics = Set(names.compactMap(AgreementMetric.init(rawValue:))) }
        self.includesBreakdowns = includesBreakdowns
        self.includesVariants = includesVariants
        self.confidence = confidence ?? 0.95
        self.bootstrapResamples = bootstrapResamples ?? (confidence != nil ? 1000 : 0)
        self.seed = seed
    }

    /// What is wrong with the words of a command line, as the message for the user, or nil when they
    /// are usable: an unknown level or metric (the known ones are listed), a confidence level outside
    /// (0, 1), a negative resample count.
    public static func problem(levelName: String?, metricNames: [String], confidence: Double?, bootstrapResamples: Int?) -> String? {
        if let levelName, AgreementLevel(rawValue: levelName) == nil {
            let names = AgreementLevel.allCases.map(\.rawValue).joined(separator: ", ")
            return "--level must be one of \(names), not '\(levelName)'"
        }
        for name in splitMetricNames(metricNames) where AgreementMetric(rawValue: name) == nil {
            return "unknown --metric '\(name)'; known: \(AgreementMetric.allCases.map(\.rawValue).joined(separator: ", "))"
        }
        if let confidence, !(confidence > 0 && confidence < 1) { return "--ci must be between 0 and 1, not \(confidence)" }
        if let bootstrapResamples, bootstrapResamples < 0 { return "--bootstrap must not be negative" }
        return nil
    }

    /// Metric names from entries that may each hold several, comma-separated, with spaces around them;
    /// empty names are dropped.
    static func splitMetricNames(_ entries: [String]) -> [String] {
        entries.flatMap { $0.split(separator: ",").map(trimmingSpaces) }.filter { !$0.isEmpty }
    }

    private static func trimmingSpaces(_ text: Substring) -> String {
        var scalars = text
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
