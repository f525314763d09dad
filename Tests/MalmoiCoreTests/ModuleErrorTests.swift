import MalmoiCore
import Testing

/// The one error shape every module error shares: how it prints and what exit code it maps to.
@Suite("Module errors")
struct ModuleErrorTests {
    @Test("an error prints its place, a field without a file, or its message alone")
    func descriptions() {
        let placed = InputError(.missingField, "missing required field",
                                at: SourceLocation(path: "items.jsonl", line: 3, field: "text"))
        #expect(placed.description == "items.jsonl:3: field \"text\": missing required field")
        #expect(placed.path == "items.jsonl" && placed.line == 3 && placed.field == "text")

        let fieldOnly = InputError(.wrongType, "expected a string", path: nil, line: 9, field: "label")
        #expect(fieldOnly.description == "field \"label\": expected a string")
        #expect(fieldOnly.location == nil && fieldOnly.field == "label" && fieldOnly.line == nil)

        let fileLine = InputError(.invalidUTF8, "invalid UTF-8 at byte 4", path: "말뭉치.txt", line: 12)
        #expect(fileLine.description == "말뭉치.txt:12: invalid UTF-8 at byte 4")

        #expect(InputError(.emptyInput, "nothing to score").description == "nothing to score")
    }

    /// A module's kinds decide the exit code, kind by kind.
    enum Kind: String, ModuleErrorCode {
        case badLine, diskFull
        var isBadInput: Bool { self == .badLine }
    }

    @Test("the kind decides bad input (exit 2) or a runtime failure (exit 1)")
    func exitCodes() {
        #expect(ModuleError<Kind>(.badLine, "줄이 깨졌습니다").isBadInput)
        #expect(!ModuleError<Kind>(.diskFull, "no space left").isBadInput)
        #expect(ModuleError<Kind>(.badLine, "a") != ModuleError<Kind>(.badLine, "a", path: nil, field: "x"))
    }

    @Test("comma-separated entries are trimmed of blanks and empty ones dropped")
    func commaLists() {
        #expect(" 긍정, 부정 ,,\t중립\u{3000},".commaSeparatedEntries == ["긍정", "부정", "중립"])
        #expect("\u{00A0}ok\t".trimmingBlanks == "ok")
        #expect("  \t".trimmingBlanks.isEmpty)
        #expect("a\nb ".trimmingBlanks == "a\nb")
    }
}
