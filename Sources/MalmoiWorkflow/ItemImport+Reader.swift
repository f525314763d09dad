import MalmoiCore
import MalmoiStore
import MalmoiText

extension ItemImport {
    /// The reader of `malmoi import FILE` into `project`: the format given, else text for a `.txt` file
    /// and JSONL otherwise; the offsets the project's kind declares (``TaskModule/textOffsetFields``)
    /// move with the text when it is normalized.
    /// - Parameters:
    ///   - path: the file, or nil / `-` for standard input.
    ///   - format: the format, or nil to infer it from the file name.
    ///   - textField: the JSONL field holding the text.
    ///   - idField: the JSONL field holding the item id.
    ///   - goldField: the JSONL field holding a gold answer.
    ///   - preAnnotationField: the JSONL field holding a machine draft.
    ///   - project: the project imported into (its kind and whether it keeps text verbatim).
    ///   - normalization: the step applied to the text unless the project is verbatim.
    /// - Throws: ``InputError`` when a JSONL file holds one JSON document instead of one object per
    ///   line (naming the command that converts it).
    public static func reader(path: String?, format: ItemReader.Format?, textField: String, idField: String, goldField: String,
                              preAnnotationField: String, project: Project, normalization: InputNormalization) throws -> ItemReader {
        let inferred = format ?? ((path ?? "").hasSuffix(".txt") ? .text : .jsonl)
        if inferred == .jsonl, let path, path != "-" { try JSONDocumentCheck.refuseDocument(at: path, project: project.name) }
        var reader = ItemReader(path: path, format: inferred, textField: textField, idField: idField,
                                goldField: goldField, preAnnotationField: preAnnotationField, isVerbatim: project.isVerbatim)
        reader.normalization = normalization
        reader.textOffsetFields = TaskKinds.registry[project.kind.rawValue]?.textOffsetFields ?? TextOffsetField.spans
        return reader
    }
}
