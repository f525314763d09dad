import MalmoiCore

extension TaskKind {
    /// `abuse`: label a message on the three axes of the abuse taxonomy.
    public static let abuse: TaskKind = "abuse"
}

/// The abuse labelling task: the annotator sees the message with the scanner's suggestions and confirms
/// or corrects each axis — harm categories (with `directed` and a severity), target, and the evasive
/// spans with their canonical words and techniques.
///
/// ```swift
/// let task = try AbuseTask(configuration: [:])
/// try task.parse(answer: "profanity | 2 | individual_addressee | 0-3=씨발/choseong+spacing")
/// ```
/// Configuration: optional `taxonomy` and `lexicon` file paths (the built-in files otherwise).
/// Payload (`schema_version` 1): `{"schema_version", "taxonomy_version", "categories": [String],
/// "directed": Bool?, "severity": Int (0 when clean), "target_type": String, "groups": [String],
/// "spans": [{"start", "end", "canonical", "techniques": [String]}]}`; span offsets are Unicode scalar
/// offsets `[start, end)` into the item text.
///
/// A typed answer has four parts separated by `|`: categories (comma-separated; `profanity-` marks
/// undirected profanity), severity (0–3), target (`type` or `group:women,elderly`), and spans
/// (`start-end=canonical/technique+technique`, comma-separated). Technique aliases are accepted.
/// `clean` alone means no category, severity 0, target none, no spans.
public struct AbuseTask: TaskModule {
    /// `abuse`.
    public static let kind: TaskKind = .abuse

    /// The taxonomy labels are checked against.
    public let taxonomy: Taxonomy
    /// The scanner that drafts suggestions.
    public let scanner: AbuseScanner

    /// Creates the task from `{"taxonomy": path?, "lexicon": path?}`.
    /// - Throws: ``TaskError`` `.invalidConfiguration` when a file is missing or invalid.
    public init(configuration: JSONObject) throws {
        do {
            let taxonomy = try configuration["taxonomy"]?.stringValue.map { try Taxonomy(contentsOf: $0) } ?? Taxonomy.standard()
            let lexicon = try configuration["lexicon"]?.stringValue.map { try Lexicon(contentsOf: $0, taxonomy: taxonomy) }
                ?? Lexicon.standard(taxonomy: taxonomy)
            self.taxonomy = taxonomy
            scanner = AbuseScanner(canonicalizer: Canonicalizer(lexicon: lexicon))
        } catch let error as TaskError {
            throw error
        } catch {
            throw TaskError(.invalidConfiguration, "abuse task: \(error)")
        }
    }

    public func prompt(for item: Item) -> String {
        var lines = [item.text, ""]
        let draft = item.preAnnotation ?? preAnnotate(item)
        if let draft {
            lines.append("제안 (suggestion): " + summary(of: draft))
            let canonical = scanner.scan(item.text).canonical
            if canonical != item.text { lines.append("표준형 (canonical): " + canonical) }
        }
        lines.append("범주 | 심각도 | 대상 | span — 범주: " + taxonomy.categories.map(\.id).joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    public var answerHelp: String {
        """
        Type: categories | severity | target | spans, e.g.
          profanity,insult | 2 | individual_addressee | 0-3=씨발/choseong_abbreviation+spacing
          profanity- | 1 | none |            (undirected profanity, no evasive span)
          identity_hate | 2 | group:elderly | 4-6=틀딱/partial_jamo
          clean                               (nothing abusive)
        Or paste the JSON payload. Techniques: \(taxonomy.techniques.map(\.id).joined(separator: ", "))
        """
    }

    public func parse(answer: String) throws -> JSONValue {
        let trimmed = answer.trimmingSpaces()
        if trimmed == "clean" || trimmed == "없음" {
            return payload(categories: [], directed: nil, severity: 0, targetType: "none", groups: [], spans: [])
        }
        if trimmed.hasPrefix("{") {
            do { return try parse(json: try JSONValue.parse(trimmed)) } catch let error as TaskError { throw error } catch {
                throw TaskError(.invalidAnswer, "the answer starts with { but is not valid JSON")
            }
        }
        let parts = trimmed.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
        guard parts.count >= 2 else {
            throw TaskError(.invalidAnswer, "expected categories | severity | target | spans (or 'clean'); see :help")
        }
        var categories: [String] = []
        var directed: Bool?
        for name in parts[0].split(separator: ",").map({ String($0).trimmingSpaces() }) where !name.isEmpty {
            var id = name
            if id.hasSuffix("-") { id.removeLast(); if id == "profanity" { directed = false } } else if id == "profanity" { directed = true }
            categories.append(id)
        }
        guard let severity = Int(parts[1]) else { throw TaskError(.invalidAnswer, "severity must be a number 0–3, found \"\(parts[1])\"") }
        var targetType = "none"
        var groups: [String] = []
        if parts.count > 2, !parts[2].isEmpty {
            let target = parts[2].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
            guard !target[0].isEmpty else {
                throw TaskError(.invalidAnswer, "the target is a type such as none or group:elderly, found \"\(parts[2])\"")
            }
            targetType = target[0]
            if target.count > 1 { groups = target[1].split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty } }
        }
        var spans: [JSONValue] = []
        if parts.count > 3, !parts[3].isEmpty {
            for spec in parts[3].split(separator: ",").map({ String($0).trimmingSpaces() }) where !spec.isEmpty {
                spans.append(try parseSpan(spec))
            }
        }
        return payload(categories: categories, directed: directed, severity: severity, targetType: targetType, groups: groups, spans: spans)
    }

    private func parseSpan(_ spec: String) throws -> JSONValue {
        // start-end=canonical/technique+technique
        let bad = TaskError(.invalidAnswer, "a span is start-end=canonical/technique+technique, found \"\(spec)\"")
        let sides = spec.split(separator: "=", maxSplits: 1).map(String.init)
        guard sides.count == 2 else { throw bad }
        let bounds = sides[0].split(separator: "-").map { Int(String($0).trimmingSpaces()) }
        guard bounds.count == 2, let start = bounds[0], let end = bounds[1] else { throw bad }
        let rest = sides[1].split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let techniques = rest.count > 1 ? rest[1].split(separator: "+").map { String($0).trimmingSpaces() } : []
        return spanValue(start: start, end: end, canonical: rest[0].trimmingSpaces(), techniques: techniques)
    }

    public func parse(json: JSONValue) throws -> JSONValue {
        if case .string(let text) = json { return try parse(answer: text) }
        guard let object = json.objectValue else {
            throw TaskError(.invalidAnswer, "expected an object with categories, severity, target_type and spans, found \(json.typeName)")
        }
        func strings(_ key: String) throws -> [String] {
            guard let value = object[key], !value.isNull else { return [] }
            guard let array = value.arrayValue else { throw TaskError(.invalidAnswer, "\"\(key)\" must be an array of strings") }
            return try array.map {
                guard let string = $0.stringValue else { throw TaskError(.invalidAnswer, "\"\(key)\" must be an array of strings") }
                return string
            }
        }
        var spans: [JSONValue] = []
        for value in object["spans"]?.arrayValue ?? [] {
            guard let start = value["start"]?.intValue, let end = value["end"]?.intValue else {
                throw TaskError(.invalidAnswer, "every span needs integer \"start\" and \"end\"")
            }
            let techniques = (value["techniques"]?.arrayValue ?? []).compactMap(\.stringValue)
            spans.append(spanValue(start: start, end: end, canonical: value["canonical"]?.stringValue ?? "", techniques: techniques))
        }
        guard let severity = (object["severity"] ?? .int(0)).intValue else { throw TaskError(.invalidAnswer, "\"severity\" must be an integer 0–3") }
        return payload(categories: try strings("categories"), directed: object["directed"]?.boolValue, severity: severity,
                       targetType: object["target_type"]?.stringValue ?? "none", groups: try strings("groups"), spans: spans)
    }

    private func spanValue(start: Int, end: Int, canonical: String, techniques: [String]) -> JSONValue {
        // Aliases are stored under their taxonomy id.
        let ids = techniques.map { taxonomy.technique(named: $0)?.id ?? $0 }
        return .object(JSONObject([("start", .int(start)), ("end", .int(end)), ("canonical", .string(canonical)),
                                   ("techniques", .array(ids.map { .string($0) }))]))
    }

    private func payload(categories: [String], directed: Bool?, severity: Int, targetType: String, groups: [String], spans: [JSONValue]) -> JSONValue {
        .object(JSONObject([
            ("schema_version", .int(1)),
            ("taxonomy_version", .string(taxonomy.version)),
            ("categories", .array(categories.map { .string($0) })),
            ("directed", directed.map { .bool($0) } ?? .null),
            ("severity", .int(severity)),
            ("target_type", .string(targetType)),
            ("groups", .array(groups.map { .string($0) })),
            ("spans", .array(spans)),
        ]))
    }

    public func validate(_ payload: JSONValue, for item: Item) -> [Finding] {
        var findings: [Finding] = []
        let categories = (payload["categories"]?.arrayValue ?? []).compactMap(\.stringValue)
        let known = Set(taxonomy.categories.map(\.id))
        for category in categories where !known.contains(category) {
            findings.append(Finding(.error, code: "unknown-category", "\"\(category)\" is not a category; categories: \(taxonomy.categories.map(\.id).joined(separator: ", "))"))
        }
        if Set(categories).count != categories.count { findings.append(Finding(.error, code: "duplicate-category", "a category is listed twice")) }
        let severity = payload["severity"]?.intValue ?? -1
        if categories.isEmpty {
            if severity != 0 { findings.append(Finding(.error, code: "severity-without-category", "a clean message has severity 0")) }
        } else if !(1...3).contains(severity) {
            findings.append(Finding(.error, code: "bad-severity", "severity must be 1, 2 or 3 when a category is chosen"))
        }
        if let directed = payload["directed"], !directed.isNull, !categories.contains("profanity") {
            findings.append(Finding(.error, code: "directed-without-profanity", "\"directed\" applies to profanity only"))
        }
        let targetType = payload["target_type"]?.stringValue ?? ""
        if !taxonomy.targetTypes.contains(targetType) {
            findings.append(Finding(.error, code: "unknown-target", "\"\(targetType)\" is not a target type; types: \(taxonomy.targetTypes.joined(separator: ", "))"))
        }
        let groups = (payload["groups"]?.arrayValue ?? []).compactMap(\.stringValue)
        for group in groups where !taxonomy.groups.contains(group) {
            findings.append(Finding(.error, code: "unknown-group", "\"\(group)\" is not a target group"))
        }
        if targetType == "group" && groups.isEmpty {
            findings.append(Finding(.error, code: "group-missing", "target type group needs at least one group"))
        } else if targetType != "group" && !groups.isEmpty {
            findings.append(Finding(.warning, code: "groups-ignored", "groups are given but the target type is \(targetType)"))
        }
        if categories.contains("identity_hate") && targetType != "group" {
            findings.append(Finding(.warning, code: "hate-without-group", "identity_hate usually targets a group"))
        }
        let length = item.text.unicodeScalars.count
        let scalars = Array(item.text.unicodeScalars)
        let lexicon = scanner.canonicalizer.lexicon
        var previousEnd = 0
        let spans = (payload["spans"]?.arrayValue ?? []).sorted { ($0["start"]?.intValue ?? 0) < ($1["start"]?.intValue ?? 0) }
        for (index, span) in spans.enumerated() {
            let start = span["start"]?.intValue ?? -1
            let end = span["end"]?.intValue ?? -1
            guard start >= 0, end > start, end <= length else {
                findings.append(Finding(.error, code: "span-outside-text", "span \(start)-\(end) is not inside the text (0-\(length), Unicode scalars)"))
                continue
            }
            if index > 0 && start < previousEnd {
                findings.append(Finding(.error, code: "overlapping-spans", "span \(start)-\(end) overlaps the previous span"))
            }
            previousEnd = max(previousEnd, end)
            let surface = String(String.UnicodeScalarView(scalars[start..<end]))
            let techniques = (span["techniques"]?.arrayValue ?? []).compactMap(\.stringValue)
            for technique in techniques where EvasionTechnique(rawValue: technique) == nil {
                findings.append(Finding(.error, code: "unknown-technique", "\"\(technique)\" is not a technique (span \"\(surface)\")"))
            }
            if techniques.isEmpty {
                findings.append(Finding(.warning, code: "span-without-technique", "span \"\(surface)\" has no evasion technique"))
            }
            let canonical = span["canonical"]?.stringValue ?? ""
            if canonical.isEmpty {
                findings.append(Finding(.error, code: "span-without-canonical", "span \"\(surface)\" needs the canonical word it stands for"))
            } else if !lexicon.entries.contains(where: { $0.canonical == canonical }) {
                findings.append(Finding(.warning, code: "canonical-not-in-lexicon", "\"\(canonical)\" is not in the lexicon; the reviewer may add it"))
            }
        }
        return findings
    }

    public func preAnnotate(_ item: Item) -> JSONValue? {
        let result = scanner.scan(item.text)
        guard result.flagged else {
            return payload(categories: [], directed: nil, severity: 0, targetType: "none", groups: [], spans: [])
        }
        var categories: [String] = []
        for hit in result.hits where !categories.contains(hit.category.rawValue) { categories.append(hit.category.rawValue) }
        let spans = result.hits.filter { !$0.techniques.isEmpty }.map { hit in
            spanValue(start: hit.start, end: hit.end, canonical: hit.canonical, techniques: hit.techniques.map(\.rawValue))
        }
        return payload(categories: categories, directed: categories.contains("profanity") ? true : nil,
                       severity: result.hits.map(\.severity).max() ?? 1, targetType: "none", groups: [], spans: spans)
    }

    /// Records per axis for the agreement scorer: `abuse.category.<id>` (yes/no, nominal α per
    /// category), `abuse.categories` (the set, MASI α), `abuse.severity` (a number; score with
    /// `--level ordinal`), `abuse.target_type` (nominal) and `abuse.spans` (evasive spans labelled with
    /// their canonical word, span agreement).
    public func agreementRecords(for annotations: [Annotation]) -> [AgreementRecord] {
        var records: [AgreementRecord] = []
        for annotation in annotations {
            let payload = annotation.payload
            let categories = (payload["categories"]?.arrayValue ?? []).compactMap(\.stringValue)
            func record(_ task: String, _ label: JSONValue) {
                records.append(AgreementRecord(task: task, item: annotation.item, annotator: annotation.annotator, label: label))
            }
            for category in taxonomy.categories {
                record("abuse.category.\(category.id)", .string(categories.contains(category.id) ? "yes" : "no"))
            }
            record("abuse.categories", .array(categories.sorted().map { .string($0) }))
            record("abuse.severity", .int(payload["severity"]?.intValue ?? 0))
            record("abuse.target_type", .string(payload["target_type"]?.stringValue ?? "none"))
            let spans: [JSONValue] = (payload["spans"]?.arrayValue ?? []).compactMap { span in
                guard let start = span["start"]?.intValue, let end = span["end"]?.intValue else { return nil }
                return .object(JSONObject([("start", .int(start)), ("end", .int(end)), ("label", .string(span["canonical"]?.stringValue ?? ""))]))
            }
            record("abuse.spans", .array(spans))
        }
        return records
    }

    /// The mean of: category-set Jaccard, severity agreement (1 − |difference| / 3), and the F1 of
    /// evasive spans (same start and end).
    public func goldScore(_ payload: JSONValue, gold: JSONValue) -> Double {
        func set(_ value: JSONValue, _ key: String) -> Set<String> { Set((value[key]?.arrayValue ?? []).compactMap(\.stringValue)) }
        let given = set(payload, "categories")
        let wanted = set(gold, "categories")
        let jaccard = given.isEmpty && wanted.isEmpty ? 1 : Double(given.intersection(wanted).count) / Double(given.union(wanted).count)
        let severity = 1 - Double(abs((payload["severity"]?.intValue ?? 0) - (gold["severity"]?.intValue ?? 0))) / 3
        func spans(_ value: JSONValue) -> Set<[Int]> {
            Set((value["spans"]?.arrayValue ?? []).compactMap { span in
                guard let start = span["start"]?.intValue, let end = span["end"]?.intValue else { return nil }
                return [start, end]
            })
        }
        let a = spans(payload)
        let b = spans(gold)
        let f1 = a.isEmpty && b.isEmpty ? 1 : 2 * Double(a.intersection(b).count) / Double(a.count + b.count)
        return (jaccard + severity + f1) / 3
    }

    public func summary(of payload: JSONValue) -> String {
        let categories = (payload["categories"]?.arrayValue ?? []).compactMap(\.stringValue)
        guard !categories.isEmpty else { return "clean" }
        let directed = payload["directed"]?.boolValue
        let names = categories.map { $0 == "profanity" && directed == false ? "profanity-" : $0 }
        let groups = (payload["groups"]?.arrayValue ?? []).compactMap(\.stringValue)
        var target = payload["target_type"]?.stringValue ?? "none"
        if !groups.isEmpty { target += ":" + groups.joined(separator: ",") }
        let spans = (payload["spans"]?.arrayValue ?? []).map { span -> String in
            let techniques = (span["techniques"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: "+")
            return "\(span["start"]?.intValue ?? 0)-\(span["end"]?.intValue ?? 0)=\(span["canonical"]?.stringValue ?? "")" + (techniques.isEmpty ? "" : "/" + techniques)
        }
        return "\(names.joined(separator: ",")) | \(payload["severity"]?.intValue ?? 0) | \(target) | \(spans.joined(separator: ", "))"
    }
}
