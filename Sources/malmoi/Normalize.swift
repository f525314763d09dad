import ArgumentParser
import MalmoiCore
import MalmoiText

extension Malmoi {
    /// `malmoi normalize`: Unicode normalization of text streams.
    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
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

        @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
        var output: String?

        @Argument(help: "Input files; none or '-' reads standard input.")
        var files: [String] = []

        enum JamoMode: String, ExpressibleByArgument {
            case compose
        }

        func run() throws {
            let normalizer = Normalizer(form)
            let progress = ProgressReporter(label: "normalize")
            var replaced = 0
            let inputs = files.isEmpty ? ["-"] : files
            try OutputFile.write(to: output, inputs: inputs) { writer in
                for path in inputs {
                    let reader = try ByteLineReader(path: path)
                    if jamo == .compose {
                        replaced += try composeLines(reader, normalizer: normalizer, writer: writer, progress: progress)
                    } else {
                        let statistics = try normalizer.normalize(stream: reader, to: writer, lossy: lossy) { progress.update(bytes: $0) }
                        replaced += statistics.replacedSequences
                    }
                }
            }
            progress.finish()
            if replaced > 0 {
                Console.warn("replaced \(replaced) invalid UTF-8 sequence(s) with U+FFFD")
            }
        }

        /// Line-by-line path for jamo reassembly, which must run before the normalization form
        /// (NFKC would turn the compatibility jamo into conjoining ones first).
        private func composeLines(_ reader: ByteLineReader, normalizer: Normalizer, writer: ByteWriter, progress: ProgressReporter) throws -> Int {
            var replaced = 0
            var bytesRead = 0
            var output: [UInt8] = []
            try reader.forEachBlock { block, firstLine in
                var text: String
                if let bad = firstInvalidUTF8(block) {
                    guard lossy else {
                        throw Normalizer.invalidUTF8(in: block, at: bad, firstLine: firstLine, blockStart: bytesRead, path: reader.displayPath)
                    }
                    replaced += Normalizer.repair(block, into: &output)
                    text = String(decoding: output, as: UTF8.self)
                } else {
                    text = String(decoding: block, as: UTF8.self)
                }
                text = normalizer.normalize(Hangul.composeJamo(text).text)
                writer.write(text)
                bytesRead += block.count
                progress.update(bytes: bytesRead)
            }
            return replaced
        }
    }
}

extension NormalizationForm: ExpressibleByArgument {}
