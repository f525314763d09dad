/// A labelled square or rectangular table of numbers: a coincidence, confusion or annotator matrix.
public struct AgreementMatrix: Hashable, Sendable {
    /// The row labels.
    public var rows: [String]
    /// The column labels.
    public var columns: [String]
    /// The cells, row by row; nil where a value is undefined.
    public var cells: [[Double?]]

    /// Creates a matrix.
    public init(rows: [String], columns: [String], cells: [[Double?]]) {
        self.rows = rows
        self.columns = columns
        self.cells = cells
    }
}
