import ArgumentParser

/// `--format table|json` of the commands that print a report (stats, project list, qa eval, summary rouge).
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    /// For people; may change.
    case table
    /// One JSON object (per line).
    case json

    /// The same help everywhere.
    static let help = ArgumentHelp("Output format: table or json.")
}

/// `--format text|json` of the commands that transform messages (abuse canon, variants, taxonomy).
enum MessageFormat: String, ExpressibleByArgument, CaseIterable {
    /// One line per message.
    case text
    /// One JSON object per line.
    case json

    /// The same help everywhere.
    static let help = ArgumentHelp("Output format: text or json.")
}
