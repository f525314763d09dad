import MalmoiText

extension AbuseScanner {
    /// Scans a message after the shared input normalization step (`abuse scan --normalize`).
    ///
    /// ```swift
    /// scanner.scan("\u{FEFF}" + message, normalization: .nfc).hits[0].start   // counts the BOM
    /// ```
    /// The hits' `start`/`end` (Unicode scalar offsets) and `surface` are those of `message` as given,
    /// mapped back through the step's ``OffsetMap``; `canonical` stays the canonical text of the
    /// normalized message. With `explaining`, every candidate's span is mapped back the same way.
    public func scan(_ message: String, normalization: InputNormalization, explaining: Bool = false) -> ScanResult {
        if normalization.isNormal(message) { return scan(message, explaining: explaining) }
        let (text, map) = normalization.normalized(message)
        var result = scan(text, explaining: explaining)
        let original = Array(message.unicodeScalars)
        func mapped(_ start: Int, _ end: Int) -> (Range<Int>, String) {
            let range = map.originalRange(start..<end)
            return (range, String(String.UnicodeScalarView(original[range])))
        }
        for index in result.hits.indices {
            let (range, surface) = mapped(result.hits[index].start, result.hits[index].end)
            (result.hits[index].start, result.hits[index].end, result.hits[index].surface) = (range.lowerBound, range.upperBound, surface)
        }
        for index in result.decisions.indices {
            let (range, surface) = mapped(result.decisions[index].start, result.decisions[index].end)
            (result.decisions[index].start, result.decisions[index].end, result.decisions[index].surface) = (range.lowerBound, range.upperBound, surface)
        }
        return result
    }
}
