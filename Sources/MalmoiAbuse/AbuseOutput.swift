import MalmoiCore

// The output shapes of `malmoi abuse canon | variants | dedup | taxonomy`: their JSON, and the text
// that explains steps and changes. Offsets are Unicode scalar offsets, `[start, end)`, into the message
// as given (`original_*`) or its canonical form.

extension Canonicalization {
    /// `{"canonical", "transformations": [...]}` (`abuse canon --format json`).
    public var jsonValue: JSONValue {
        .object(JSONObject([("canonical", .string(text)), ("transformations", .array(transformations.map(\.jsonValue)))]))
    }
}

extension Transformation {
    /// `{"technique" (null for plain normalization), "original_start", "original_end", "canonical_start",
    /// "canonical_end", "original", "replacement"}`.
    public var jsonValue: JSONValue {
        .object(JSONObject([
            ("technique", technique.map { .string($0.rawValue) } ?? .null),
            ("original_start", .int(originalRange.lowerBound)), ("original_end", .int(originalRange.upperBound)),
            ("canonical_start", .int(canonicalRange.lowerBound)), ("canonical_end", .int(canonicalRange.upperBound)),
            ("original", .string(original)), ("replacement", .string(replacement)),
        ]))
    }

    /// One line of `abuse canon --explain`: `technique: "original" [start,end) → "replacement" [start,end)`.
    public var explanation: String {
        let name = technique?.rawValue ?? "normalization"
        return "\(name): \"\(original)\" [\(originalRange.lowerBound),\(originalRange.upperBound)) → \"\(replacement)\" [\(canonicalRange.lowerBound),\(canonicalRange.upperBound))"
    }
}

extension VariantGenerator.Variant {
    /// `{"message", "text", "technique", "spans": [{"start", "end", "canonical"}]}` (`abuse variants
    /// --format json`), the spans in the variant's text.
    public func jsonValue(message: String) -> JSONValue {
        .object(JSONObject([
            ("message", .string(message)), ("text", .string(text)), ("technique", .string(technique.rawValue)),
            ("spans", .array(spans.map { span in
                .object(JSONObject([("start", .int(span.start)), ("end", .int(span.end)), ("canonical", .string(span.canonical))]))
            })),
        ]))
    }
}

extension CanonicalDeduplicator {
    /// One line of `abuse dedup --report`: `{"line", "key", "duplicate_of"}` (the earlier message's id, or null).
    public static func report(line: Int, key: String, duplicateOf earlier: String?) -> JSONValue {
        .object(JSONObject([("line", .int(line)), ("key", .string(key)), ("duplicate_of", earlier.map { .string($0) } ?? .null)]))
    }
}

extension Taxonomy {
    /// The summary of `abuse taxonomy --format json`: versions, categories, target types, groups,
    /// techniques with aliases and definitions, the lexicon's size and the dataset mappings.
    public func summaryJSON(lexicon: Lexicon) -> JSONValue {
        .object(JSONObject([
            ("taxonomy_version", .string(version)),
            ("lexicon_version", .string(lexicon.version)),
            ("categories", .array(categories.map { .string($0.id) })),
            ("target_types", .array(targetTypes.map { .string($0) })),
            ("groups", .array(groups.map { .string($0) })),
            ("techniques", .array(techniques.map { technique in
                .object(JSONObject([("id", .string(technique.id)), ("aliases", .array(technique.aliases.map { .string($0) })),
                                    ("definition", .string(technique.definition))]))
            })),
            ("lexicon_entries", .int(lexicon.entries.count)),
            ("dataset_mappings", .array(datasetMappings.keys.sorted().map { .string($0) })),
        ]))
    }

    /// The text of `abuse taxonomy`: categories, severities, target types, groups, techniques with
    /// aliases, definitions and examples, and the dataset mappings.
    public func summaryText(lexicon: Lexicon) -> String {
        var text = "taxonomy \(version), lexicon \(lexicon.version) (\(lexicon.entries.count) entries)\n\ncategories:\n"
        for category in categories { text += "  \(category.id) (\(category.nameKorean)): \(category.definition)\n" }
        text += "\nseverity:\n"
        for level in severities.keys.sorted() { text += "  \(level) \(severities[level]!)\n" }
        text += "\ntarget types: \(targetTypes.joined(separator: ", "))\ngroups: \(groups.joined(separator: ", "))\n\ntechniques:\n"
        for technique in techniques {
            let aliases = technique.aliases.isEmpty ? "" : " (also: \(technique.aliases.joined(separator: ", ")))"
            let examples = technique.examples.map { "\($0.surface) → \($0.canonical)" }.joined(separator: "; ")
            text += "  \(technique.id)\(aliases) \(technique.nameKorean): \(technique.definition)\n      e.g. \(examples)\n"
        }
        text += "\ndataset mappings: \(datasetMappings.keys.sorted().joined(separator: ", "))\n"
        return text
    }
}

extension CanonicalizationSteps {
    /// The steps in order, each marked on or off in `self`, with what it undoes (`abuse canon --explain`).
    public var explanation: String {
        var text = "steps (in order):\n"
        for step in Self.catalog {
            let state = contains(step.step) ? "on " : "off"
            text += "  [\(state)] \(step.name): \(step.explanation)\n"
            text += "        undoes: \(step.techniques.map(\.rawValue).joined(separator: ", "))\n"
        }
        return text
    }
}
