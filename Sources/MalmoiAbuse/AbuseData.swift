import MalmoiCore

/// The taxonomy and lexicon a command works with: files given by the user, or the built-in ones.
///
/// ```swift
/// let data = AbuseData(taxonomyPath: nil, lexiconPath: "my-lexicon.json")
/// let canonicalizer = Canonicalizer(lexicon: try data.lexicon())
/// ```
public struct AbuseData: Sendable, Hashable {
    /// A taxonomy JSON file, or nil for the built-in taxonomy.
    public var taxonomyPath: String?
    /// A lexicon JSON file, or nil for the built-in lexicon.
    public var lexiconPath: String?

    /// Names the files to load (nil: the built-in ones).
    public init(taxonomyPath: String?, lexiconPath: String?) {
        self.taxonomyPath = taxonomyPath
        self.lexiconPath = lexiconPath
    }

    /// The taxonomy, validated at load.
    /// - Throws: ``AbuseError`` naming the file and field of a bad taxonomy.
    public func taxonomy() throws -> Taxonomy {
        try taxonomyPath.map { try Taxonomy(contentsOf: $0) } ?? Taxonomy.standard()
    }

    /// The lexicon, validated at load against the taxonomy.
    /// - Throws: ``AbuseError`` naming the file and field of a bad taxonomy or lexicon.
    public func lexicon() throws -> Lexicon {
        let taxonomy = try taxonomy()
        return try lexiconPath.map { try Lexicon(contentsOf: $0, taxonomy: taxonomy) } ?? Lexicon.standard(taxonomy: taxonomy)
    }

    /// The evasion technique of an id or alias.
    /// - Throws: ``AbuseError`` `.invalidRequest` listing the known techniques when the name is unknown.
    public func technique(named name: String) throws -> EvasionTechnique {
        let taxonomy = try taxonomy()
        guard let technique = taxonomy.resolveTechnique(name) else {
            throw AbuseError(.invalidRequest, "unknown technique \"\(name)\"; techniques: \(taxonomy.techniques.map(\.id).joined(separator: ", "))")
        }
        return technique
    }
}

extension VariantGenerator {
    /// Writes the variants of each message (see ``write(variantsOf:technique:seed:count:json:to:)``):
    /// of `messages` in order, or, when there are none, of each line of standard input.
    /// - Throws: ``AbuseError`` at the first message with nothing to disguise; ``InputError`` when
    ///   standard input cannot be read.
    public func write(variantsOfMessages messages: [String], technique: EvasionTechnique, seed: UInt64, count: Int, json: Bool,
                      to writer: ByteWriter) throws {
        func emit(_ message: String) throws {
            try write(variantsOf: message, technique: technique, seed: seed, count: count, json: json, to: writer)
        }
        if messages.isEmpty {
            try ByteLineReader(path: nil).forEachLine { bytes, _ in try emit(String(decoding: bytes, as: UTF8.self)) }
        } else {
            for message in messages { try emit(message) }
        }
    }
}
