import ArgumentParser
import MalmoiMorph
import MalmoiText

/// `--normalize nfc|nfkc|none`, the same option on every command that reads text.
extension InputNormalization: ExpressibleByArgument {
    /// The help of the option, with the default named.
    static func help(defaultValue: InputNormalization) -> ArgumentHelp {
        ArgumentHelp("Normalize input text first: nfc, nfkc (also folds full-width and circled characters) or none "
            + "(as it comes); default \(defaultValue.rawValue). Reported offsets stay in the original text.",
            valueName: "FORM")
    }

    /// The step as `AnalysisRunner`'s line hook (`nil` for `none`, so the runner takes no detour).
    var lineNormalizer: AnalysisRunner.LineNormalizer? {
        guard self != .none else { return nil }
        let step = self
        return { bytes, output in
            guard let map = step.normalize(utf8: bytes, into: &output) else { return nil }
            return { map.originalRange($0) }
        }
    }
}

/// `--normalize`, NFC by default: the option group of the commands that read text (morph, import, agree,
/// qa import, summary rouge and draft, abuse scan).
struct InputNormalizationOptions: ParsableArguments {
    @Option(name: .long, help: InputNormalization.help(defaultValue: .nfc))
    var normalize: InputNormalization = .nfc
}

/// `-o/--output FILE`: the option group of the commands that write one file, atomically, or standard output.
struct OutputFileOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
    var output: String?
}
