/// Maps Unicode scalar offsets of a transformed text back to the text it came from (and forward).
///
/// Normalization, jamo reassembly and canonicalization change text; anything found in the changed
/// text (a morpheme, a lexicon hit, an answer) must still be reported against the text as stored.
/// An `OffsetMap` records the change as a sequence of aligned spans: unchanged spans map one to
/// one, and a changed span `[a, b)` of the original that became `[c, d)` of the result maps every
/// offset inside it to the span's edges.
///
/// ```swift
/// let (text, map) = Hangul.composeJamo("ㅅㅣㅂㅏㄹ 진짜")   // "시발 진짜"
/// map.originalRange(0..<2)     // 0..<5: the five jamo
/// map.originalRange(3..<5)     // 6..<8
/// ```
/// All offsets are Unicode scalar offsets, ranges are half-open `[start, end)`.
/// Maps compose: ``then(_:)`` chains the map of a second transformation after this one.
public struct OffsetMap: Hashable, Sendable {
    /// One aligned span.
    struct Span: Hashable, Sendable {
        var originalStart: Int
        var resultStart: Int
        var originalCount: Int
        var resultCount: Int
        var isUnchanged: Bool
    }

    /// Stages in the order the transformations were applied; each maps its result to its input.
    private var stages: [[Span]]
    /// The length of the original text, in scalars.
    public private(set) var originalLength: Int
    /// The length of the result text, in scalars.
    public private(set) var resultLength: Int

    /// The map of a text that was not changed.
    public static func identity(length: Int) -> OffsetMap {
        var builder = Builder()
        builder.appendUnchanged(length)
        return builder.build()
    }

    init(spans: [Span], originalLength: Int, resultLength: Int) {
        stages = [spans]
        self.originalLength = originalLength
        self.resultLength = resultLength
    }

    /// Whether the transformation changed nothing.
    public var isIdentity: Bool {
        stages.allSatisfy { $0.allSatisfy(\.isUnchanged) }
    }

    /// A map for applying this transformation and then `next` (whose original is this one's result):
    /// it maps offsets of `next`'s result back to this map's original.
    public func then(_ next: OffsetMap) -> OffsetMap {
        precondition(next.originalLength == resultLength, "OffsetMap.then: lengths do not chain")
        var combined = self
        combined.stages.append(contentsOf: next.stages)
        combined.resultLength = next.resultLength
        return combined
    }

    /// The original offset of a result offset. An offset inside a changed span maps to the span's
    /// start when `preferEnd` is false, and to its end when true (use true for the end of a range).
    public func originalOffset(_ offset: Int, preferEnd: Bool = false) -> Int {
        var position = offset
        for spans in stages.reversed() {
            position = Self.mapBack(position, spans, preferEnd: preferEnd)
        }
        return position
    }

    /// The original range covering a result range: its start maps to the start of a changed span,
    /// its end to the end of one, so a range never cuts a changed span in two.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        let start = originalOffset(range.lowerBound, preferEnd: false)
        let end = range.isEmpty ? start : originalOffset(range.upperBound, preferEnd: true)
        return start..<max(start, end)
    }

    /// The result offset of an original offset (the inverse direction), with the same edge rule.
    public func resultOffset(_ offset: Int, preferEnd: Bool = false) -> Int {
        var position = offset
        for spans in stages {
            position = Self.mapForward(position, spans, preferEnd: preferEnd)
        }
        return position
    }

    private static func mapBack(_ offset: Int, _ spans: [Span], preferEnd: Bool) -> Int {
        guard let index = spanIndex(containing: offset, in: spans, key: \.resultStart, count: \.resultCount, preferEnd: preferEnd) else {
            return offset
        }
        let span = spans[index]
        let inside = offset - span.resultStart
        if span.isUnchanged { return span.originalStart + inside }
        if inside == 0 { return span.originalStart }
        if inside == span.resultCount { return span.originalStart + span.originalCount }
        return preferEnd ? span.originalStart + span.originalCount : span.originalStart
    }

    private static func mapForward(_ offset: Int, _ spans: [Span], preferEnd: Bool) -> Int {
        guard let index = spanIndex(containing: offset, in: spans, key: \.originalStart, count: \.originalCount, preferEnd: preferEnd) else {
            return offset
        }
        let span = spans[index]
        let inside = offset - span.originalStart
        if span.isUnchanged { return span.resultStart + inside }
        if inside == 0 { return span.resultStart }
        if inside == span.originalCount { return span.resultStart + span.resultCount }
        return preferEnd ? span.resultStart + span.resultCount : span.resultStart
    }

    /// Binary search for the span holding `offset`; at a boundary between spans, an end offset
    /// belongs to the span before it and a start offset to the span after it.
    private static func spanIndex(
        containing offset: Int, in spans: [Span], key: KeyPath<Span, Int>, count: KeyPath<Span, Int>, preferEnd: Bool
    ) -> Int? {
        guard !spans.isEmpty else { return nil }
        var low = 0
        var high = spans.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if spans[middle][keyPath: key] <= offset { low = middle } else { high = middle - 1 }
        }
        var index = low
        if preferEnd, index > 0, spans[index][keyPath: key] == offset, spans[index - 1][keyPath: count] > 0 {
            index -= 1
        }
        return index
    }

    /// Builds a map span by span, from the start of the text.
    public struct Builder: Sendable {
        var spans: [Span] = []
        var originalPosition = 0
        var resultPosition = 0

        /// An empty builder.
        public init() {}

        /// The next `count` scalars are the same in the original and the result.
        public mutating func appendUnchanged(_ count: Int) {
            guard count > 0 else { return }
            if let last = spans.last, last.isUnchanged {
                spans[spans.count - 1].originalCount += count
                spans[spans.count - 1].resultCount += count
            } else {
                spans.append(Span(originalStart: originalPosition, resultStart: resultPosition,
                                  originalCount: count, resultCount: count, isUnchanged: true))
            }
            originalPosition += count
            resultPosition += count
        }

        /// The next `originalCount` scalars of the original became `resultCount` scalars of the result.
        public mutating func appendChanged(originalCount: Int, resultCount: Int) {
            guard originalCount > 0 || resultCount > 0 else { return }
            spans.append(Span(originalStart: originalPosition, resultStart: resultPosition,
                              originalCount: originalCount, resultCount: resultCount, isUnchanged: false))
            originalPosition += originalCount
            resultPosition += resultCount
        }

        /// The finished map.
        public func build() -> OffsetMap {
            let map = OffsetMap(spans: spans, originalLength: originalPosition, resultLength: resultPosition)
            #if DEBUG
            map.checkInvariants()
            #endif
            return map
        }
    }

    /// Checks that spans are contiguous and monotonic (debug and test builds only).
    func checkInvariants() {
        for spans in stages {
            var original = 0
            var result = 0
            for span in spans {
                precondition(span.originalStart == original && span.resultStart == result, "OffsetMap spans are not contiguous")
                precondition(!span.isUnchanged || span.originalCount == span.resultCount, "unchanged span with unequal lengths")
                original += span.originalCount
                result += span.resultCount
            }
        }
    }
}
