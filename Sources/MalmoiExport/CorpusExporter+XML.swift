import MalmoiCore
import MalmoiStore

extension CorpusExporter {
    /// Writes the corpus as XML in the `urn:malmoi:corpus:1` vocabulary (schema:
    /// `Guidelines/malmoi-corpus.rng`), streaming through libxml2's writer.
    ///
    /// Items become `doc` elements with ids `d1`, `d2`, … in import order (the item id is the `key`
    /// attribute); each annotator's answer is a `layer` holding its labels, its payload as JSON, warnings
    /// and reviews. Forbidden XML characters are handled as ``XMLCharacters`` describes.
    @discardableResult
    public func writeXML(toFileDescriptor fd: Int32) throws -> ExportSummary {
        let xml = try XMLStreamWriter(fileDescriptor: fd)
        var summary = ExportSummary()
        func attribute(_ name: String, _ value: String) throws {
            let (clean, replaced) = XMLCharacters.replacingForbidden(value)
            if replaced != nil { summary.replacedInAttributes += 1 }
            try xml.attribute(name, clean)
        }
        func textElement(_ name: String, _ value: String, preserve: Bool = false) throws {
            try xml.startElement(name)
            let (clean, replaced) = XMLCharacters.replacingForbidden(value)
            if preserve { try xml.attribute("xml:space", "preserve") }
            if let replaced { try xml.attribute("replaced", replaced) }
            try xml.text(clean)
            try xml.endElement()
        }
        func jsonElement(_ name: String, _ value: JSONValue) throws {
            try xml.startElement(name)
            try xml.text(XMLCharacters.escapingForbiddenInJSON(value.serialized()))
            try xml.endElement()
        }

        try xml.startDocument()
        try xml.startElement("corpus")
        try xml.attribute("xmlns", Self.namespace)
        try xml.attribute("version", String(Self.schemaVersion))
        try xml.attribute("xml:lang", "ko")
        try xml.attribute("offsetUnit", "codepoint")
        try xml.attribute("normalization", normalization)
        try xml.attribute("selection", selection)
        try xml.attribute("generator", "malmoi")

        try xml.startElement("header")
        try xml.startElement("project")
        try attribute("name", project.name)
        try attribute("kind", project.kind.rawValue)
        try xml.attribute("overlap", String(project.overlap))
        try xml.attribute("pointsPerAccept", String(project.pointsPerAccept))
        try attribute("created", project.createdAt)
        if let qualification = project.requiredQualification { try attribute("qualification", qualification) }
        try jsonElement("taskConfig", .object(project.taskConfig))
        for code in project.reasonCodes {
            try xml.startElement("reasonCode")
            try attribute("code", code)
            try xml.endElement()
        }
        try xml.endElement()
        for annotator in try store.annotatorIDs(in: project) {
            try xml.startElement("annotator")
            try attribute("id", annotator)
            try xml.endElement()
        }
        try xml.endElement()

        try forEachItem { exportItem in
            let agreement = itemAgreement(exportItem)
            summary.add(agreement)
            summary.items += 1
            summary.annotations += exportItem.annotations.count
            let docID = "d\(summary.items)"
            let item = exportItem.item
            try xml.startElement("doc")
            try xml.attribute("xml:id", docID)
            try attribute("key", item.id)
            if let source = item.source { try attribute("source", source) }
            try textElement("text", item.text, preserve: true)
            if item.fields.count > 0 { try jsonElement("fields", .object(item.fields)) }
            if let pre = item.preAnnotation { try jsonElement("preAnnotation", pre) }
            if let gold = exportItem.gold { try jsonElement("gold", gold) }
            for (index, export) in exportItem.annotations.enumerated() {
                let annotation = export.annotation
                try xml.startElement("layer")
                try xml.attribute("xml:id", "\(docID).l\(index + 1)")
                try attribute("annotator", annotation.annotator)
                try xml.attribute("status", export.status)
                try attribute("submitted", annotation.submittedAt)
                try xml.attribute("seconds", Self.number(annotation.seconds))
                if let score = export.goldScore { try xml.attribute("goldScore", Self.number(score)) }
                let record = module.agreementRecords(for: [annotation]).first?.label
                for label in Self.labelStrings(record) {
                    try xml.startElement("docLabel")
                    try attribute("value", label)
                    try xml.endElement()
                }
                try jsonElement("payload", annotation.payload)
                for warning in annotation.warnings {
                    try xml.startElement("warning")
                    try attribute("code", warning.code)
                    let (clean, replaced) = XMLCharacters.replacingForbidden(warning.message)
                    if let replaced { try xml.attribute("replaced", replaced) }
                    try xml.text(clean)
                    try xml.endElement()
                }
                for entry in export.reviews {
                    try xml.startElement("review")
                    try attribute("reviewer", entry.review.reviewer)
                    try xml.attribute("verdict", entry.review.verdict.rawValue)
                    if !entry.review.reasons.isEmpty { try attribute("reasons", entry.review.reasons.joined(separator: " ")) }
                    try attribute("at", entry.review.at)
                    try xml.attribute("points", String(entry.points))
                    if let comment = entry.review.comment {
                        let (clean, replaced) = XMLCharacters.replacingForbidden(comment)
                        if let replaced { try xml.attribute("replaced", replaced) }
                        try xml.text(clean)
                    }
                    try xml.endElement()
                }
                try xml.endElement()
            }
            try xml.startElement("agreement")
            try xml.attribute("annotators", String(agreement.annotators))
            try xml.attribute("pairs", String(agreement.pairs))
            try xml.attribute("agreeingPairs", String(agreement.agreeingPairs))
            try xml.endElement()
            try xml.endElement()
        }

        try xml.startElement("summary")
        try xml.attribute("docs", String(summary.items))
        try xml.attribute("layers", String(summary.annotations))
        try xml.attribute("replacedInAttributes", String(summary.replacedInAttributes))
        try xml.startElement("agreement")
        try xml.attribute("metric", "percentAgreement")
        if let value = summary.percentAgreement { try xml.attribute("value", Self.number(value)) }
        try xml.attribute("units", String(summary.pairableItems))
        try xml.attribute("pairs", String(summary.pairs))
        try xml.attribute("agreeingPairs", String(summary.agreeingPairs))
        try xml.endElement()
        try xml.endElement()
        try xml.endDocument()
        try xml.close()
        return summary
    }

    static func number(_ value: Double) -> String {
        var bytes: [UInt8] = []
        JSONValue.appendNumber(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func labelStrings(_ label: JSONValue?) -> [String] {
        switch label {
        case .string(let value): [value]
        case .array(let values): values.compactMap(\.stringValue)
        default: []
        }
    }
}
