import MalmoiCore

/// An error from the abuse module: a bad taxonomy or lexicon file, a bad option, or bad input.
///
/// The message names the file and the JSON path of the field at fault:
/// `Guidelines/abuse/lexicon.json: field "entries[3].severity": must be 1, 2 or 3, found 4`.
public typealias AbuseError = ModuleError<AbuseErrorCode>

/// The kinds of ``AbuseError``.
public enum AbuseErrorCode: String, ModuleErrorCode {
    /// The taxonomy file is malformed or incomplete.
    case invalidTaxonomy
    /// The lexicon file is malformed or refers to unknown labels.
    case invalidLexicon
    /// A requested technique, step or option does not exist or does not apply.
    case invalidRequest
    /// A label or span submitted for a message is not valid.
    case invalidLabel

    /// All abuse errors come from input the user controls (files, options, labels).
    public var isBadInput: Bool { true }
}
