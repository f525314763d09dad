import Foundation
import MalmoiText
import Testing

/// Runs the Unicode Character Database's NormalizationTest.txt (Debian package `unicode-data`) through
/// all four forms and every conformance column. ICU 72 implements Unicode 15.0, the file's version.
@Suite struct NormalizationConformanceTests {
    struct Case {
        var line: Int
        var columns: [String]
    }

    static let testFile = "/usr/share/unicode/NormalizationTest.txt"

    /// The cases of the test file, read from its bzip2-compressed copy if needed.
    static func loadCases() throws -> (cases: [Case], part1: Set<UInt32>) {
        let text: String
        if FileManager.default.fileExists(atPath: testFile) {
            text = try String(contentsOfFile: testFile, encoding: .utf8)
        } else {
            let compressed = testFile + ".bz2"
            try #require(FileManager.default.fileExists(atPath: compressed),
                         "NormalizationTest.txt is missing: apt-get install unicode-data")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bzcat")
            process.arguments = [compressed]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            text = String(decoding: data, as: UTF8.self)
        }
        var cases: [Case] = []
        var part1: Set<UInt32> = []
        var inPart1 = false
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if rawLine.hasPrefix("@Part") {
                inPart1 = rawLine.hasPrefix("@Part1")
                continue
            }
            guard let body = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first,
                  !body.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let fields = body.split(separator: ";", omittingEmptySubsequences: false).prefix(5)
            guard fields.count == 5 else { continue }
            let columns = fields.map { field -> String in
                var scalars = String.UnicodeScalarView()
                for hex in field.split(separator: " ") {
                    scalars.append(Unicode.Scalar(UInt32(hex, radix: 16)!)!)
                }
                return String(scalars)
            }
            if inPart1, let first = columns[0].unicodeScalars.first { part1.insert(first.value) }
            cases.append(Case(line: index + 1, columns: columns))
        }
        return (cases, part1)
    }

    @Test func everyCaseOfTheConformanceFilePassesInAllFourForms() throws {
        let (cases, _) = try Self.loadCases()
        #expect(cases.count > 19_000)
        var failures: [String] = []
        for testCase in cases {
            let c = testCase.columns
            let expectations: [(NormalizationForm, [Int], Int)] = [
                (.nfc, [0, 1, 2], 1), (.nfc, [3, 4], 3),
                (.nfd, [0, 1, 2], 2), (.nfd, [3, 4], 4),
                (.nfkc, [0, 1, 2, 3, 4], 3),
                (.nfkd, [0, 1, 2, 3, 4], 4),
            ]
            for (form, sources, expected) in expectations {
                for source in sources where c[source].normalized(form) != c[expected] {
                    failures.append("line \(testCase.line): \(form) of column \(source + 1)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    @Test func everyCodePointNotInPart1IsStableInAllForms() throws {
        let (_, part1) = try Self.loadCases()
        let normalizers = [Normalizer(.nfc), Normalizer(.nfd), Normalizer(.nfkc), Normalizer(.nfkd)]
        var failures: [UInt32] = []
        for value in UInt32(0)...0x10FFFF where !part1.contains(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            for normalizer in normalizers where !normalizer.isNormalized(text) {
                failures.append(value)
            }
        }
        #expect(failures.isEmpty, "first unstable code points: \(failures.prefix(5))")
    }
}
