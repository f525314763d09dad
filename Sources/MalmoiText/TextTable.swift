/// A plain-text table whose columns line up by display width, so Hangul and other wide text stay aligned
/// in a terminal.
///
/// ```swift
/// var table = TextTable(columns: [.left("label"), .right("count")])
/// table.append(["긍정", "16"])
/// table.append(["neutral", "3"])
/// print(table.rendered())
/// // label    count
/// // 긍정        16
/// // neutral      3
/// ```
/// Cells are padded with spaces to the widest cell of their column (``DisplayWidth``); columns are
/// separated by two spaces and trailing spaces are trimmed from each line.
public struct TextTable: Sendable {
    /// How a column is aligned, with its heading.
    public enum Column: Sendable, Hashable {
        /// Left-aligned (text).
        case left(String)
        /// Right-aligned (numbers).
        case right(String)

        /// The heading.
        public var heading: String {
            switch self {
            case .left(let heading), .right(let heading): heading
            }
        }
    }

    /// The columns, left to right.
    public var columns: [Column]
    /// The rows; a short row is padded with empty cells.
    public private(set) var rows: [[String]] = []
    /// Whether the heading line is printed.
    public var showsHeadings: Bool

    /// Makes an empty table.
    public init(columns: [Column], showsHeadings: Bool = true) {
        self.columns = columns
        self.showsHeadings = showsHeadings
    }

    /// Adds a row.
    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table as lines ending with `\n`.
    public func rendered() -> String {
        let all = (showsHeadings ? [columns.map(\.heading)] : []) + rows
        var widths = [Int](repeating: 0, count: columns.count)
        for row in all {
            for (index, cell) in row.prefix(columns.count).enumerated() { widths[index] = max(widths[index], DisplayWidth.columns(of: cell)) }
        }
        var output = ""
        for row in all {
            var line = ""
            for index in columns.indices {
                let cell = index < row.count ? row[index] : ""
                let padding = String(repeating: " ", count: widths[index] - DisplayWidth.columns(of: cell))
                if index > 0 { line += "  " }
                switch columns[index] {
                case .left: line += cell + padding
                case .right: line += padding + cell
                }
            }
            while line.last == " " { line.removeLast() }
            output += line + "\n"
        }
        return output
    }

    /// Pads `text` with spaces on the right to `width` columns (nothing when it is already wider).
    public static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - DisplayWidth.columns(of: text)))
    }
}
