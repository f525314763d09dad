// Times MalmoiAgreement on benchmark data written by generate.py and prints one JSON object:
// medians (seconds) of each measurement and the values computed, so bench.py can compare them
// with the krippendorff package.
//
//   agreement-bench DATA_DIR [--repeat N] [--full] [--bootstrap N] [--parse]
import Dispatch
import Foundation
import MalmoiAgreement
import MalmoiAgreementInput
import MalmoiCore

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let directory = arguments.first else {
    FileHandle.standardError.write(Data("usage: agreement-bench DATA_DIR [--repeat N] [--full] [--bootstrap N] [--parse]\n".utf8))
    exit(2)
}
@MainActor func option(_ name: String) -> Int? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return Int(arguments[index + 1])
}
let repeats = option("--repeat") ?? 5
let bootstrap = option("--bootstrap") ?? 0
let full = arguments.contains("--full")
let parse = arguments.contains("--parse")

let meta = try JSONValue.parse(String(contentsOfFile: directory + "/meta.json", encoding: .utf8))
let units = meta["items"]!.intValue!
let coders = meta["coders"]!.intValue!
let raw = try Data(contentsOf: URL(fileURLWithPath: directory + "/matrix.bin"))
var result: [(String, JSONValue)] = [("items", .int(units)), ("coders", .int(coders))]

// 1. Matrix -> reliability data (what the package does before computing).
var data: ReliabilityData!
var buildTimes: [Double] = []
for _ in 0..<max(1, repeats / 2) {
    buildTimes.append(seconds {
        let matrix: [[Double?]] = raw.withUnsafeBytes { bytes in
            let cells = bytes.bindMemory(to: Int8.self)
            return (0..<coders).map { coder in
                (0..<units).map { unit in
                    let value = cells[coder * units + unit]
                    return value < 0 ? nil : Double(value)
                }
            }
        }
        data = ReliabilityData(coderRows: matrix)
    })
}
result.append(("build_from_matrix_s", .number(median(buildTimes))))

// 2. Alpha nominal and interval: the library call.
for (name, metric) in [("nominal", AgreementMetric.krippendorffAlphaNominal), ("interval", .krippendorffAlphaInterval)] {
    var options = AgreementOptions(metrics: [metric], includesVariants: false, includesBreakdowns: false)
    options.threads = 1
    var times: [Double] = []
    var value: Double?
    for _ in 0..<repeats {
        times.append(seconds { value = AgreementScorer.score(data, options: options).value(metric) })
    }
    result.append(("alpha_\(name)_s", .number(median(times))))
    result.append(("alpha_\(name)", value.map { .number($0) } ?? .null))
}

// 3. Every coefficient with breakdowns.
if full {
    var times: [Double] = []
    var report: AgreementReport!
    for _ in 0..<max(1, repeats / 2) {
        times.append(seconds { report = AgreementScorer.score(data) })
    }
    result.append(("full_set_s", .number(median(times))))
    result.append(("full_set_metrics", .int(report.metrics.count)))
    result.append(("full_set_no_breakdowns_s", .number(seconds {
        _ = AgreementScorer.score(data, options: AgreementOptions(includesBreakdowns: false))
    })))
}

// 4. Bootstrap intervals of alpha (nominal and interval), on every processor.
if bootstrap > 0 {
    let options = AgreementOptions(
        metrics: [.krippendorffAlphaNominal, .krippendorffAlphaInterval], includesVariants: false,
        includesBreakdowns: false, bootstrapResamples: bootstrap, seed: 7)
    var report: AgreementReport!
    let time = seconds { report = AgreementScorer.score(data, options: options) }
    result.append(("bootstrap_resamples", .int(bootstrap)))
    result.append(("bootstrap_s", .number(time)))
    result.append(("bootstrap_processors", .int(ProcessInfo.processInfo.activeProcessorCount)))
    if let interval = report.intervals[.krippendorffAlphaNominal] {
        result.append(("bootstrap_alpha_nominal_interval", .array([.number(interval.lower), .number(interval.upper)])))
    }
}

// 5. The JSONL path, split: Core's parser alone, then parser + builder.
if parse {
    let path = directory + "/data.jsonl"
    var lines = 0
    let parseTime = try seconds {
        try JSONLReader(path: path).forEachRecord { _ in lines += 1 }
    }
    result.append(("jsonl_lines", .int(lines)))
    result.append(("jsonl_parse_only_s", .number(parseTime)))
    let readTime = try seconds { _ = try AgreementInput.readJSONL(paths: [path], level: nil) }
    result.append(("jsonl_read_and_build_s", .number(readTime)))
}

print(JSONValue.object(JSONObject(result)).serialized())
