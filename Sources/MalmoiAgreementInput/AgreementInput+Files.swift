import MalmoiAgreement
import MalmoiCore
import MalmoiText

extension AgreementInput {
    /// Reads the annotations of `malmoi agree FILE…`: long-format JSONL, or wide CSV tables with `csv`.
    /// - Parameters:
    ///   - files: the files; none, or `-`, reads standard input.
    ///   - csv: read wide CSV tables (a header: item column, then one column per annotator) instead of JSONL.
    ///   - level: the measurement level the labels are read at, or nil to infer it per task.
    ///   - normalization: the step applied to each label (non-ASCII labels only) as it is read.
    ///   - onRecord: called with the count of JSONL records read so far (not called for CSV).
    /// - Returns: the tasks, in their order of appearance.
    /// - Throws: ``AgreementError`` or ``InputError`` naming the file and line.
    public static func read(files: [String], csv: Bool, level: AgreementLevel?, normalization: InputNormalization,
                            onRecord: ((Int) -> Void)? = nil) throws -> [Task] {
        let paths: [String?] = files.isEmpty ? [nil] : files.map { $0 == "-" ? nil : $0 }
        return csv
            ? try readCSV(paths: paths, level: level, normalization: labels(normalization))
            : try readJSONL(paths: paths, level: level, normalization: labels(normalization), onRecord: onRecord)
    }
}
