/// A MeCab-compatible Korean morpheme analyzer over a compiled mecab-ko-dic.
///
/// ```swift
/// let dictionary = try SystemDictionary.discover(explicit: nil)
/// let analyzer = Analyzer(dictionary: dictionary)
/// for morpheme in analyzer.analyze("아버지가 방에 들어가신다") {
///     print(morpheme.surface, morpheme.pos, morpheme.start, morpheme.end)
/// }
/// ```
/// The best path is the one MeCab (mecab-ko 0.996/ko-0.9.2) finds with the same dictionary, ties
/// included (`docs/mecab-dictionary-format.md`). An analyzer is an immutable value: share one between
/// threads freely; each call keeps its state in its own ``Lattice``.
public struct Analyzer: Sendable {
    /// The system dictionary.
    public let dictionary: SystemDictionary
    /// Extra words, or nil.
    public let userDictionary: UserDictionary?

    /// Creates an analyzer.
    /// - Parameters:
    ///   - dictionary: the mapped mecab-ko-dic.
    ///   - userDictionary: words to add to the lattice, or nil.
    public init(dictionary: SystemDictionary, userDictionary: UserDictionary? = nil) {
        self.dictionary = dictionary
        self.userDictionary = userDictionary
    }

    /// The best analysis of a text; whitespace separates words and produces no tokens.
    /// - Returns: the tokens in order, with scalar offsets into `text`.
    /// - Complexity: linear in the length of the text.
    public func analyze(_ text: String) -> [Morpheme] {
        var text = text
        return text.withUTF8 { bytes in
            let lattice = Lattice()
            build(lattice, utf8: bytes)
            return morphemes(lattice.bestPath, in: lattice, utf8: bytes)
        }
    }

    /// The `count` best analyses of a text, best first, as MeCab's n-best search orders them.
    /// - Returns: at most `count` analyses (fewer when the lattice has fewer paths).
    public func analyze(_ text: String, nbest count: Int) -> [[Morpheme]] {
        var text = text
        return text.withUTF8 { bytes in
            let lattice = Lattice()
            build(lattice, utf8: bytes, allPaths: count > 1)
            if count <= 1 { return [morphemes(lattice.bestPath, in: lattice, utf8: bytes)] }
            return lattice.nbestPaths(count).map { morphemes($0, in: lattice, utf8: bytes) }
        }
    }

    // MARK: Access to node contents

    /// The feature bytes of a node (without a terminating NUL); BOS/EOS give the dictionary's
    /// `bos-feature`.
    public func withFeature<R>(of node: LatticeNode, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch node.source {
        case .system: return try body(dictionary.system.feature(Int(node.record)))
        case .unknown: return try body(dictionary.unknown.feature(Int(node.record)))
        case .user:
            return try userDictionary!.featureBytes[Int(node.record)].withUnsafeBufferPointer { try body($0) }
        case .beginning, .end:
            var feature = dictionary.settings.bosFeature
            return try feature.withUTF8 { try body($0) }
        }
    }

    /// The feature of a node as a string.
    public func feature(of node: LatticeNode) -> String {
        withFeature(of: node) { String(decoding: $0, as: UTF8.self) }
    }

    /// Turns path nodes into morphemes, computing scalar offsets in one pass over the bytes.
    public func morphemes(_ path: [Int32], in lattice: Lattice, utf8 bytes: UnsafeBufferPointer<UInt8>) -> [Morpheme] {
        var result: [Morpheme] = []
        result.reserveCapacity(path.count)
        var counter = ScalarCounter(bytes)
        for index in path {
            let node = lattice[index]
            let start = counter.scalarOffset(ofByte: Int(node.start))
            let end = counter.scalarOffset(ofByte: Int(node.end))
            let surface = String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.end)]), as: UTF8.self)
            let features = feature(of: node).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let expression = features.count > 7 && features[4] != "*"
                ? Morpheme.parts(ofExpression: features[7], surface: surface, start: start, end: end) : []
            result.append(Morpheme(surface: surface, pos: features.first ?? "", features: features, start: start, end: end,
                                   isUnknown: node.source == .unknown, expression: expression))
        }
        return result
    }
}

/// Converts increasing byte offsets of a UTF-8 text to Unicode scalar offsets in one forward pass.
///
/// Every byte that is not a continuation byte (`10xxxxxx`) starts a scalar, which is how Swift counts
/// the scalars of valid UTF-8.
public struct ScalarCounter {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var byteOffset = 0
    private var scalarOffset = 0

    /// Starts at the beginning of `bytes`.
    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The scalar offset of a byte offset; offsets must not decrease from call to call.
    public mutating func scalarOffset(ofByte target: Int) -> Int {
        if target < byteOffset {
            byteOffset = 0
            scalarOffset = 0
        }
        while byteOffset < target {
            if bytes[byteOffset] & 0xC0 != 0x80 { scalarOffset &+= 1 }
            byteOffset &+= 1
        }
        return scalarOffset
    }
}
