import MalmoiCore

/// A failure of the morpheme analyzer: a missing, truncated or foreign dictionary file, or a bad user
/// dictionary line.
///
/// ```swift
/// do { _ = try SystemDictionary(contentsOf: "/tmp/nowhere") }
/// catch let error as MorphError { print(error) }   // "/tmp/nowhere/sys.dic: cannot open: ..."
/// ```
/// Every message names the file (and, for text files, the line and field) and says how to fix it.
public typealias MorphError = ModuleError<MorphErrorCode>

/// The kinds of ``MorphError``.
public enum MorphErrorCode: String, ModuleErrorCode {
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

    /// Missing or broken dictionaries and bad user dictionaries are the user's input (exit 2).
    public var isBadInput: Bool { true }
}
