import MalmoiCore

extension Analyzer {
    /// The morphemes of the first system-dictionary entry with this surface and tag whose expression
    /// field (mecab-ko-dic's 8th feature) spells them out, as the dictionary writes them (bare endings
    /// in conjoining jamo); nil when there is none.
    ///
    /// ```swift
    /// analyzer.expressionParts(surface: "신다", pos: "EP+EC")   // 시/EP, ᆫ다/EC
    /// ```
    public func expressionParts(surface: String, pos: String) -> [Morpheme.Part]? {
        guard let value = dictionary.system.exactMatch(Array(surface.utf8)) else { return nil }
        let first = value >> 8
        let count = value & 0xFF
        guard first + count <= dictionary.system.lexiconSize else { return nil }
        for token in first..<(first + count) {
            let feature = String(decoding: dictionary.system.feature(token), as: UTF8.self)
            let fields = feature.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count > 7, fields[0] == pos, fields[4] != "*", fields[7] != "*" else { continue }
            let parts = Morpheme.parts(ofExpression: String(fields[7]), surface: surface, start: 0, end: 0)
            guard parts.count > 1, parts.allSatisfy({ MorphTagSet.contains($0.pos) }) else { continue }
            return parts
        }
        return nil
    }
}
