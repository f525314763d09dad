// libFuzzer harness: the abuse canonicalizer and scanner over the built-in lexicon. Every canonical
// span must map back into the original text, every hit must lie inside it, and the lean path the feature
// extractor takes (`canonicalLine(utf8:)`) must give the same canonical text and hits.
import MalmoiAbuse

private let canonicalizer = try? Canonicalizer.standard()

/// Called by libFuzzer once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCanonicalizer(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let canonicalizer else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let result = canonicalizer.canonicalize(text, explaining: true)
    let originalCount = text.unicodeScalars.count
    let canonicalCount = result.text.unicodeScalars.count
    precondition(result.sourceRanges.count == canonicalCount, "one source range per canonical scalar")
    for range in result.sourceRanges {
        precondition(range.lowerBound >= 0 && range.upperBound <= originalCount, "a source range outside the original")
    }
    let whole = result.originalRange(ofCanonical: 0..<canonicalCount)
    precondition(whole.lowerBound >= 0 && whole.upperBound <= originalCount, "the whole canonical text maps outside the original")
    for hit in result.hits {
        precondition(hit.start >= 0 && hit.start <= hit.end && hit.end <= originalCount, "a hit outside the original text")
    }
    var contiguous = text
    contiguous.makeContiguousUTF8()
    if let line = contiguous.utf8.withContiguousStorageIfAvailable({ canonicalizer.canonicalLine(utf8: $0) }) {
        precondition(line.scalars.elementsEqual(result.text.unicodeScalars.lazy.map(\.value)), "canonicalLine's text differs")
        precondition(line.hits == result.hits, "canonicalLine's hits differ")
    }
    _ = AbuseScanner(canonicalizer: canonicalizer).scan(text).json
    return 0
}
