import MalmoiCore
import MalmoiStore

/// `malmoi import`: items read from a file into a project in one call, with restored work checked and
/// machine drafts filled in, and the summary people read.
///
/// ```swift
/// let outcome = try ItemImport(reader: reader, options: ImportOptions(), restoresWork: false)
///     .run(into: project, of: store, module: module, draft: { $0 })
/// for line in outcome.report(project: project.name) { print(line) }
/// ```
public struct ItemImport {
    /// The most recomputed values listed one by one (the rest are counted).
    public static let maximumNotes = 1_000

    /// The reader of the input file.
    public var reader: ItemReader
    /// Existing ids, bad lines and batches.
    public var options: ImportOptions
    /// Whether lines carrying annotations and reviews (a Malmoi export) are restored after checking;
    /// without it such a line is refused.
    public var restoresWork: Bool

    /// What an import did: the store's summary (with the reader's skipped lines) and the values
    /// recomputed while restoring work.
    public struct Outcome: Sendable {
        /// The store's summary, with the skipped lines and their first errors from the reader.
        public var summary: ImportSummary
        /// The first ``ItemImport/maximumNotes`` recomputed values, `FILE:LINE: field: why`.
        public var notes: [String]
        /// All recomputed values, listed or not.
        public var noteCount: Int

        /// The lines of the summary written to standard error: the counts, then each skipped line and
        /// each recomputed value (escaped for a terminal).
        public func report(project: String) -> [String] {
            var message = "imported \(summary.inserted) items into \(project)"
            if summary.updated > 0 { message += ", replaced \(summary.updated)" }
            if summary.keptAnnotations > 0 { message += ", kept \(summary.keptAnnotations) stored annotations instead of the file's" }
            if summary.annotations > 0 { message += ", restored \(summary.annotations) annotations and \(summary.reviews) reviews" }
            if summary.skipped > 0 { message += "; skipped \(summary.skipped) bad lines" }
            var lines = [message]
            lines += summary.skippedErrors.map { "  skipped: \($0)" }
            lines += notes.map { "  recomputed: \(ProjectLimits.escapedForTerminal($0))" }
            if noteCount > notes.count { lines.append("  recomputed: … and \(noteCount - notes.count) more values") }
            return lines
        }
    }

    /// Creates an import.
    public init(reader: ItemReader, options: ImportOptions, restoresWork: Bool) {
        self.reader = reader
        self.options = options
        self.restoresWork = restoresWork
    }

    /// Imports every record of the reader into `project`.
    /// - Parameters:
    ///   - project: The project, as stored.
    ///   - store: The store holding it.
    ///   - module: The project's task module (checks restored annotations).
    ///   - draft: Fills in a record's machine draft; made inside the import, once.
    ///   - onRecord: Called with the count of records read so far.
    /// - Returns: The outcome.
    /// - Throws: ``InputError`` for a bad line (unless `skipBad`) or a line with annotations without
    ///   `restoresWork`; ``StoreError``; whatever `draft` throws. Nothing is imported then (unless `skipBad`).
    public func run(into project: Project, of store: any AnnotationStore, module: any TaskModule,
                    draft: () throws -> (ImportRecord) -> ImportRecord, onRecord: (Int) -> Void = { _ in }) throws -> Outcome {
        var statistics = ItemReader.Statistics()
        var read = 0
        var notes: [String] = []
        var noteCount = 0
        // Made before the import begins: it reads the store's qualified annotators once.
        let check = try RestoredWorkCheck(project: project, module: module, store: store)
        var summary = try store.importItems(into: project, options: options) { consume in
            let fill = try draft()
            statistics = try reader.read(skipBad: options.skipBad) { record in
                read += 1
                onRecord(read)
                var record = record
                if !record.annotations.isEmpty {
                    guard restoresWork else { throw Self.restoreRefusal(record) }
                    let (checked, recomputed) = try check.check(record)
                    record = checked
                    for note in recomputed where notes.count < Self.maximumNotes { notes.append(note) }
                    noteCount += recomputed.count
                }
                try consume(fill(record))
            }
        }
        summary.skipped = statistics.skipped
        summary.skippedErrors = statistics.skippedErrors
        return Outcome(summary: summary, notes: notes, noteCount: noteCount)
    }

    /// The located refusal of a line that carries annotations when work is not restored.
    public static func restoreRefusal(_ record: ImportRecord) -> InputError {
        let location = (record.location ?? SourceLocation(path: "<stdin>", line: nil)).field("annotations")
        return InputError(.invalidValue, """
            this line carries \(record.annotations.count) annotation(s) with their reviews (a Malmoi export); restoring \
            work and points is an admin's choice: pass --restore to restore them after checking, or import items without annotations
            """, at: location)
    }
}
