/// A compiled mecab-ko-dic directory, memory-mapped: `sys.dic`, `unk.dic`, `matrix.bin`, `char.bin`
/// and the settings of `dicrc`.
///
/// ```swift
/// let dictionary = try SystemDictionary(contentsOf: "/usr/local/lib/mecab/dic/mecab-ko-dic")
/// let analyzer = Analyzer(dictionary: dictionary)
/// ```
/// Loading maps the files and checks their headers (magic, version, section sizes, matrix
/// dimensions); it reads no lexicon entries, so it costs milliseconds. The object is immutable and
/// can be shared between threads. Formats: `docs/mecab-dictionary-format.md`.
public final class SystemDictionary: @unchecked Sendable {
    /// The directory the files were read from.
    public let directory: String
    /// The settings of `dicrc`.
    public let settings: DictionarySettings
    /// The number of entries of the system lexicon (`sys.dic`).
    public var lexiconSize: Int { system.lexiconSize }

    let system: DictionaryFile
    let unknown: DictionaryFile
    let matrix: ConnectionMatrix
    let characters: CharacterTable
    /// For each character category id, the unk.dic records `(first, count)` used for unknown words.
    let unknownTokens: [(first: Int, count: Int)]
    /// Space penalty by posid (`left-space-penalty-factor`), 0 where none; indexed up to `UInt16.max`.
    let spacePenaltyTable: [Int32]

    /// Maps the dictionary in `directory` and validates every file.
    /// - Throws: ``MorphError``: `.unreadableFile` when a file is missing, `.invalidDictionary` when one
    ///   is truncated or foreign; the message names the file.
    public init(contentsOf directory: String) throws {
        let trimmed = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        self.directory = trimmed
        func path(_ name: String) -> String { trimmed + "/" + name }
        system = try DictionaryFile(path: path("sys.dic"), expected: .system)
        unknown = try DictionaryFile(path: path("unk.dic"), expected: .unknown)
        matrix = try ConnectionMatrix(path: path("matrix.bin"))
        characters = try CharacterTable(path: path("char.bin"))
        for (name, file) in [("sys.dic", system), ("unk.dic", unknown)] {
            guard file.leftSize == matrix.leftSize, file.rightSize == matrix.rightSize else {
                throw MorphError(.invalidDictionary,
                                 "context sizes \(file.leftSize) × \(file.rightSize) differ from matrix.bin's \(matrix.leftSize) × \(matrix.rightSize): the files come from different dictionaries",
                                 path: path(name), field: "lsize/rsize")
            }
        }
        let dicrc = try MappedFile(path: path("dicrc"))
        let text = String(decoding: UnsafeRawBufferPointer(start: dicrc.base, count: dicrc.count), as: UTF8.self)
        settings = try DictionarySettings(parsing: text, path: path("dicrc"))

        var unknownTokens: [(first: Int, count: Int)] = []
        for name in characters.categoryNames {
            guard let value = unknown.exactMatch(Array(name.utf8)) else {
                throw MorphError(.invalidDictionary, "no unknown-word entry for character category \(name)",
                                 path: path("unk.dic"), field: name)
            }
            let first = value >> 8
            let count = value & 0xFF
            guard count > 0, first + count <= unknown.lexiconSize else {
                throw MorphError(.invalidDictionary, "entry for \(name) points outside the token records",
                                 path: path("unk.dic"), field: name)
            }
            unknownTokens.append((first, count))
        }
        self.unknownTokens = unknownTokens
        var penalties = [Int32](repeating: 0, count: Int(UInt16.max) + 1)
        for (posid, cost) in settings.spacePenalties { penalties[Int(posid)] = Int32(clamping: cost) }
        spacePenaltyTable = penalties
        try validateTokens(system, path: path("sys.dic"))
        try validateTokens(unknown, path: path("unk.dic"))
    }

    /// Checks the context ids of the first and last records (a cheap guard against foreign files;
    /// every record is checked in debug builds).
    private func validateTokens(_ file: DictionaryFile, path: String) throws {
        var indices = file.lexiconSize > 0 ? [0, file.lexiconSize - 1] : []
        #if DEBUG
        if file.kind == .unknown { indices = Array(0..<file.lexiconSize) }
        #endif
        for index in indices {
            guard Int(file.rightId(index)) < matrix.leftSize, Int(file.leftId(index)) < matrix.rightSize,
                  file.featureOffset(index) < file.featureSize else {
                throw MorphError(.invalidDictionary, "token \(index) has context ids outside the matrix or a feature outside the file",
                                 path: path, field: "token")
            }
        }
    }

    /// The feature string of a system-lexicon record, decoded (for tests and tools).
    func systemFeature(_ token: Int) -> String {
        String(decoding: system.feature(token), as: UTF8.self)
    }
}
