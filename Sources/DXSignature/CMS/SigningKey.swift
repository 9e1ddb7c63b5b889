import Crypto
import Foundation
import X509

/// A private key that signs, wherever it lives: sealed in dxtrack's database (remote
/// signing, as the SmartCA services do) or in a PKCS#11 token or HSM that it never
/// leaves. CMS needs only the signature over some bytes, so nothing else of the key
/// is asked for.
public protocol SigningKey: Sendable {
    /// What the key signs with: ecdsa-with-SHA256 or sha256WithRSAEncryption.
    var signatureAlgorithm: SignatureAlgorithm { get }

    /// The signature over `message` (the key hashes it with SHA-256), as CMS carries
    /// it: a DER ECDSA-Sig-Value, or a PKCS#1 v1.5 block.
    func sign(_ message: [UInt8]) throws -> [UInt8]
}

/// The signature algorithms dxtrack writes and reads, by their object identifiers.
public enum SignatureAlgorithm: String, Codable, Sendable, CaseIterable {
    case ecdsaWithSHA256 = "1.2.840.10045.4.3.2"
    case sha256WithRSA = "1.2.840.113549.1.1.11"

    /// As swift-certificates names it, to check a signature with a certificate's key.
    public var certificateAlgorithm: Certificate.SignatureAlgorithm {
        switch self {
        case .ecdsaWithSHA256: .ecdsaWithSHA256
        case .sha256WithRSA: .sha256WithRSAEncryption
        }
    }
}

extension P256.Signing.PrivateKey: SigningKey {
    public var signatureAlgorithm: SignatureAlgorithm { .ecdsaWithSHA256 }
    public func sign(_ message: [UInt8]) throws -> [UInt8] { Array(try signature(for: message).derRepresentation) }
}
