/// Infers the context ids and part-of-speech id of a new entry from its feature, the way
/// `mecab-dict-index` does: the feature is rewritten by the `[left rewrite]` / `[right rewrite]` rules
/// of `rewrite.def`, and the result is looked up in `left-id.def` / `right-id.def`; the posid comes
/// from the first matching rule of `pos-id.def`.
///
/// Patterns are comma-separated; a field `*` matches anything, `(A|B|C)` matches any alternative,
/// anything else matches itself; `$n` in a target is the n-th field of the feature. Used only for user
/// dictionary entries that do not give their ids.
struct ContextIdResolver {
    struct Rule {
        var pattern: [String]
        var target: [String]
    }

    var leftRules: [Rule] = []
    var rightRules: [Rule] = []
    var posRules: [Rule] = []
    var leftIds: [String: UInt16] = [:]
    var rightIds: [String: UInt16] = [:]

    /// Reads `rewrite.def`, `left-id.def`, `right-id.def` and `pos-id.def` from a dictionary directory.
    /// - Throws: ``MorphError`` `.unreadableFile` when one of them is missing.
    init(directory: String) throws {
        func read(_ name: String) throws -> [Substring] {
            let file = try MappedFile(path: directory + "/" + name)
            let text = String(decoding: UnsafeRawBufferPointer(start: file.base, count: file.count), as: UTF8.self)
            return text.split(separator: "\n", omittingEmptySubsequences: true)
        }
        var section = ""
        for line in try read("rewrite.def") {
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("[") {
                section = trimmed
                continue
            }
            let parts = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count >= 2 else { continue }
            let rule = Rule(pattern: Self.fields(parts[0]), target: Self.fields(parts[1]))
            switch section {
            case "[left rewrite]": leftRules.append(rule)
            case "[right rewrite]": rightRules.append(rule)
            default: break
            }
        }
        for line in try read("pos-id.def") {
            let parts = line.trimmingSpaces().split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count >= 2 else { continue }
            posRules.append(Rule(pattern: Self.fields(parts[0]), target: [String(parts[1])]))
        }
        for (name, isLeft) in [("left-id.def", true), ("right-id.def", false)] {
            for line in try read(name) {
                let parts = line.trimmingSpaces().split(separator: " ", maxSplits: 1)
                guard parts.count == 2, let id = UInt16(parts[0]) else { continue }
                if isLeft { leftIds[String(parts[1])] = id } else { rightIds[String(parts[1])] = id }
            }
        }
    }

    private static func fields(_ text: Substring) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    private static func matches(_ pattern: String, _ value: String) -> Bool {
        if pattern.hasPrefix("*") || pattern == value { return true }
        if pattern.count >= 3, pattern.hasPrefix("("), pattern.hasSuffix(")") {
            return pattern.dropFirst().dropLast().split(separator: "|").contains { $0 == value }
        }
        return false
    }

    /// The first rule's rewriting of `feature`, or nil when no rule matches.
    static func rewrite(_ feature: [String], rules: [Rule]) -> String? {
        for rule in rules where rule.pattern.count <= feature.count {
            guard zip(rule.pattern, feature).allSatisfy({ matches($0, $1) }) else { continue }
            var output: [String] = []
            for element in rule.target {
                var result = ""
                var scalars = Array(element.unicodeScalars)[...]
                while let scalar = scalars.popFirst() {
                    guard scalar == "$" else {
                        result.unicodeScalars.append(scalar)
                        continue
                    }
                    var number = 0
                    while let digit = scalars.first, let value = Int(String(digit)), digit.isASCII {
                        number = number * 10 + value
                        scalars.removeFirst()
                    }
                    if number > 0 && number - 1 < feature.count { result += feature[number - 1] }
                }
                output.append(result)
            }
            return output.joined(separator: ",")
        }
        return nil
    }

    /// The `(leftId, rightId, posId)` that `mecab-dict-index` would give to an entry with this feature.
    func ids(for feature: [String]) -> (left: UInt16, right: UInt16, pos: UInt16)? {
        guard let left = Self.rewrite(feature, rules: leftRules), let leftId = leftIds[left],
              let right = Self.rewrite(feature, rules: rightRules), let rightId = rightIds[right] else { return nil }
        let pos = Self.rewrite(feature, rules: posRules).flatMap { UInt16($0) } ?? 0
        return (leftId, rightId, pos)
    }
}
