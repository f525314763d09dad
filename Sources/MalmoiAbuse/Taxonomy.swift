import MalmoiCore

/// The three-axis abuse taxonomy (harm category, target, evasion technique), loaded from
/// `Guidelines/abuse/taxonomy.json` and validated at load.
///
/// ```swift
/// let taxonomy = try Taxonomy.standard()            // the copy built into the library
/// let custom = try Taxonomy(contentsOf: "my/taxonomy.json")
/// taxonomy.technique(named: "choseong")?.id         // "choseong_abbreviation" (alias)
/// ```
public struct Taxonomy: Hashable, Sendable {
    /// A harm category label.
    public struct Category: Hashable, Sendable {
        /// The id, one of ``HarmCategory``'s raw values.
        public var id: String
        /// The Korean name shown to annotators.
        public var nameKorean: String
        /// The annotator definition.
        public var definition: String
        /// Whether annotators also record `directed` (profanity only).
        public var hasDirectedFlag: Bool
    }

    /// An evasion technique with its definition and examples written for this project.
    public struct Technique: Hashable, Sendable {
        /// The id, one of ``EvasionTechnique``'s raw values.
        public var id: String
        /// The Korean name.
        public var nameKorean: String
        /// Other ids accepted for it (the short ids of the evaluation data, such as `choseong`).
        public var aliases: [String]
        /// The annotator definition.
        public var definition: String
        /// Examples: disguised surface and the canonical word it stands for.
        public var examples: [(surface: String, canonical: String)]

        public static func == (a: Technique, b: Technique) -> Bool {
            a.id == b.id && a.nameKorean == b.nameKorean && a.aliases == b.aliases && a.definition == b.definition
                && a.examples.map(\.surface) == b.examples.map(\.surface)
                && a.examples.map(\.canonical) == b.examples.map(\.canonical)
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(id) }
    }

    /// A mapping of one public dataset's labels onto this taxonomy.
    public struct DatasetMapping: Hashable, Sendable {
        /// What the dataset is.
        public var description: String
        /// Dataset label → the taxonomy values it implies (`categories`, `groups`, `techniques`,
        /// `target_type`, `severity`, `directed`, `note`), as stored in the file.
        public var labels: [String: JSONValue]
    }

    /// The taxonomy's own version, recorded in exports.
    public var version: String
    /// The harm categories.
    public var categories: [Category]
    /// The allowed severities (1…3) with their names.
    public var severities: [Int: String]
    /// The target types.
    public var targetTypes: [String]
    /// The target groups.
    public var groups: [String]
    /// The evasion techniques.
    public var techniques: [Technique]
    /// Mappings from public datasets, keyed by dataset id.
    public var datasetMappings: [String: DatasetMapping]

    /// The taxonomy built into the library (a copy of `Guidelines/abuse/taxonomy.json`).
    /// - Throws: ``AbuseError`` if the built-in copy is invalid (a build problem).
    public static func standard() throws -> Taxonomy {
        try Taxonomy(parsing: EmbeddedResources.taxonomyJSON, path: "Guidelines/abuse/taxonomy.json")
    }

    /// Loads and validates a taxonomy file.
    /// - Throws: ``AbuseError`` (`.invalidTaxonomy`) naming the file and field, or `InputError` when
    ///   the file cannot be read.
    public init(contentsOf path: String) throws {
        try self.init(parsing: try readTextFile(path), path: path)
    }

    /// Parses and validates taxonomy JSON text; `path` is used in error messages.
    public init(parsing text: String, path: String) throws {
        let root: JSONValue
        do { root = try JSONValue.parse(text) } catch {
            throw AbuseError(.invalidTaxonomy, "\(path): not valid JSON: \(error.message) at byte \(error.offset)")
        }
        let reader = FieldReader(path: path, code: .invalidTaxonomy)
        let top = try reader.object(root, "")
        guard try reader.int(top, "schema_version") == 1 else {
            throw reader.error("schema_version", "unsupported schema_version; this Malmoi reads 1")
        }
        version = try reader.string(top, "version")
        let axes = try reader.object(top["axes"], "axes")
        let categoryAxis = try reader.object(axes["category"], "axes.category")
        var categories: [Category] = []
        for (index, value) in try reader.array(categoryAxis["labels"], "axes.category.labels").enumerated() {
            let field = "axes.category.labels[\(index)]"
            let label = try reader.object(value, field)
            categories.append(Category(
                id: try reader.string(label, "id", in: field),
                nameKorean: try reader.string(label, "name_ko", in: field),
                definition: try reader.string(label, "definition", in: field),
                hasDirectedFlag: label["has_directed_flag"]?.boolValue ?? false))
        }
        self.categories = categories
        var severities: [Int: String] = [:]
        for (index, value) in try reader.array(categoryAxis["severity"], "axes.category.severity").enumerated() {
            let field = "axes.category.severity[\(index)]"
            let item = try reader.object(value, field)
            let level = try reader.int(item, "value", in: field)
            guard (1...3).contains(level) else { throw reader.error(field + ".value", "severity must be 1, 2 or 3, found \(level)") }
            severities[level] = try reader.string(item, "name", in: field)
        }
        self.severities = severities
        let target = try reader.object(axes["target"], "axes.target")
        targetTypes = try reader.array(target["types"], "axes.target.types").enumerated().map { index, value in
            try reader.string(try reader.object(value, "axes.target.types[\(index)]"), "id", in: "axes.target.types[\(index)]")
        }
        groups = try reader.array(target["groups"], "axes.target.groups").enumerated().map { index, value in
            guard let group = value.stringValue else { throw reader.error("axes.target.groups[\(index)]", "must be a string") }
            return group
        }
        let techniqueAxis = try reader.object(axes["technique"], "axes.technique")
        var techniques: [Technique] = []
        for (index, value) in try reader.array(techniqueAxis["labels"], "axes.technique.labels").enumerated() {
            let field = "axes.technique.labels[\(index)]"
            let label = try reader.object(value, field)
            let aliases = try reader.array(label["aliases"] ?? .array([]), field + ".aliases").map { $0.stringValue ?? "" }
            let examples = try reader.array(label["examples"], field + ".examples").enumerated().map { k, example in
                let object = try reader.object(example, "\(field).examples[\(k)]")
                return (surface: try reader.string(object, "surface", in: "\(field).examples[\(k)]"),
                        canonical: try reader.string(object, "canonical", in: "\(field).examples[\(k)]"))
            }
            techniques.append(Technique(
                id: try reader.string(label, "id", in: field),
                nameKorean: try reader.string(label, "name_ko", in: field),
                aliases: aliases,
                definition: try reader.string(label, "definition", in: field),
                examples: examples))
        }
        self.techniques = techniques
        var mappings: [String: DatasetMapping] = [:]
        if let mappingObject = try top["dataset_mappings"].map({ try reader.object($0, "dataset_mappings") }) {
            for (name, value) in mappingObject {
                let field = "dataset_mappings.\(name)"
                let object = try reader.object(value, field)
                var labels: [String: JSONValue] = [:]
                for (label, implied) in try reader.object(object["labels"], field + ".labels") { labels[label] = implied }
                mappings[name] = DatasetMapping(description: object["description"]?.stringValue ?? "", labels: labels)
            }
        }
        datasetMappings = mappings
        try validate(reader: reader)
    }

    /// The technique with this id or alias.
    public func technique(named name: String) -> Technique? {
        techniques.first { $0.id == name || $0.aliases.contains(name) }
    }

    /// Resolves a technique id or alias to the code's enum.
    public func resolveTechnique(_ name: String) -> EvasionTechnique? {
        technique(named: name).flatMap { EvasionTechnique(rawValue: $0.id) }
    }

    private func validate(reader: FieldReader) throws {
        let categoryIDs = categories.map(\.id)
        for category in HarmCategory.allCases where !categoryIDs.contains(category.rawValue) {
            throw reader.error("axes.category.labels", "category \"\(category.rawValue)\" is missing")
        }
        for (index, id) in categoryIDs.enumerated() {
            if HarmCategory(rawValue: id) == nil { throw reader.error("axes.category.labels[\(index)].id", "unknown category \"\(id)\"") }
            if categoryIDs.firstIndex(of: id) != index { throw reader.error("axes.category.labels[\(index)].id", "duplicate category \"\(id)\"") }
        }
        guard Set(severities.keys) == [1, 2, 3] else { throw reader.error("axes.category.severity", "must define severities 1, 2 and 3") }
        for required in ["none", "individual_named", "individual_addressee", "group", "organisation"] where !targetTypes.contains(required) {
            throw reader.error("axes.target.types", "target type \"\(required)\" is missing")
        }
        guard Set(groups).count == groups.count, !groups.isEmpty else { throw reader.error("axes.target.groups", "groups must be unique and non-empty") }
        var seenNames: Set<String> = []
        for (index, technique) in techniques.enumerated() {
            let field = "axes.technique.labels[\(index)]"
            guard EvasionTechnique(rawValue: technique.id) != nil else { throw reader.error(field + ".id", "unknown technique \"\(technique.id)\"") }
            for name in [technique.id] + technique.aliases {
                guard !name.isEmpty, seenNames.insert(name).inserted else { throw reader.error(field, "technique id or alias \"\(name)\" is empty or used twice") }
            }
            guard !technique.definition.isEmpty else { throw reader.error(field + ".definition", "must not be empty") }
            guard !technique.examples.isEmpty else { throw reader.error(field + ".examples", "needs at least one example") }
        }
        let techniqueIDs = Set(techniques.map(\.id))
        for technique in EvasionTechnique.allCases where !techniqueIDs.contains(technique.rawValue) {
            throw reader.error("axes.technique.labels", "technique \"\(technique.rawValue)\" is missing")
        }
        for (dataset, mapping) in datasetMappings {
            for (label, implied) in mapping.labels {
                let field = "dataset_mappings.\(dataset).labels.\(label)"
                guard let object = implied.objectValue else { throw reader.error(field, "must be an object") }
                for value in object["categories"]?.arrayValue ?? [] where !categoryIDs.contains(value.stringValue ?? "") {
                    throw reader.error(field + ".categories", "unknown category \(value.serialized())")
                }
                for value in object["groups"]?.arrayValue ?? [] where !groups.contains(value.stringValue ?? "") {
                    throw reader.error(field + ".groups", "unknown group \(value.serialized())")
                }
                for value in object["techniques"]?.arrayValue ?? [] where !techniqueIDs.contains(value.stringValue ?? "") {
                    throw reader.error(field + ".techniques", "unknown technique \(value.serialized())")
                }
                if let type = object["target_type"], !targetTypes.contains(type.stringValue ?? "") {
                    throw reader.error(field + ".target_type", "unknown target type \(type.serialized())")
                }
                if let severity = object["severity"], !(1...3).contains(severity.intValue ?? 0) {
                    throw reader.error(field + ".severity", "must be 1, 2 or 3")
                }
            }
        }
    }
}
