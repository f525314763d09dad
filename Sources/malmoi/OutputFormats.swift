import ArgumentParser
import MalmoiCore

extension ArgumentHelp {
    /// The help of every `--format` option, built from the values in their order, e.g. "Output format:
    /// table, json or html." (ArgumentParser adds the values and the default after it).
    static func outputFormat<Format: CaseIterable & RawRepresentable>(_ type: Format.Type) -> ArgumentHelp where Format.RawValue == String {
        let names = type.allCases.map(\.rawValue)
        let listed = names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
        return ArgumentHelp("Output format: \(listed).")
    }
}

/// `--format table|json` of the commands that print a report (stats, project list, qa eval, summary rouge, model).
extension ReportFormat: ExpressibleByArgument {
    /// The same help everywhere.
    static let help = ArgumentHelp.outputFormat(ReportFormat.self)
}

/// `--format text|json` of the commands that transform messages (abuse canon, variants, taxonomy).
extension MessageFormat: ExpressibleByArgument {
    /// The same help everywhere.
    static let help = ArgumentHelp.outputFormat(MessageFormat.self)
}
