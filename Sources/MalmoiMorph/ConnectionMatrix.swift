/// The connection costs of `matrix.bin`: `lsize × rsize` 16-bit costs, where the first index is the
/// right-context id of the node on the left and the second the left-context id of the node on the right.
///
/// `cost(left, right) = matrix[left.rcAttr + lsize * right.lcAttr]` (`docs/mecab-dictionary-format.md`,
/// "matrix.bin"). mecab-ko-dic's two dimensions differ (3,822 × 2,693), so the order matters.
final class ConnectionMatrix: @unchecked Sendable {
    let file: MappedFile
    /// Number of right-context ids (first dimension, varies fastest).
    let leftSize: Int
    /// Number of left-context ids (second dimension).
    let rightSize: Int
    /// The costs, `leftSize * rightSize` of them.
    let costs: UnsafePointer<Int16>

    /// Maps and validates `matrix.bin`.
    /// - Throws: ``MorphError`` `.invalidDictionary` when the file size disagrees with its header.
    init(path: String) throws {
        file = try MappedFile(path: path)
        guard file.count >= 4 else {
            throw MorphError(.invalidDictionary, "truncated: \(file.count) bytes, shorter than the 4-byte header",
                             path: path, field: "header")
        }
        leftSize = Int(file.load(at: 0, as: UInt16.self))
        rightSize = Int(file.load(at: 2, as: UInt16.self))
        let expected = 4 + 2 * leftSize * rightSize
        guard leftSize > 0, rightSize > 0, file.count == expected else {
            throw MorphError(.invalidDictionary,
                             "\(file.count) bytes, expected \(expected) for a \(leftSize) × \(rightSize) matrix: truncated or foreign file",
                             path: path, field: "size")
        }
        costs = (file.base + 4).assumingMemoryBound(to: Int16.self)
    }

    /// The cost of connecting a node with right-context id `rightIdOfLeft` to one with left-context id
    /// `leftIdOfRight`.
    @inline(__always)
    func cost(from rightIdOfLeft: UInt16, to leftIdOfRight: UInt16) -> Int {
        Int(costs[Int(rightIdOfLeft) &+ leftSize &* Int(leftIdOfRight)])
    }
}
