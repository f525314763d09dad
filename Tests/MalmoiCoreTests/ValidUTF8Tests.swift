import Testing
@testable import MalmoiCore

/// `ValidUTF8.scalar(in:at:)` reads the same scalars as Swift's own decoder, for one- to four-byte sequences.
@Suite struct ValidUTF8Tests {
    @Test(arguments: ["", "a", "한국어 문장입니다.", "ㅅㅂ 새1끼 ᄒᆞᆫ글", "é ß ñ ¥ © ½", "中文 日本語 ｱｲｳ", "😀 👍🏽 𝔸 𠀀", "\u{0} \u{7F} \u{80} \u{7FF} \u{800} \u{FFFF} \u{10000} \u{10FFFF}"])
    func decodesLikeSwift(_ text: String) {
        var decoded: [UInt32] = []
        var copy = text
        copy.withUTF8 { bytes in
            var index = 0
            while index < bytes.count { decoded.append(ValidUTF8.scalar(in: bytes, at: &index)) }
            #expect(index == bytes.count)
        }
        #expect(decoded == text.unicodeScalars.map(\.value))
    }
}
