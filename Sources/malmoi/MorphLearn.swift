import ArgumentParser
import Foundation
import MalmoiCore
import MalmoiMorph
import MalmoiStore
import MalmoiWorkflow

extension Malmoi {
    /// `malmoi morph-learn`: user-dictionary entries from accepted morpheme corrections. (Not
    /// `malmoi morph learn`: ArgumentParser reads a word after `morph` as its FILE argument before it
    /// looks for subcommands.)
    struct MorphLearn: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "morph-learn",
            abstract: "Turn accepted morpheme corrections into user-dictionary entries.",
            discussion: """
                Every content morpheme (noun, pronoun, numeral, adverb, determiner, interjection, root, verb or \
                adjective stem) of an accepted correction that mecab-ko-dic lacks with that tag becomes a line \
                `surface,POS,cost` of the output, costed at the median of the dictionary's own entries with \
                the same tag. Load it with `malmoi morph --user-dict FILE`. --data reads JSONL lines \
                {"morphemes": ["form/TAG", …]} instead of a project.

                Example: malmoi morph-learn --project 형태소 --output user.csv
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(help: "A morph project whose accepted corrections are read.") var project: String?

        @Option(help: "JSONL of corrected analyses: {\"morphemes\": [\"form/TAG\", …]} per line.") var data: String?

        @Option(name: .shortAndLong, help: "The user-dictionary CSV to write.") var output: String

        @Option(name: .customLong("min-count"), help: "Leave out entries used fewer times.") var minimumCount: Int = 1

        @Option(name: .long, help: "The mecab-ko-dic directory (default: discovered as for `malmoi morph`).") var dict: String?

        func validate() throws {
            if (data == nil) == (project == nil) { throw ValidationError("give exactly one of --data or --project") }
            if minimumCount < 1 { throw ValidationError("--min-count must be at least 1") }
        }

        func run() throws {
            let location = try SystemDictionary.locate(explicit: dict)
            let dictionary = try SystemDictionary(contentsOf: location.directory)
            let analyses: [UserDictionaryLearner.Analysis]
            if let data {
                analyses = try UserDictionaryLearner.readAnalyses(path: data)
            } else {
                let opened = try store.open()
                let target = try opened.project(named: project!)
                guard target.kind.rawValue == "morph" else {
                    throw ValidationError("project \(target.name) is of kind \(target.kind.rawValue), not morph")
                }
                analyses = try MorphCorrections.analyses(store: opened, project: target)
            }
            let learner = UserDictionaryLearner(dictionary: dictionary)
            let entries = learner.learn(analyses, minimumCount: minimumCount)
            try AtomicFile.write(to: output, refusing: [data].compactMap { $0 } + AtomicFile.storeFiles(store.path)) { writer in
                writer.write(UserDictionaryLearner.csv(entries))
            }
            FileHandle.standardError.write(Data(
                "malmoi: learned \(entries.count) entries from \(analyses.count) corrected analyses → \(output)\n".utf8))
        }
    }
}
