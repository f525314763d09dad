/// Learns user-dictionary entries from corrected analyses: every content morpheme (`form/TAG`) that
/// the system dictionary does not hold with that tag becomes an entry, with the word cost the
/// dictionary itself gives such words (the median cost of its entries with the same tag).
///
/// ```swift
/// let learner = UserDictionaryLearner(dictionary: dictionary)
/// let entries = learner.learn([[("챗지피티", "NNP"), ("가", "JKS")]])
/// UserDictionaryLearner.csv(entries)   // "챗지피티,NNP,<median NNP cost>\n"
/// ```
/// The CSV is the short `surface,POS,cost` form ``UserDictionary`` reads, which infers the context ids
/// from the dictionary's `rewrite.def`/`left-id.def`/`right-id.def`; entries whose tag those rules do not
/// cover (GSD's `NNB` for what mecab-ko-dic calls `NNBC`, say) are left out.
public struct UserDictionaryLearner: Sendable {
    /// One learned entry.
    public struct Entry: Hashable, Sendable {
        /// The surface form.
        public var surface: String
        /// The mecab-ko-dic tag.
        public var pos: String
        /// The word cost (lower is preferred).
        public var cost: Int
        /// How many times the corrections used it.
        public var occurrences: Int
    }

    /// The tags learned: nouns, pronouns, numerals, adverbs, determiners, interjections, roots, verb and
    /// adjective stems. Particles and endings are closed classes the dictionary already covers.
    public static let learnedTags: Set<String> = ["NNG", "NNP", "NNB", "NR", "NP", "MAG", "MM", "IC", "XR", "VV", "VA"]

    /// The dictionary consulted.
    public let dictionary: SystemDictionary
    /// The median word cost of the dictionary's entries, by tag.
    public let medianCost: [String: Int]

    /// Reads the median cost of every tag from the dictionary's entries.
    /// - Complexity: one pass over the dictionary's tokens (under a second for mecab-ko-dic).
    public init(dictionary: SystemDictionary) {
        self.dictionary = dictionary
        var costs: [String: [Int16]] = [:]
        let file = dictionary.system
        for token in 0..<file.lexiconSize {
            let feature = file.feature(token)
            var end = 0
            while end < feature.count, feature[end] != UInt8(ascii: ",") { end += 1 }
            let tag = String(decoding: UnsafeBufferPointer(rebasing: feature[0..<end]), as: UTF8.self)
            guard Self.learnedTags.contains(tag) else { continue }
            costs[tag, default: []].append(file.wordCost(token))
        }
        var medians: [String: Int] = [:]
        for (tag, values) in costs {
            let sorted = values.sorted()
            medians[tag] = Int(sorted[sorted.count / 2])
        }
        medianCost = medians
    }

    /// Whether the system dictionary holds `surface` with the tag `pos` (its feature's first field).
    public func isKnown(surface: String, pos: String) -> Bool {
        let file = dictionary.system
        guard let value = file.exactMatch(Array(surface.utf8)) else { return false }
        let first = value >> 8
        let count = value & 0xFF
        let prefix = Array((pos + ",").utf8)
        for token in first..<(first + count) {
            let feature = file.feature(token)
            if feature.count >= prefix.count, zip(feature, prefix).allSatisfy({ $0 == $1 }) { return true }
        }
        return false
    }

    /// The entries learned from corrected analyses (each a list of `(form, tag)`), most used first.
    /// - Parameter minimumCount: entries used fewer times are left out.
    public func learn(_ analyses: [[(form: String, pos: String)]], minimumCount: Int = 1) -> [Entry] {
        var counts: [String: (surface: String, pos: String, count: Int)] = [:]
        var order: [String] = []
        for analysis in analyses {
            for (form, pos) in analysis where Self.learnedTags.contains(pos) && !form.isEmpty
                && !form.contains(",") && !form.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
                let key = form + "\t" + pos
                if let existing = counts[key] {
                    counts[key] = (existing.surface, existing.pos, existing.count + 1)
                } else {
                    guard !isKnown(surface: form, pos: pos) else { continue }
                    counts[key] = (form, pos, 1)
                    order.append(key)
                }
            }
        }
        let resolver = try? ContextIdResolver(directory: dictionary.directory)
        return order.compactMap { key -> Entry? in
            let value = counts[key]!
            guard value.count >= minimumCount, let cost = medianCost[value.pos] else { return nil }
            // Only entries whose feature the dictionary's rewrite rules give context ids to can be loaded.
            let feature = [value.pos, "*", UserDictionary.finalConsonant(value.surface), value.surface, "*", "*", "*", "*"]
            guard let resolver, resolver.ids(for: feature) != nil else { return nil }
            return Entry(surface: value.surface, pos: value.pos, cost: cost, occurrences: value.count)
        }.sorted { ($0.occurrences, $1.surface) > ($1.occurrences, $0.surface) }
    }

    /// The entries as user-dictionary CSV lines `surface,POS,cost`.
    public static func csv(_ entries: [Entry]) -> String {
        entries.map { "\($0.surface),\($0.pos),\($0.cost)\n" }.joined()
    }
}
