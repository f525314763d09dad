import MalmoiCore

/// An error from the abuse module: a bad taxonomy or lexicon file, a bad option, or bad input.
///
/// The message names the file and the JSON path of the field at fault:
/// `Guidelines/abuse/lexicon.json: field "entries[3].severity": must be 1, 2 or 3, found 4`.
public struct AbuseError: LocatedError, Hashable {
    /// What kind of problem this is.
    public enum Code: String, Hashable, Sendable {
        /// The taxonomy file is malformed or incomplete.
        case invalidTaxonomy
        /// The lexicon file is malformed or refers to unknown labels.
        case invalidLexicon
        /// A requested technique, step or option does not exist or does not apply.
        case invalidRequest
        /// A label or span submitted for a message is not valid.
        case invalidLabel
    }

    /// The kind of problem.
    public var code: Code
    /// What is wrong and how to fix it.
    public var message: String
    /// The file and field at fault, when there is one.
    public var location: SourceLocation?

    /// Creates an error.
    public init(_ code: Code, _ message: String, at location: SourceLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// All abuse errors come from input the user controls (files, options, labels).
    public var isBadInput: Bool { true }

}
