import Crypto
import Foundation

/// An actor's Ed25519 key pair, as kept in their own key directory (never in the store).
public struct SigningKey: Sendable {
    let key: Curve25519.Signing.PrivateKey

    /// A new random key pair.
    public init() { key = Curve25519.Signing.PrivateKey() }

    /// The key from its 32-byte seed.
    public init(seed: [UInt8]) throws {
        key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    /// The 32-byte seed, as stored in the key file.
    public var seed: [UInt8] { Array(key.rawRepresentation) }

    /// The public key, base64 of its 32 bytes, as the log records it.
    public var publicKeyBase64: String { key.publicKey.rawRepresentation.base64EncodedString() }

    /// The raw 32-byte public key.
    public var publicKey: [UInt8] { Array(key.publicKey.rawRepresentation) }

    /// Signs bytes (64-byte Ed25519 signature).
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        Array(try key.signature(for: message))
    }

    /// Whether `signature` is valid for `message` under the base64 public key.
    public static func verify(_ signature: [UInt8], of message: [UInt8], publicKeyBase64: String) -> Bool {
        guard let raw = Data(base64Encoded: publicKeyBase64), raw.count == 32,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}
