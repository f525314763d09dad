/// The kinds of problem one module reports, each knowing whether it is the user's input.
///
/// A module declares its kinds as an enum and names its error type after them:
/// ```swift
/// public enum SummaryErrorCode: String, ModuleErrorCode { case invalidSetting
///     public var isBadInput: Bool { true } }
/// public typealias SummaryError = ModuleError<SummaryErrorCode>
/// ```
public protocol ModuleErrorCode: Hashable, Sendable {
    /// Whether an error of this kind is bad input (exit 2) rather than a runtime failure (exit 1).
    var isBadInput: Bool { get }
}

/// A module's error: a kind, a message and, when known, the place it is about.
///
/// Prints `path:line: field "x": message`, leaving out what is unknown; a field named without a
/// file prints as `field "x": message`.
public struct ModuleError<Kind: ModuleErrorCode>: LocatedError, Hashable {
    /// The module's kinds of problem (`QAError.Code`, `MorphError.Code`, …).
    public typealias Code = Kind

    /// The kind of problem.
    public var code: Code
    /// What is wrong and how to fix it.
    public var message: String
    /// The file, line and field at fault, when there is a file.
    public var location: SourceLocation?
    /// A field named when no file is.
    private var unplacedField: String?

    /// Creates an error at a place in a file, or at none.
    public init(_ code: Code, _ message: String, at location: SourceLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// Creates an error naming a file (when `path` is not nil), its 1-based line and a field.
    public init(_ code: Code, _ message: String, path: String?, line: Int? = nil, field: String? = nil) {
        self.init(code, message, at: path.map { SourceLocation(path: $0, line: line, field: field) })
        if path == nil { unplacedField = field }
    }

    /// The file at fault, when known.
    public var path: String? { location?.path }
    /// The 1-based line at fault, when known.
    public var line: Int? { location?.line }
    /// The field at fault, when known.
    public var field: String? { location?.field ?? unplacedField }

    /// Whether the kind of problem is the user's input.
    public var isBadInput: Bool { code.isBadInput }

    /// `path:line: field "x": message`, as every module error prints.
    public var description: String { located(message, location: location, field: unplacedField) }
}
