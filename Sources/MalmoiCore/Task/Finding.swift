/// What a validator found in an answer: an error blocks submission, a warning is recorded for the reviewer.
///
/// ```swift
/// Finding(.warning, code: "rationale-copies-text", "the rationale repeats the item text")
/// ```
public struct Finding: Hashable, Sendable, CustomStringConvertible {
    /// How serious a finding is.
    public enum Severity: String, Hashable, Sendable {
        /// The answer cannot be saved as it is.
        case error
        /// The answer is saved; the reviewer sees the warning.
        case warning
    }

    /// Whether the finding blocks submission.
    public var severity: Severity
    /// A short stable code, e.g. `unknown-label`.
    public var code: String
    /// What is wrong, in words the annotator can act on.
    public var message: String

    /// Creates a finding.
    public init(_ severity: Severity, code: String, _ message: String) {
        self.severity = severity
        self.code = code
        self.message = message
    }

    /// Whether this finding blocks submission.
    public var isError: Bool { severity == .error }

    public var description: String { "\(severity.rawValue) [\(code)]: \(message)" }

    /// The finding as a JSON object `{"severity", "code", "message"}` (the stored and exported form).
    public var jsonValue: JSONValue {
        .object(JSONObject([("severity", .string(severity.rawValue)), ("code", .string(code)),
                            ("message", .string(message))]))
    }

    /// Reads a finding from its JSON object form; nil when the value has another shape.
    public init?(json: JSONValue) {
        guard let code = json["code"]?.stringValue, let message = json["message"]?.stringValue,
              let severity = json["severity"]?.stringValue.flatMap(Severity.init(rawValue:)) else { return nil }
        self.init(severity, code: code, message)
    }
}
