/// An error that the `malmoi` command can report to a person and map to an exit code.
///
/// Every module's error type conforms, so the CLI decides the exit code in one place:
/// `2` when ``isBadInput`` is true (the user's input or usage is wrong), `1` otherwise.
public protocol MalmoiReportableError: Error, CustomStringConvertible {
    /// Whether the failure was caused by bad input (exit code 2) rather than a runtime failure (1).
    var isBadInput: Bool { get }
}
