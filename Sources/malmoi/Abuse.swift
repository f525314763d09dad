import ArgumentParser
import Foundation
import MalmoiAbuse
import MalmoiCore
import MalmoiText
import MalmoiMorph
import MalmoiTerminal

extension Malmoi {
    /// `malmoi abuse`: the abuse-message taxonomy tools.
    struct Abuse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "abuse",
            abstract: "Scan, canonicalize and generate evasive abuse spellings.",
            discussion: """
                The taxonomy and lexicon are built in (copies of Guidelines/abuse/taxonomy.json and \
                lexicon.json); --taxonomy and --lexicon load other files, validated at load.

                Example: echo 'ㅅ ㅂ 진짜' | malmoi abuse scan
                """,
            subcommands: [Scan.self, Canon.self, Variants.self, Dedup.self, TaxonomyCommand.self]
        )
    }
}

extension Malmoi.Abuse {
    /// `malmoi abuse scan`.
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan",
            abstract: "Flag abusive words in messages, however they are disguised.",
            discussion: """
                Writes one JSON object per input line: {"flagged", "score", "canonical", "hits": [{"start", "end", \
                "surface", "canonical", "category", "severity", "techniques", "score"}]}. Offsets are Unicode scalar \
                offsets [start, end) into the input message. Context rules (numbers, names, innocent senses) \
                drop or score each candidate; see Guidelines/abuse.md section 5.

                Example: malmoi abuse scan --field text comments.jsonl > flags.jsonl
                """
        )

        @OptionGroup var data: AbuseDataOptions
        @OptionGroup var inputOptions: AbuseInputOptions

        @Option(name: .long, help: "Canonicalization steps, comma-separated, or 'all'; 'lexicon' alone matches plain spellings only. See 'malmoi abuse canon --explain'.")
        var steps = "all"

        @Flag(name: .long, help: "Also veto plainly spelled hits inside longer nouns with the morpheme analyzer (needs mecab-ko-dic; slower).")
        var morph = false

        @Option(name: .long, help: "The mecab-ko-dic directory for --morph (default: MALMOI_DICT or the installed dictionary).")
        var dict: String?

        @Option(name: .long, help: "Scan with N threads; the output keeps the input order.")
        var jobs: Int = 1

        @OptionGroup var normalization: InputNormalizationOptions

        func validate() throws {
            guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 256") }
        }

        @Option(name: .long, help: "The score (0-1) a hit needs to be reported; lower finds more, higher is more precise (default: the lexicon's min_score, 0.5).")
        var minScore: Double?

        @Flag(name: .long, help: "Add \"candidates\" to each line: every candidate with its score and the rules that kept or dropped it.")
        var explain = false

        func run() throws {
            var canonicalizer = Canonicalizer(lexicon: try data.files.lexicon(), steps: try CanonicalizationSteps(parsing: steps))
            if let minScore {
                guard (0...1).contains(minScore) else { throw ValidationError("--min-score must be from 0 to 1, found \(minScore)") }
                canonicalizer.minimumScore = Int((minScore * 100).rounded())
            }
            if morph {
                canonicalizer.morphemeFilter = MorphemeAnalyzerFilter(analyzer: Analyzer(dictionary: try SystemDictionary.discover(explicit: dict)))
            }
            let writer = ByteWriter()
            let progress = ProgressBar(label: "abuse scan", unit: "messages")
            try AbuseScanner(canonicalizer: canonicalizer).scanLines(
                of: inputOptions.files.isEmpty ? ["-"] : inputOptions.files, records: inputOptions.reader, jobs: jobs,
                normalization: normalization.normalize, explaining: explain, to: writer, progress: progress.advance(to:))
            progress.finish()
            try writer.flush()
        }
    }

    /// `malmoi abuse canon`.
    struct Canon: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "canon",
            abstract: "Write the canonical form of each message, undoing evasive spellings.",
            discussion: """
                Writes the canonical text of each line (--format text), or one JSON object per line with \
                the transformations, each tagged with its technique and its spans in the original and the \
                canonical text (--format json). --explain lists the steps, then explains each line.

                Example: echo 'ㅅㅣㅂㅏㄹ 새1끼' | malmoi abuse canon --explain
                """
        )

        @OptionGroup var data: AbuseDataOptions
        @OptionGroup var inputOptions: AbuseInputOptions

        @Option(name: .long, help: "Canonicalization steps, comma-separated, or 'all'.")
        var steps = "all"

        @Option(name: .long, help: MessageFormat.help)
        var format: MessageFormat = .text

        @Flag(name: .long, help: "List the steps (on or off) and explain every change made to each line.")
        var explain = false

        func run() throws {
            let chosen = try CanonicalizationSteps(parsing: steps)
            let canonicalizer = Canonicalizer(lexicon: try data.files.lexicon(), steps: chosen)
            let writer = ByteWriter()
            if explain {
                writer.write(chosen.explanation)
                if inputOptions.files.isEmpty && isatty(0) != 0 {
                    try writer.flush()
                    return
                }
            }
            try canonicalizer.write(inputOptions.files, records: inputOptions.reader, as: explain ? .explained : format == .json ? .json : .text,
                                    to: writer)
            try writer.flush()
        }
    }

    /// `malmoi abuse variants`.
    struct Variants: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "variants",
            abstract: "Generate disguised variants of messages with one evasion technique.",
            discussion: """
                Disguises every lexicon word written in standard spelling in each message (from the \
                arguments, or one per line of standard input). Writes one variant per line (--format \
                text) or JSON objects {"message", "text", "technique", "spans"} (--format json). The same \
                --seed gives the same variants. Exit status 2 when a message has nothing to disguise.

                Example: malmoi abuse variants --technique choseong_abbreviation '씨발 진짜'
                """
        )

        @OptionGroup var data: AbuseDataOptions

        @Option(name: .long, help: "The technique id (or alias), e.g. spacing, insertion, keyboard_2set; see 'malmoi abuse taxonomy'.")
        var technique: String

        @Option(name: .long, help: "Random seed.")
        var seed: UInt64 = 1

        @Option(name: .long, help: "Variants per message.")
        var count = 1

        @Option(name: .long, help: MessageFormat.help)
        var format: MessageFormat = .text

        @Argument(help: "Messages; none reads one message per line from standard input.")
        var messages: [String] = []

        func validate() throws {
            guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        }

        func run() throws {
            let chosen = try data.files.technique(named: technique)
            let generator = VariantGenerator(lexicon: try data.files.lexicon())
            let writer = ByteWriter()
            try generator.write(variantsOfMessages: messages, technique: chosen, seed: seed, count: count, json: format == .json, to: writer)
            try writer.flush()
        }
    }

    /// `malmoi abuse dedup`.
    struct Dedup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dedup",
            abstract: "Drop messages that repeat an earlier one once their disguises are undone.",
            discussion: """
                Copies each input line whose canonical key (canonical text without spaces, punctuation \
                and laughter) is new to standard output; with --report, writes instead one JSON object per \
                line: {"line", "key", "duplicate_of"} (the earlier line number, or null). The count of \
                duplicates goes to standard error.

                Example: malmoi abuse dedup submissions.jsonl > unique.jsonl
                """
        )

        @OptionGroup var data: AbuseDataOptions
        @OptionGroup var inputOptions: AbuseInputOptions

        @Flag(name: .long, help: "Write one JSON report object per line instead of the unique lines.")
        var report = false

        func run() throws {
            var dedup = CanonicalDeduplicator(canonicalizer: Canonicalizer(lexicon: try data.files.lexicon()))
            let writer = ByteWriter()
            let duplicates = try dedup.filter(inputOptions.files, records: inputOptions.reader, report: report, to: writer)
            try writer.flush()
            FileHandle.standardError.write(Data("malmoi abuse dedup: \(duplicates) duplicate(s), \(dedup.count) distinct\n".utf8))
        }
    }

    /// `malmoi abuse taxonomy`.
    struct TaxonomyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "taxonomy",
            abstract: "Show or validate the abuse taxonomy and lexicon.",
            discussion: """
                Prints the categories, severities, target types and evasion techniques with their \
                definitions (--format text), or a JSON summary (--format json). With --taxonomy or \
                --lexicon the given files are validated; a bad file exits with status 2 and names the field.

                Example: malmoi abuse taxonomy --lexicon my-lexicon.json
                """
        )

        @OptionGroup var data: AbuseDataOptions

        @Option(name: .long, help: MessageFormat.help)
        var format: MessageFormat = .text

        func run() throws {
            let taxonomy = try data.files.taxonomy()
            let lexicon = try data.files.lexicon()
            try format.write(json: taxonomy.summaryJSON(lexicon: lexicon), text: taxonomy.summaryText(lexicon: lexicon))
        }
    }
}
