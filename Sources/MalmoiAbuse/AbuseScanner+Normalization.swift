import MalmoiText

extension AbuseScanner {
    /// Scans a message after the shared input normalization step (`abuse scan --normalize`).
    ///
    /// ```swift
    /// scanner.scan("\u{FEFF}" + message, normalization: .nfc).hits[0].start   // counts the BOM
    /// ```
    /// The hits' `start`/`end` (Unicode scalar offsets) and `surface` are those of `message` as given,
    /// mapped back through the step's ``OffsetMap``; `canonical` stays the canonical text of the
    /// normalized message.
    public func scan(_ message: String, normalization: InputNormalization) -> ScanResult {
        if normalization.isNormal(message) { return scan(message) }
        let (text, map) = normalization.normalized(message)
        var result = scan(text)
        let original = Array(message.unicodeScalars)
        for index in result.hits.indices {
            let range = map.originalRange(result.hits[index].start..<result.hits[index].end)
            result.hits[index].start = range.lowerBound
            result.hits[index].end = range.upperBound
            result.hits[index].surface = String(String.UnicodeScalarView(original[range]))
        }
        return result
    }
}
