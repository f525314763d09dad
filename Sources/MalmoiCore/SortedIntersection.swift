/// How many elements two sorted arrays share, counted as a multiset: Σ over values of the smaller of
/// the two counts (one merge pass).
///
/// ```swift
/// sortedIntersectionCount([1, 2, 2, 5], [2, 2, 2, 5, 7])   // 3
/// ```
/// ROUGE-N's clipped n-gram overlap, KorQuAD's common characters, MASI and Jaccard between label sets,
/// and the drafter's shared morphemes are all this count.
/// - Precondition: both arrays are sorted in ascending order.
/// - Complexity: O(*n* + *m*).
@inlinable
public func sortedIntersectionCount<Element: Comparable>(_ a: [Element], _ b: [Element]) -> Int {
    var i = 0
    var j = 0
    var count = 0
    while i < a.count && j < b.count {
        if a[i] == b[j] {
            count += 1
            i += 1
            j += 1
        } else if a[i] < b[j] {
            i += 1
        } else {
            j += 1
        }
    }
    return count
}
