import Crypto
import Foundation
import MalmoiStore

/// A bearer token: `SELECTOR.SECRET`, a 64-bit public selector (hex) that finds the stored row and a 256-bit
/// random secret (base64url) of which the store keeps only the SHA-256.
///
/// ```swift
/// let token = AccessToken.generate()
/// try people.addPerson(person, token: token.stored, actor: "cli")
/// print(token.text)            // shown once, never stored
/// ```
public struct AccessToken: Sendable, Hashable {
    /// The selector, 16 hex digits.
    public var selector: String
    /// The secret's 32 bytes.
    public var secret: [UInt8]

    /// A new token from the system's cryptographic random source.
    public static func generate() -> AccessToken {
        var generator = SystemRandomNumberGenerator()
        let selectorBytes = (0..<8).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return AccessToken(selector: selectorBytes.map { String(format: "%02x", $0) }.joined(), secret: secret)
    }

    /// Reads a token as typed (`SELECTOR.SECRET`); nil when it is not one.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 16, parts[0].allSatisfy(\.isHexDigit),
              let secret = Self.base64URLDecoded(String(parts[1])), secret.count == 32 else { return nil }
        self.selector = String(parts[0]).lowercased()
        self.secret = secret
    }

    /// Creates a token from its parts.
    public init(selector: String, secret: [UInt8]) {
        self.selector = selector
        self.secret = secret
    }

    /// The token as the person types it.
    public var text: String { selector + "." + Self.base64URLEncoded(secret) }

    /// What the store keeps: the selector and the SHA-256 of the secret.
    public var stored: StoredToken { StoredToken(selector: selector, secretHash: Self.hash(secret)) }

    /// SHA-256 of a secret.
    public static func hash(_ secret: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: secret)) }

    /// Whether the token's secret hashes to `storedHash`, compared in constant time (every byte is looked at).
    public func matches(_ storedHash: [UInt8]) -> Bool {
        let hash = Self.hash(secret)
        guard hash.count == storedHash.count else { return false }
        var difference: UInt8 = 0
        for index in hash.indices { difference |= hash[index] ^ storedHash[index] }
        return difference == 0
    }

    static func base64URLEncoded(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func base64URLDecoded(_ text: String) -> [UInt8]? {
        guard text.allSatisfy({ $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || $0 == "-" || $0 == "_" }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map { [UInt8]($0) }
    }
}
