import ArgumentParser
import MalmoiCore
import MalmoiMorph
import MalmoiTerminal
import MalmoiText

extension Malmoi {
    /// `malmoi morph`: analyzes Korean text into morphemes with mecab-ko-dic, MeCab-compatibly.
    struct Morph: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "morph",
            abstract: "Analyze Korean text into morphemes, exactly as MeCab does with mecab-ko-dic.",
            discussion: """
                Reads one sentence or paragraph per line (FILE, or standard input) and writes the analysis \
                of each line to standard output, in input order.

                Formats: mecab (MeCab's default output, byte for byte), wakati (space-separated \
                morphemes), jsonl (one record per line: tokens with features, Unicode scalar offsets \
                [start, end) into the line, and the morphemes of Inflect/Compound/Preanalysis tokens), \
                conllu (one sentence per line, UD Korean style).

                Each line is normalized first (--normalize, default nfc; a BOM inside a line is dropped), so \
                decomposed Hangul (macOS) gets MeCab's analysis of the NFC text; NFC input is analyzed as it \
                is, byte-identical to MeCab. In jsonl, text and offsets are those of the line as given.

                The dictionary is --dict, else $MALMOI_DICT, else \
                ${XDG_DATA_HOME:-~/.local/share}/malmoi/mecab-ko-dic, else the mecab_ko_dic Python \
                package, else /usr/local/lib/mecab/dic/mecab-ko-dic or /usr/lib/mecab/dic/mecab-ko-dic. \
                Install it with Scripts/install-mecab-ko-dic.sh.

                Example: echo '아버지가 방에 들어가신다' | malmoi morph --format jsonl
                """
        )

        @Option(name: .long, help: ArgumentHelp("The mecab-ko-dic directory (holding sys.dic).", valueName: "DIR"))
        var dict: String?

        @Option(name: .customLong("user-dict"),
                help: ArgumentHelp("A user dictionary CSV (mecab-ko-dic layout, or surface,POS[,cost]); repeatable.", valueName: "FILE"))
        var userDictionaries: [String] = []

        @Option(name: .long, help: .outputFormat(AnalysisFormat.self))
        var format: AnalysisFormat = .mecab

        @Option(name: .long, help: "Print the N best analyses of each line (1…512), as MeCab's -N does.")
        var nbest: Int = 1

        @Option(name: .long, help: "Analyze with N threads; the output keeps the input order.")
        var jobs: Int = 1

        @Flag(name: .customLong("where"), help: "Print the dictionary directory that would be used, and exit.")
        var printLocation = false

        @Flag(name: .long, help: "Replace invalid UTF-8 with U+FFFD instead of failing.")
        var lossy = false

        @OptionGroup var normalization: InputNormalizationOptions

        @Argument(help: ArgumentHelp("Input file; standard input when omitted or '-'.", valueName: "FILE"))
        var file: String?

        func validate() throws {
            guard (1...512).contains(nbest) else { throw ValidationError("--nbest must be between 1 and 512") }
            guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 256") }
        }

        func run() throws {
            let location = try SystemDictionary.locate(explicit: dict)
            let dictionary = try SystemDictionary(contentsOf: location.directory)
            if printLocation {
                let out = ByteWriter()
                out.write(dictionary.directory + "\n")
                try out.flush()
                return
            }
            let analyzer = Analyzer(dictionary: dictionary, userDictionary: try UserDictionary.combining(contentsOf: userDictionaries, system: dictionary))
            var runner = AnalysisRunner(analyzer: analyzer, format: format, nbest: nbest, jobs: jobs, lossy: lossy)
            runner.normalizeLine = normalization.normalize.lineNormalizer
            let reader = try ByteLineReader(path: file)
            let progress = ProgressBar(label: "morph", total: reader.fileSize.map { $0 >> 10 }, unit: "KiB")
            reader.onRead = { progress.advance(to: $0 >> 10) }
            defer { progress.finish() }
            try runner.run(reader: reader, to: ByteWriter())
        }
    }
}

extension AnalysisFormat: ExpressibleByArgument {}
