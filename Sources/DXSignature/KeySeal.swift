import Crypto
import Foundation

/// Private keys kept by the server for its users (remote signing, as the SmartCA
/// services do) are sealed with AES-GCM under the deployment's signing secret, so a
/// copy of the database alone signs nothing.
public struct KeySeal: Sendable {
    let key: SymmetricKey

    /// From the secret's text: 64 hex digits or base64 of 32 bytes.
    public init?(secret: String) {
        let text = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count == 64, let bytes = Self.hex(text) { key = SymmetricKey(data: bytes) }
        else if let data = Data(base64Encoded: text), data.count == 32 { key = SymmetricKey(data: data) }
        else { return nil }
    }

    /// A new random secret, as 64 hex digits.
    public static func newSecret() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }.map { String(format: "%02x", $0) }.joined()
    }

    /// An HMAC-SHA256 of `message` under a key drawn from the secret for `purpose` alone
    /// (HKDF), as lower-case hex: what the database cannot recompute without the secret.
    public func mac(_ message: [UInt8], purpose: String) -> String {
        let derived = HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Array("dxtrack \(purpose)".utf8), outputByteCount: 32)
        return HMAC<SHA256>.authenticationCode(for: message, using: derived).map { String(format: "%02x", $0) }.joined()
    }

    public func seal(_ privateKey: P256.Signing.PrivateKey) throws -> String {
        try AES.GCM.seal(privateKey.rawRepresentation, using: key).combined!.base64EncodedString()
    }

    public func open(_ sealed: String) throws -> P256.Signing.PrivateKey {
        guard let data = Data(base64Encoded: sealed) else { throw CryptoKitError.incorrectParameterSize }
        return try P256.Signing.PrivateKey(rawRepresentation: try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key))
    }

    static func hex(_ text: String) -> [UInt8]? {
        var out: [UInt8] = [], chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        while !chars.isEmpty {
            guard let b = UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16) else { return nil }
            out.append(b)
            chars.removeFirst(2)
        }
        return out
    }
}
