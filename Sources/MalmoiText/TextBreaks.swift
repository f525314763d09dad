/// ICU's break iteration (UAX #29) with offsets in Unicode scalars.
///
/// ```swift
/// TextBreaks.sentenceBoundaries(in: "밥을 먹었다.그리고 잤다.")   // [0, 7, 14]
/// TextBreaks.words(in: "서울에서 3.5%")                          // ["서울에서", "3.5"] as ranges
/// ```
public enum TextBreaks {
    /// ICU's sentence boundaries for a locale (default Korean), as scalar offsets including 0 and
    /// the end. Use ``SentenceSplitter`` for Korean text: ICU alone breaks inside quotes, after
    /// abbreviations and dates.
    public static func sentenceBoundaries(in text: String, locale: String = "ko") throws(TextError) -> [Int] {
        try boundaries(kind: 3, text: text, locale: locale).map(\.offset)
    }

    /// The words of a text by ICU's word break rules: scalar ranges of segments that contain letters
    /// or numbers (spaces and punctuation are left out).
    public static func words(in text: String, locale: String = "ko") throws(TextError) -> [Range<Int>] {
        let found = try boundaries(kind: 1, text: text, locale: locale)
        var words: [Range<Int>] = []
        for index in found.indices.dropFirst() where found[index].status >= 100 {
            words.append(found[index - 1].offset..<found[index].offset)
        }
        return words
    }

    /// Boundaries of user-perceived characters (grapheme clusters) as scalar offsets.
    public static func characterBoundaries(in text: String) throws(TextError) -> [Int] {
        try boundaries(kind: 0, text: text, locale: "").map(\.offset)
    }

    static func boundaries(kind: Int32, text: String, locale: String) throws(TextError) -> [(offset: Int, status: Int32)] {
        let utf16 = Array(text.utf16)
        let (found, statuses) = try ICU.breaks(kind, locale: locale, utf16: utf16)
        // Convert UTF-16 offsets to scalar offsets in one pass.
        var result: [(Int, Int32)] = []
        result.reserveCapacity(found.count)
        var unit = 0
        var scalar = 0
        for (boundary, status) in zip(found, statuses) {
            let target = Int(boundary)
            while unit < target {
                unit += UTF16.isLeadSurrogate(utf16[unit]) && unit + 1 < utf16.count ? 2 : 1
                scalar += 1
            }
            result.append((scalar, status))
        }
        return result
    }
}
