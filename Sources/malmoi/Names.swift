import Foundation
import MalmoiCore

/// A name typed on the command line (project, annotator, reviewer, qualification, reason code), in NFC
/// with white space trimmed; empty, whitespace-only and control-character names are refused (exit 2).
/// - Parameters:
///   - name: the name as typed.
///   - what: the option named in errors, e.g. `--annotator`.
func checkedName(_ name: String, _ what: String) throws -> String {
    try ProjectLimits.checkedName(name.precomposedStringWithCanonicalMapping, what: what)
}
