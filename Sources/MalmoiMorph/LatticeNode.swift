/// One node of the lattice: a candidate word (or BOS/EOS) with its position, context ids, costs and
/// best predecessor. Positions are byte offsets into the UTF-8 sentence.
///
/// This is MeCab's `Node` reduced to what the 1-best and n-best searches need
/// (`docs/mecab-dictionary-format.md`, "Building the lattice").
public struct LatticeNode: Sendable {
    /// Where the node's entry comes from.
    public enum Source: UInt8, Sendable {
        /// A record of the system lexicon (`sys.dic`).
        case system
        /// An unknown-word template of `unk.dic`, generated from a character category.
        case unknown
        /// A record of the user dictionary.
        case user
        /// The beginning-of-sentence pseudo-node.
        case beginning
        /// The end-of-sentence pseudo-node.
        case end
    }

    /// Byte offset of the surface (after any skipped whitespace).
    public var start: Int32
    /// Byte length of the surface.
    public var length: Int32
    /// Byte length of the surface plus the whitespace skipped before it.
    public var rlength: Int32
    /// Left-context id (the column of the connection matrix when this node is on the right).
    public var leftId: UInt16
    /// Right-context id (the row of the connection matrix when this node is on the left).
    public var rightId: UInt16
    /// Part-of-speech id, used by mecab-ko's space penalty.
    public var posId: UInt16
    /// Word cost.
    public var wordCost: Int16
    /// Where the entry comes from.
    public var source: Source
    /// The record index in its dictionary (system, unknown or user).
    public var record: Int32
    /// The cost of the best path from BOS to the end of this node.
    public var cost: Int64
    /// The index of the best left neighbour, or -1.
    public var previous: Int32
    /// The next node in the list of nodes ending at the same position, or -1.
    var endNext: Int32
    /// The first of this node's left paths (n-best search only), or -1.
    var leftPath: Int32

    /// The byte offset just past the surface.
    public var end: Int32 { start &+ length }
}

/// An edge between two lattice nodes, kept only for the n-best search (MeCab's `Path`).
struct LatticePath {
    /// The left node.
    var left: Int32
    /// The connection cost plus the right node's word cost and space penalty.
    var cost: Int32
    /// The next path into the same right node, or -1.
    var next: Int32
}
