import MalmoiCore
import MalmoiMorph

/// The dictionary a model's morpheme features read, found as `malmoi morph` finds it.
///
/// ```swift
/// let model = try ModelDictionary(explicit: nil).loadModel("abuse.model")
/// ```
public struct ModelDictionary: Sendable, Hashable {
    /// The mecab-ko-dic directory given by the user, or nil to discover it (`MALMOI_DICT`, the installed one…).
    public var explicit: String?

    /// Names the directory to use, or nil to discover it.
    public init(explicit: String?) {
        self.explicit = explicit
    }

    /// The analyzer and the name written in a model's header, or nil when morphemes are not needed.
    /// - Throws: ``MorphError`` when the dictionary is needed and cannot be found or read.
    public func analyzer(needed: Bool) throws -> (analyzer: Analyzer, name: String)? {
        guard needed else { return nil }
        let location = try SystemDictionary.locate(explicit: explicit)
        let dictionary = try SystemDictionary(contentsOf: location.directory)
        return (Analyzer(dictionary: dictionary), "mecab-ko-dic")
    }

    /// Loads a model file, with the dictionary when its header says it reads morphemes.
    /// - Throws: ``ModelError`` for a bad file; ``MorphError`` when the dictionary it needs is missing.
    public func loadModel(_ path: String) throws -> TextClassifier {
        let analyzer = try analyzer(needed: try TextClassifier.readsMorphemes(path))
        return try TextClassifier(contentsOf: path, analyzer: analyzer?.analyzer)
    }
}

extension TrainingOptions {
    /// Options from the words of `malmoi model train`'s command line.
    /// - Parameters:
    ///   - features: Feature groups, comma-separated (see ``FeatureGroups/init(parsing:)``).
    ///   - classWeight: `balanced` or `none`; anything else makes the initializer return nil.
    /// - Throws: ``ModelError`` for an unknown feature group.
    public init?(features: String, c: Double, classWeight: String, hashBits: Int, seed: UInt64, threads: Int?) throws {
        self.init()
        groups = try FeatureGroups(parsing: features)
        self.c = c
        guard let weight = ClassWeight(rawValue: classWeight) else { return nil }
        self.classWeight = weight
        self.hashBits = hashBits
        self.seed = seed
        if let threads { self.threads = threads }
    }
}

extension ModelEvaluation {
    /// Scores a model on the gold-labeled examples of a JSONL file (`malmoi model eval`).
    /// - Parameters:
    ///   - classifier: The model.
    ///   - path: Gold JSONL, `{"text", "label"}` per line.
    ///   - threads: Prediction threads (nil: all cores).
    /// - Throws: ``InputError`` for a bad line, or `.emptyInput` when the file has no examples.
    public init(classifier: TextClassifier, goldPath path: String, threads: Int?) throws {
        let gold = try LabeledText.read(path: path)
        guard !gold.isEmpty else { throw InputError(.emptyInput, "\(path) has no examples") }
        let predictions = classifier.predict(gold.map(\.text), threads: threads)
        self.init(labels: classifier.labels, gold: gold.map(\.labels), predicted: predictions.map(\.labels))
    }
}
