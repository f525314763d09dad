import MalmoiCore

extension UserDictionaryLearner {
    /// A corrected analysis: its morphemes as (form, POS) pairs.
    public typealias Analysis = [(form: String, pos: String)]

    /// Reads corrected analyses from JSONL, one `{"morphemes": ["form/TAG", …]}` per line (`malmoi
    /// morph-learn --data`). The tag is what follows the last `/`, so a form may hold slashes.
    /// - Throws: located errors naming the file, line and field (`morphemes[2]`) of a malformed line.
    public static func readAnalyses(path: String) throws -> [Analysis] {
        var analyses: [Analysis] = []
        try JSONLReader(path: path).forEachRecord { record in
            let value = try record.value("morphemes")
            guard let list = value.arrayValue else { throw record.wrongType("morphemes", expected: "array", found: value) }
            var analysis: Analysis = []
            for (index, element) in list.enumerated() {
                guard let typed = element.stringValue, let slash = typed.lastIndex(of: "/"),
                      slash != typed.startIndex, typed.index(after: slash) != typed.endIndex else {
                    throw InputError(.invalidValue, "expected \"form/TAG\"", at: record.location.field("morphemes[\(index)]"))
                }
                analysis.append((String(typed[..<slash]), String(typed[typed.index(after: slash)...])))
            }
            analyses.append(analysis)
        }
        return analyses
    }
}
