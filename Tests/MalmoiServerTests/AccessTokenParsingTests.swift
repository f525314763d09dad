import Foundation
import MalmoiServer
import Testing

/// Reading a token as typed: `SELECTOR.SECRET` exactly, anything else is no token (the server answers 401).
@Suite struct AccessTokenParsingTests {
    @Test func generatedTokensReadBackAsTheSameToken() throws {
        for _ in 0..<200 {
            let token = AccessToken.generate()
            let read = try #require(AccessToken(parsing: token.text))
            #expect(read == token && read.text == token.text)
            // The base64url text agrees with Foundation's base64 of the same bytes.
            let standard = Data(token.secret).base64EncodedString()
            let url = standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(token.text.hasSuffix("." + url))
        }
    }

    @Test func aKnownSecretIsDecodedBitForBit() throws {
        // 32 bytes 0, 1, …, 31 and a selector typed in capitals (read as lowercase).
        let secret = (0..<32).map { UInt8($0) }
        let text = "0123456789ABCDEF." + Data(secret).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let read = try #require(AccessToken(parsing: text))
        #expect(read.selector == "0123456789abcdef" && read.secret == secret)
        let all = [UInt8](repeating: 0xFF, count: 32)
        #expect(AccessToken(parsing: "ffffffffffffffff." + String(repeating: "_", count: 42) + "8")?.secret == all)
    }

    @Test func anythingElseIsNoToken() {
        let good = AccessToken.generate().text
        let secret = String(good.dropFirst(17))
        for text in ["", "0123456789abcdef.bad", String(good.dropLast()), good + "A", good + "=", " " + good,
                     "0123456789abcdeg." + secret, "0123456789abcde." + secret + "A", "0123456789abcdef:" + secret,
                     "0123456789abcdef." + String(secret.dropLast()) + "+", "0123456789abcdef." + String(secret.dropLast()) + "/",
                     "0123456789abcdef." + String(secret.dropLast()) + "가",
                     "０123456789abcdef." + secret,
                     // The last character carries two bits past the secret's 256; they must be zero.
                     "0123456789abcdef." + String(repeating: "A", count: 42) + "B"] {
            #expect(AccessToken(parsing: text) == nil, "\(text)")
        }
    }
}
