import MalmoiCore
import Testing

@Suite struct PromptCommandTests {
    @Test(arguments: [
        (":skip", PromptCommand.skip), (":나ㅑㅔ", .skip), (":undo", .undo), (":ㅕㅜ애", .undo),
        (":guide", .guide), (":혀ㅑㅇㄷ", .guide), (":help", .help), (":ㅗ디ㅔ", .help),
        (":quit", .quit), (":벼ㅑㅅ", .quit), ("  :SKIP ", .skip), ("：quit", .quit),
    ])
    func commandsAreReadInEitherLayout(line: String, expected: PromptCommand) {
        #expect(PromptCommand(parsing: line) == expected)
    }

    @Test(arguments: ["skip", "긍정", ":skipp", ":", "1"])
    func answersAreNotCommands(line: String) {
        #expect(PromptCommand(parsing: line) == nil)
    }

    @Test func compoundJamoSplitIntoTheirKeys() {
        #expect(KoreanKeyboard.latinKeys(for: "와ㄳ") == "dhkrt")
        #expect(KoreanKeyboard.latinKeys(for: "ㅁ") == "a")
    }
}
