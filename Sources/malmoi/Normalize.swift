import ArgumentParser
import MalmoiCore
import MalmoiTerminal
import MalmoiText

extension Malmoi {
    /// `malmoi normalize`: Unicode normalization of text streams.
    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "normalize",
            abstract: "Normalize text to a Unicode normalization form.",
            discussion: """
                Reads the files (or standard input) and writes the normalized text to standard output, \
                line by line, in constant memory. Line ends are kept as they are.

                Example: malmoi normalize --form nfkc --jamo compose < comments.txt > clean.txt
                """
        )

        @Option(name: .long, help: "Normalization form: nfc, nfd, nfkc, nfkd or nfkc-casefold.")
        var form: NormalizationForm = .nfc

        @Option(name: .long, help: "Jamo handling: 'compose' reassembles typed jamo (ㅅㅣㅂㅏㄹ → 시발) before normalizing.")
        var jamo: JamoMode?

        @Flag(name: .long, help: "Replace invalid UTF-8 with U+FFFD instead of failing.")
        var lossy = false

        @OptionGroup var outputFile: OutputFileOptions

        @Argument(help: "Input files; none or '-' reads standard input.")
        var files: [String] = []

        enum JamoMode: String, ExpressibleByArgument, CaseIterable {
            case compose
        }

        func run() throws {
            let normalizer = Normalizer(form)
            let progress = ProgressBar(label: "normalize", unit: "KiB")
            var replaced = 0
            let inputs = files.isEmpty ? ["-"] : files
            try AtomicFile.write(to: outputFile.output, refusing: inputs) { writer in
                replaced = try normalizer.normalize(files: inputs, to: writer, lossy: lossy, composingJamo: jamo == .compose) { progress.advance(to: $0 >> 10) }
            }
            progress.finish()
            if replaced > 0 {
                Console.warn("replaced \(replaced) invalid UTF-8 sequence(s) with U+FFFD")
            }
        }
    }
}

extension NormalizationForm: ExpressibleByArgument {}
