/// The stable wire name of a task kind, such as `label`, `qa` or `summary`.
///
/// ```swift
/// let kind = TaskKind("label")
/// kind.rawValue   // "label"
/// ```
/// Kinds are fixed strings stored in projects and exports; a task module declares the one it handles.
public struct TaskKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The wire name.
    public var rawValue: String

    /// Creates a kind from its wire name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates a kind from its wire name.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Creates a kind from a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Plain classification: choose one or more labels from the project's label set.
    public static let label: TaskKind = "label"

    public var description: String { rawValue }
}
