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
