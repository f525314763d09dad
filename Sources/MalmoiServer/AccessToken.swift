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

    /// Reads a token as typed (`SELECTOR.SECRET`: 16 hex digits, a dot, 43 base64url characters); nil when it is
    /// not one. Read byte by byte (every request of the team server parses one).
    public init?(parsing text: String) {
        var text = text
        guard let (selector, secret) = text.withUTF8({ Self.parts(of: $0) }) else { return nil }
        self.selector = selector
        self.secret = secret
    }

    /// The lowercased selector and the secret of a token's UTF-8 bytes, or nil.
    private static func parts(of bytes: UnsafeBufferPointer<UInt8>) -> (String, [UInt8])? {
        guard bytes.count == 16 + 1 + 43, bytes[16] == UInt8(ascii: ".") else { return nil }
        var selector = [UInt8](repeating: 0, count: 16)
        for index in 0..<16 {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): selector[index] = bytes[index]
            case UInt8(ascii: "A")...UInt8(ascii: "F"): selector[index] = bytes[index] + 32
            default: return nil
            }
        }
        // 43 characters of 6 bits: the secret's 256 bits and two bits that must be zero (as `text` writes them).
        var secret: [UInt8] = []
        secret.reserveCapacity(32)
        var bits: UInt32 = 0, count = 0
        for byte in bytes[17...] {
            guard let value = sextet(byte) else { return nil }
            bits = bits << 6 | UInt32(value)
            count += 6
            if count >= 8 {
                count -= 8
                secret.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
                bits &= (1 << UInt32(count)) - 1
            }
        }
        guard secret.count == 32, bits == 0 else { return nil }
        return (String(decoding: selector, as: UTF8.self), secret)
    }

    /// The value of a base64url character, or nil.
    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
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
}
