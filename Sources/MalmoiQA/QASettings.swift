import MalmoiCore

/// A QA project's settings (the task configuration), with the defaults written in `Guidelines/qa.md`.
///
/// ```swift
/// let settings = try QASettings(configuration: ["allow_unanswerable": true, "answer_max_chars": 40])
/// ```
public struct QASettings: Hashable, Sendable {
    /// What annotators do.
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// Write a question and its answer over a passage (item = passage).
        case write
        /// Answer an existing question without seeing the first answer (item = question; validation pass).
        case answer
    }

    /// What annotators do (`mode`, default `write`).
    public var mode: Mode = .write
    /// Whether unanswerable questions are accepted (`allow_unanswerable`, default false).
    public var allowsUnanswerable = false
    /// Shortest question in characters (`question_min_chars`, default 8).
    public var questionMinChars = 8
    /// Longest question in characters (`question_max_chars`, default 120).
    public var questionMaxChars = 120
    /// Longest answer in characters (`answer_max_chars`, default 30; KorQuAD 2.0-style projects raise it).
    public var answerMaxChars = 30
    /// Share of the question's character trigrams found in the answer's sentence at or above which the
    /// question counts as copied (`copy_threshold`, default 0.7).
    public var copyThreshold = 0.7

    /// The defaults.
    public init() {}

    /// Reads the settings from a project's task configuration; unknown keys are refused.
    /// - Throws: ``TaskError`` `.invalidConfiguration`.
    public init(configuration: JSONObject) throws {
        for (key, value) in configuration {
            switch key {
            case "mode": mode = try TaskSetting.choice(value, key, as: Mode.self)
            case "allow_unanswerable": allowsUnanswerable = try TaskSetting.flag(value, key)
            case "question_min_chars": questionMinChars = try TaskSetting.positiveInteger(value, key)
            case "question_max_chars": questionMaxChars = try TaskSetting.positiveInteger(value, key)
            case "answer_max_chars": answerMaxChars = try TaskSetting.positiveInteger(value, key)
            case "copy_threshold": copyThreshold = try TaskSetting.fraction(value, key, allowsZero: false)
            case "dictionary", "morphemes":
                continue
            default:
                throw TaskError(.invalidConfiguration, "unknown qa setting \"\(key)\"; see Guidelines/qa.md")
            }
        }
        guard questionMinChars <= questionMaxChars else {
            throw TaskError(.invalidConfiguration, "question_min_chars (\(questionMinChars)) is above question_max_chars (\(questionMaxChars))")
        }
    }
}
