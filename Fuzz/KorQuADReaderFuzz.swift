// libFuzzer harness: the KorQuAD/SQuAD reader (qa import/convert/eval), its normalization, the answer
// checks and the conversion to items. Any input either fails with a QAError or gives a dataset whose
// serialization reads back to the same dataset.
import MalmoiCore
import MalmoiQA
import MalmoiText

/// Called by libFuzzer once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKorQuADReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let dataset = try? KorQuADDataset(bytes: bytes, path: "fuzz.json") else { return 0 }
    let text = dataset.serialized()
    guard let again = try? KorQuADDataset(bytes: Array(text.utf8), path: "again.json") else {
        fatalError("a serialized dataset does not read back: \(text)")
    }
    precondition(again.serialized() == text, "the KorQuAD round trip changed the dataset")
    _ = dataset.misplacedAnswers()
    for step in InputNormalization.allCases { _ = dataset.normalized(step).misplacedAnswers() }
    for unit in KorQuADConverter.Unit.allCases { _ = KorQuADConverter.items(from: dataset, unit: unit) }
    return 0
}
