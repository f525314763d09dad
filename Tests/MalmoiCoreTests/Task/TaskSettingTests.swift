import MalmoiCore
import Testing

@Suite struct TaskSettingTests {
    enum Mode: String, CaseIterable { case write, answer }

    private func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as TaskError { return error.message } catch { return "\(error)" }
        return nil
    }

    @Test func readsGoodValues() throws {
        #expect(try TaskSetting.positiveInteger(30, "answer_max_chars") == 30)
        #expect(try TaskSetting.fraction(0.7, "copy_threshold", allowsZero: false) == 0.7)
        #expect(try TaskSetting.flag(true, "multi"))
        #expect(try TaskSetting.choice("answer", "mode", as: Mode.self) == .answer)
    }

    @Test func badValuesNameTheSettingAndWhatItMustBe() {
        #expect(message { _ = try TaskSetting.positiveInteger(0, "max_chars") } == "\"max_chars\" must be a positive integer")
        #expect(message { _ = try TaskSetting.positiveInteger("열", "max_chars") } == "\"max_chars\" must be a positive integer")
        #expect(message { _ = try TaskSetting.fraction(0, "copy_threshold", allowsZero: false) } == "\"copy_threshold\" must be a number in (0, 1]")
        #expect(message { _ = try TaskSetting.fraction(1.5, "min_hangul_share") } == "\"min_hangul_share\" must be a number in [0, 1]")
        #expect(message { _ = try TaskSetting.flag("yes", "multi") } == "\"multi\" must be true or false")
        #expect(message { _ = try TaskSetting.choice("both", "mode", as: Mode.self) } == "\"mode\" must be \"write\" or \"answer\"")
    }
}
