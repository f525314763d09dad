import MalmoiCore

/// A QA project's settings (the task configuration), with the defaults written in `Guidelines/qa.md`.
///
/// ```swift
/// let settings = try QASettings(configuration: ["allow_unanswerable": true, "answer_max_chars": 40])
/// ```
public struct QASettings: Hashable, Sendable {
    /// What annotators do.
    public enum Mode: String, Hashable, Sendable {
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
            case "mode":
                guard let text = value.stringValue, let mode = Mode(rawValue: text) else {
                    throw TaskError(.invalidConfiguration, "\"mode\" must be \"write\" or \"answer\"")
                }
                self.mode = mode
            case "allow_unanswerable":
                guard let flag = value.boolValue else { throw TaskError(.invalidConfiguration, "\"allow_unanswerable\" must be true or false") }
                allowsUnanswerable = flag
            case "question_min_chars": questionMinChars = try Self.count(value, key)
            case "question_max_chars": questionMaxChars = try Self.count(value, key)
            case "answer_max_chars": answerMaxChars = try Self.count(value, key)
            case "copy_threshold":
                guard let number = value.doubleValue, number > 0, number <= 1 else {
                    throw TaskError(.invalidConfiguration, "\"copy_threshold\" must be a number in (0, 1]")
                }
                copyThreshold = number
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

    private static func count(_ value: JSONValue, _ key: String) throws -> Int {
        guard let number = value.intValue, number > 0 else {
            throw TaskError(.invalidConfiguration, "\"\(key)\" must be a positive integer")
        }
        return number
    }
}
