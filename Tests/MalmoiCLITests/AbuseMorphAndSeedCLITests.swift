import Foundation
import MalmoiCore
import Testing

/// `malmoi abuse scan --morph` (the analyzer vetoes plainly spelled words inside longer nouns) and
/// `abuse variants --seed` (another seed gives other variants, each still canonicalizing back).
struct AbuseMorphAndSeedCLITests {
    static let messages = """
        지랄병 도졌네
        미친 소리 하지 마
        지랄 좀 그만해
        ㅈㄹ병 도졌네
        저 미친개 좀 봐

        """

    func flags(_ arguments: [String]) throws -> [Bool] {
        let result = try MalmoiProcess.run(["abuse", "scan"] + arguments, input: Self.messages)
        #expect(result.status == 0, "\(result.stderr)")
        return try result.stdout.split(separator: "\n").map { try #require(JSONValue.parse(String($0))["flagged"]?.boolValue) }
    }

    @Test("--morph unflags 지랄병 and 미친개 (one compound noun each) and keeps the rest")
    func morphVetoesWordsInsideNouns() throws {
        #expect(try flags([]) == [true, true, true, true, true])
        #expect(try flags(["--morph"]) == [false, true, true, true, false])
    }

    @Test("--morph with a dictionary folder that does not exist is bad input (exit 2) naming the file")
    func morphWithoutADictionary() throws {
        let result = try MalmoiProcess.run(["abuse", "scan", "--morph", "--dict", "/nonexistent-malmoi-dict"], input: "지랄\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent-malmoi-dict/sys.dic"))
        #expect(result.stdout.isEmpty)
    }

    @Test("Another seed changes the variants; every variant of either seed canonicalizes back")
    func anotherSeedChangesVariants() throws {
        func variants(_ seed: Int) throws -> [String] {
            let result = try MalmoiProcess.run(["abuse", "variants", "--technique", "insertion", "--seed", "\(seed)", "--count", "4",
                                                "씨발 진짜 짜증나"], input: "")
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").map(String.init)
        }
        let first = try variants(1)
        let second = try variants(2)
        #expect(!first.isEmpty && !second.isEmpty)
        #expect(first != second)
        #expect(try variants(1) == first)
        for variant in first + second {
            #expect(variant != "씨발 진짜 짜증나" && variant.hasSuffix(" 진짜 짜증나"), "\(variant)")
        }
        let back = try MalmoiProcess.run(["abuse", "canon"], input: (first + second).joined(separator: "\n") + "\n")
        #expect(back.stdout.split(separator: "\n").allSatisfy { $0 == "씨발 진짜 짜증나" }, "\(back.stdout)")
    }
}
