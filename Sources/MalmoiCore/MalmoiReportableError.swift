/// An error that the `malmoi` command can report to a person and map to an exit code.
///
/// Every module's error type conforms, so the CLI decides the exit code in one place:
/// `2` when ``isBadInput`` is true (the user's input or usage is wrong), `1` otherwise.
public protocol MalmoiReportableError: Error, CustomStringConvertible {
    /// Whether the failure was caused by bad input (exit code 2) rather than a runtime failure (1).
    var isBadInput: Bool { get }
}

/// An error with a message and, when the input has lines, the place it is wrong. Module errors conform
/// so that they all print the same way: `path:line:col: field "x": message`, or the message alone.
public protocol LocatedError: MalmoiReportableError {
    /// What is wrong, in words a user can act on.
    var message: String { get }
    /// Where it is wrong, when known.
    var location: SourceLocation? { get }
}

extension LocatedError {
    /// `location: message`, or the message alone.
    public var description: String { located(message, location: location, field: nil) }

    /// `location: message`; without a location, `field "x": message` when a field is named, else the
    /// message alone.
    public func located(_ message: String, location: SourceLocation?, field: String?) -> String {
        if let location { return "\(location): \(message)" }
        if let field { return "field \"\(field)\": \(message)" }
        return message
    }
}
