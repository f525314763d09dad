import Foundation
import MalmoiCore
import MalmoiStore

/// Each person's points for a pay period, per project, from the points ledger (`malmoi points statement`).
///
/// ```swift
/// var statement = PointsStatement(from: "2026-11-01", to: "2026-11-30")
/// for project in try store.projects() {
///     for entry in try store.ledger(in: project, annotator: nil) { statement.add(entry, project: project.name) }
/// }
/// statement.write(as: .csv, to: writer)
/// ```
/// Days are the first ten characters (`YYYY-MM-DD`, UTC) of each entry's ISO 8601 time; both ends of the
/// period are included.
public struct PointsStatement: Sendable {
    /// `--format csv|json`.
    public enum Format: String, CaseIterable, Sendable {
        /// A header line, then `annotator,project,entries,credits,reversals,points` per line (RFC 4180 quoting).
        case csv
        /// One JSON object per person and project.
        case json
    }

    /// One person's entries in one project within the period.
    public struct Line: Hashable, Sendable {
        /// Credits for accepted annotations (positive entries), summed.
        public var credits = 0
        /// Reversals of credits later rejected (negative entries), summed.
        public var reversals = 0
        /// Credits plus reversals.
        public var points = 0
        /// The number of ledger entries.
        public var entries = 0

        /// A line with these sums.
        public init(credits: Int = 0, reversals: Int = 0, points: Int = 0, entries: Int = 0) {
            (self.credits, self.reversals, self.points, self.entries) = (credits, reversals, points, entries)
        }
    }

    /// The first day, `YYYY-MM-DD`.
    public let from: String
    /// The last day, `YYYY-MM-DD`.
    public let to: String
    /// Annotator → project → line, for the entries within the period.
    public private(set) var lines: [String: [String: Line]] = [:]
    /// Points of the entries before the period.
    public private(set) var before = 0
    /// Points of the entries within the period.
    public private(set) var during = 0
    /// Points of the entries after the period.
    public private(set) var after = 0

    /// An empty statement for the days `from` to `to` (both included).
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    /// The statement of `projects` of `store`, for one annotator or (nil) everyone.
    /// - Throws: what the store throws.
    public init(store: any AnnotationStore, projects: [Project], annotator: String?, from: String, to: String) throws {
        self.init(from: from, to: to)
        for project in projects {
            for entry in try store.ledger(in: project, annotator: annotator) { add(entry, project: project.name) }
        }
    }

    /// Counts one ledger entry of `project`: in its person's line when it falls within the period, else
    /// in ``before`` or ``after``.
    public mutating func add(_ entry: LedgerEntry, project: String) {
        let day = String(entry.at.prefix(10))
        if day < from { before += entry.points; return }
        if day > to { after += entry.points; return }
        during += entry.points
        var line = lines[entry.annotator, default: [:]][project, default: Line()]
        line.entries += 1
        line.points += entry.points
        if entry.points >= 0 { line.credits += entry.points } else { line.reversals += entry.points }
        lines[entry.annotator, default: [:]][project] = line
    }

    /// Writes the lines, sorted by person then project, in `format`.
    public func write(as format: Format, to writer: ByteWriter) {
        if format == .csv { writer.write("annotator,project,entries,credits,reversals,points\n") }
        for person in lines.keys.sorted() {
            for (name, line) in lines[person, default: [:]].sorted(by: { $0.key < $1.key }) {
                if format == .csv {
                    writer.write([Self.csvField(person), Self.csvField(name), "\(line.entries)", "\(line.credits)", "\(line.reversals)",
                                  "\(line.points)"].joined(separator: ",") + "\n")
                } else {
                    writer.writeJSONLine(.object(JSONObject([
                        ("annotator", .string(person)), ("project", .string(name)), ("from", .string(from)), ("to", .string(to)),
                        ("entries", .int(line.entries)), ("credits", .int(line.credits)), ("reversals", .int(line.reversals)),
                        ("points", .int(line.points)),
                    ])))
                }
            }
        }
    }

    /// How the period's points reconcile with the ledger's total: `ledger total T = B before FROM + D from
    /// FROM to TO + A after TO`.
    public var reconciliation: String {
        "ledger total \(before + during + after) = \(before) before \(from) + \(during) from \(from) to \(to) + \(after) after"
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    static func csvField(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
