import MalmoiCore

/// A failure of the morpheme analyzer: a missing, truncated or foreign dictionary file, or a bad user
/// dictionary line.
///
/// ```swift
/// do { _ = try SystemDictionary(contentsOf: "/tmp/nowhere") }
/// catch let error as MorphError { print(error) }   // "/tmp/nowhere/sys.dic: cannot open: ..."
/// ```
/// Every message names the file (and, for text files, the line and field) and says how to fix it.
public struct MorphError: LocatedError, Hashable {
    /// What kind of failure this is.
    public enum Code: String, Hashable, Sendable {
        /// No dictionary was found by discovery.
        case dictionaryNotFound
        /// A dictionary file could not be opened or mapped.
        case unreadableFile
        /// A dictionary file is truncated, has the wrong magic or version, or its sizes disagree.
        case invalidDictionary
        /// A line of a user dictionary CSV is malformed.
        case invalidUserDictionary
        /// The input text is not usable (for example, invalid UTF-8).
        case invalidInput
    }

    /// The kind of failure.
    public var code: Code
    /// What is wrong and how to fix it.
    public var message: String
    /// The file the failure is about, when there is one.
    public var path: String?
    /// The 1-based line of a text file, when known.
    public var line: Int?
    /// The field (CSV column name, header field), when known.
    public var field: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, path: String? = nil, line: Int? = nil, field: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.line = line
        self.field = field
    }

    /// Missing or broken dictionaries and bad user dictionaries are the user's input (exit 2).
    public var isBadInput: Bool { true }

    /// `path:line: field "x": message`, leaving out the parts that are unknown.
    /// The file, line (when the error names one) and field; nil when no file is named.
    public var location: SourceLocation? { path.map { SourceLocation(path: $0, line: line, field: field) } }

    /// `path:line: field "x": message`, as every module error prints.
    public var description: String { located(message, location: location, field: field) }
}
