/// Reads one value of a project's task configuration (`malmoi project create --config '{…}'`), with
/// errors that name the setting and say what it must be. Task modules read their settings through these
/// so that every kind reports a bad configuration the same way.
///
/// ```swift
/// case "max_chars": maxChars = try TaskSetting.positiveInteger(value, key)
/// case "copy_threshold": copyThreshold = try TaskSetting.fraction(value, key, allowsZero: false)
/// ```
public enum TaskSetting {
    /// A whole number above zero.
    /// - Throws: ``TaskError`` `.invalidConfiguration`.
    public static func positiveInteger(_ value: JSONValue, _ key: String) throws -> Int {
        guard let number = value.intValue, number > 0 else {
            throw TaskError(.invalidConfiguration, "\"\(key)\" must be a positive integer")
        }
        return number
    }

    /// A number in `[0, 1]` (or `(0, 1]` when zero is not allowed).
    /// - Throws: ``TaskError`` `.invalidConfiguration`.
    public static func fraction(_ value: JSONValue, _ key: String, allowsZero: Bool = true) throws -> Double {
        guard let number = value.doubleValue, allowsZero ? number >= 0 : number > 0, number <= 1 else {
            throw TaskError(.invalidConfiguration, "\"\(key)\" must be a number in \(allowsZero ? "[" : "(")0, 1]")
        }
        return number
    }

    /// `true` or `false`.
    /// - Throws: ``TaskError`` `.invalidConfiguration`.
    public static func flag(_ value: JSONValue, _ key: String) throws -> Bool {
        guard let flag = value.boolValue else { throw TaskError(.invalidConfiguration, "\"\(key)\" must be true or false") }
        return flag
    }

    /// One of the cases of a string enum.
    /// - Throws: ``TaskError`` `.invalidConfiguration` listing the allowed values.
    public static func choice<Choice: RawRepresentable & CaseIterable>(_ value: JSONValue, _ key: String, as type: Choice.Type) throws -> Choice
    where Choice.RawValue == String {
        guard let text = value.stringValue, let choice = Choice(rawValue: text) else {
            let allowed = Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            throw TaskError(.invalidConfiguration, "\"\(key)\" must be \(allowed)")
        }
        return choice
    }
}
