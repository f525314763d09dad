import MalmoiCore

/// A summary project's settings (the task configuration), with the defaults written in
/// `Guidelines/summary.md`.
///
/// ```swift
/// let settings = try SummarySettings(configuration: ["mode": "extractive", "draft_sentences": 3])
/// ```
public struct SummarySettings: Hashable, Sendable {
    /// What annotators produce.
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// A summary in their own words.
        case abstractive
        /// A choice of the document's sentences.
        case extractive
    }

    /// `mode`, default `abstractive`.
    public var mode: Mode = .abstractive
    /// Sentences in the machine draft, and the number an extractive summary must pick (`draft_sentences`, 3).
    public var draftSentences = 3
    /// The draft's ranking (`draft_method`: `textrank` or `lexrank`).
    public var draftMethod: ExtractiveDrafter.Method = .textRank
    /// Shortest abstractive summary in characters (`min_chars`, 20).
    public var minChars = 20
    /// Longest abstractive summary in characters (`max_chars`, 400).
    public var maxChars = 400
    /// Fewest sentences (`min_sentences`, 1).
    public var minSentences = 1
    /// Most sentences (`max_sentences`, 5).
    public var maxSentences = 5
    /// Lowest summary/document length ratio in characters (`min_compression`, 0.05).
    public var minCompression = 0.05
    /// Highest ratio (`max_compression`, 0.5).
    public var maxCompression = 0.5
    /// Least share of Hangul among the summary's letters (`min_hangul_share`, 0.5).
    public var minHangulShare = 0.5
    /// Character ROUGE-L F against the draft at or above which the summary counts as the draft copied
    /// back (`draft_copy_threshold`, 0.8).
    public var draftCopyThreshold = 0.8
    /// Most consecutive document sentences a summary may copy word for word (`max_copied_sentences`, 1).
    public var maxCopiedSentences = 1

    /// The defaults.
    public init() {}

    /// Reads the settings; unknown keys are refused.
    /// - Throws: ``TaskError`` `.invalidConfiguration`.
    public init(configuration: JSONObject) throws {
        for (key, value) in configuration {
            switch key {
            case "mode": mode = try TaskSetting.choice(value, key, as: Mode.self)
            case "draft_method": draftMethod = try TaskSetting.choice(value, key, as: ExtractiveDrafter.Method.self)
            case "draft_sentences": draftSentences = try TaskSetting.positiveInteger(value, key)
            case "min_chars": minChars = try TaskSetting.positiveInteger(value, key)
            case "max_chars": maxChars = try TaskSetting.positiveInteger(value, key)
            case "min_sentences": minSentences = try TaskSetting.positiveInteger(value, key)
            case "max_sentences": maxSentences = try TaskSetting.positiveInteger(value, key)
            case "max_copied_sentences": maxCopiedSentences = try TaskSetting.positiveInteger(value, key)
            case "min_compression": minCompression = try TaskSetting.fraction(value, key)
            case "max_compression": maxCompression = try TaskSetting.fraction(value, key)
            case "min_hangul_share": minHangulShare = try TaskSetting.fraction(value, key)
            case "draft_copy_threshold": draftCopyThreshold = try TaskSetting.fraction(value, key)
            case "dictionary", "morphemes": continue
            default:
                throw TaskError(.invalidConfiguration, "unknown summary setting \"\(key)\"; see Guidelines/summary.md")
            }
        }
        guard minChars <= maxChars, minSentences <= maxSentences, minCompression <= maxCompression else {
            throw TaskError(.invalidConfiguration, "a minimum setting is above its maximum")
        }
    }
}
