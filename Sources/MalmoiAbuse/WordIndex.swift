/// A list of short words indexed by their first scalar, so that "does one of them start here?" looks
/// at the few words sharing the scalar found there instead of the whole list.
///
/// Words keep the order of the list inside their bucket (the first match reported is the one the
/// list would give), and an empty word, which starts everywhere, is honoured.
struct WordIndex: Sendable {
    /// The words, in the order given.
    let words: [[UInt32]]
    /// Distinct first scalars, sorted; bucket `b` holds `members[bucketStart[b] ..< bucketStart[b + 1]]`.
    private let firstScalars: [UInt32]
    private let bucketStart: [Int32]
    private let members: [Int32]
    /// Whether the list holds an empty word.
    private let hasEmptyWord: Bool

    /// Indexes `words`; `key` maps a word's first scalar to its bucket key (lowercasing, for example).
    init(_ words: [[UInt32]], key: (UInt32) -> UInt32 = { $0 }) {
        self.words = words
        hasEmptyWord = words.contains { $0.isEmpty }
        var buckets: [UInt32: [Int32]] = [:]
        for (index, word) in words.enumerated() where !word.isEmpty {
            buckets[key(word[0]), default: []].append(Int32(index))
        }
        firstScalars = buckets.keys.sorted()
        var starts: [Int32] = []
        var members: [Int32] = []
        for scalar in firstScalars {
            starts.append(Int32(members.count))
            members += buckets[scalar]!
        }
        starts.append(Int32(members.count))
        bucketStart = starts
        self.members = members
    }

    /// Calls `body` with the index of every word that may start with `scalar` (and every empty word),
    /// in list order, until it returns true; returns whether it did.
    @inline(__always)
    func first(startingWith scalar: UInt32, where body: (Int) -> Bool) -> Bool {
        if hasEmptyWord { return words.indices.contains(where: body) }
        var low = 0
        var high = firstScalars.count
        while low < high {
            let middle = (low + high) / 2
            if firstScalars[middle] < scalar { low = middle + 1 } else { high = middle }
        }
        guard low < firstScalars.count, firstScalars[low] == scalar else { return false }
        for position in Int(bucketStart[low])..<Int(bucketStart[low + 1]) where body(Int(members[position])) { return true }
        return false
    }
}
