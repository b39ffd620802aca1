/// A line's signature waiting to be checked: everything the check needs, taken from the line and
/// from the state before it, so that it can run on any thread.
struct PendingSignature: Sendable {
    /// The line's seq.
    let seq: Int
    /// The line's actor, to name in the reason when the signature is invalid.
    let actor: String
    /// The digest of the line before it (the head to report when this line is the first bad one).
    let previous: LineDigest
    /// The bytes that were signed (the line without its signature member).
    let signed: [UInt8]
    /// The 64-byte Ed25519 signature.
    let signature: [UInt8]
    /// The base64 public key the actor had at that point.
    let publicKey: String

    /// Whether the signature verifies.
    var isValid: Bool {
        SigningKey.verify(signature, of: signed, publicKeyBase64: publicKey)
    }
}
