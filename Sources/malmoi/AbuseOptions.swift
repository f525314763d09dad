import ArgumentParser
import MalmoiAbuse
import MalmoiCore

/// Options shared by the `abuse` subcommands: which taxonomy and lexicon to load.
struct AbuseDataOptions: ParsableArguments {
    @Option(name: .long, help: "A taxonomy JSON file to use instead of the built-in one.")
    var taxonomy: String?

    @Option(name: .long, help: "A lexicon JSON file to use instead of the built-in one.")
    var lexicon: String?

    /// The files to load.
    var files: AbuseData { AbuseData(taxonomyPath: taxonomy, lexiconPath: lexicon) }
}

/// How `scan`, `canon` and `dedup` read their input lines.
struct AbuseInputOptions: ParsableArguments {
    @Option(name: .long, help: "Input format: text (one message a line), jsonl, or auto (a line starting with '{' is JSON).")
    var input: TextRecordReader.Format = .auto

    @Option(name: .long, help: "The JSONL field holding the message.")
    var field = "text"

    @Argument(help: "Input files; none or '-' reads standard input.")
    var files: [String] = []

    /// The reader of the messages.
    var reader: TextRecordReader { TextRecordReader(format: input, field: field) }
}

extension TextRecordReader.Format: ExpressibleByArgument {}
