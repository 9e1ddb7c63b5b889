import Crypto
import Foundation
import SwiftASN1
import X509

/// A signing key in a PKCS#11 token or HSM, named by where it is: the module, the
/// token's label and the key's label. This is what dxtrack keeps for such a user
/// instead of a sealed key; the PIN is never kept (it comes from the environment,
/// `DXTRACK_PKCS11_PIN`, or a prompt).
public struct TokenKey: Codable, Hashable, Sendable {
    public var module: String
    public var token: String
    public var label: String
    /// ECDSA P-256 or RSA, as the key's certificate says.
    public var algorithm: SignatureAlgorithm

    public init(module: String, token: String, label: String, algorithm: SignatureAlgorithm = .ecdsaWithSHA256) {
        self.module = module
        self.token = token
        self.label = label
        self.algorithm = algorithm
    }

    /// The key ready to sign, logged in with `pin` (by default `DXTRACK_PKCS11_PIN`'s).
    public func unlocked(pin: String? = nil) -> Unlocked { Unlocked(reference: self, pin: pin) }

    static func pin(_ given: String?) throws -> String {
        guard let pin = given ?? ProcessInfo.processInfo.environment["DXTRACK_PKCS11_PIN"], !pin.isEmpty else {
            throw PKCS11Module.Failure(function: "no PIN: set DXTRACK_PKCS11_PIN", code: 0xA0)
        }
        return pin
    }

    public struct Unlocked: SigningKey {
        public let reference: TokenKey
        let pin: String?

        public var signatureAlgorithm: SignatureAlgorithm { reference.algorithm }

        public func sign(_ message: [UInt8]) throws -> [UInt8] {
            let module = try PKCS11Module.load(reference.module)
            return try module.withSession(token: reference.token, pin: try TokenKey.pin(pin)) { session in
                guard let key = try module.find(session, objectClass: 3, label: reference.label) else {
                    throw PKCS11Module.Failure(function: "no private key labelled \(reference.label) in \(reference.token)", code: 0x82)
                }
                switch signatureAlgorithm {
                case .ecdsaWithSHA256:
                    // CKM_ECDSA signs a digest and answers r‖s; CMS carries an ECDSA-Sig-Value.
                    let raw = try module.sign(session, key: key, mechanism: 0x1041, data: Array(SHA256.hash(data: message)))
                    return Array(try P256.Signing.ECDSASignature(rawRepresentation: raw).derRepresentation)
                case .sha256WithRSA:
                    return try module.sign(session, key: key, mechanism: 0x40, data: message)
                }
            }
        }
    }

    /// The public half of the token's key pair (its public-key object of the same label),
    /// EC P-256 or RSA, to have a certificate issued for it.
    public func publicKey(pin: String? = nil) throws -> Certificate.PublicKey {
        let module = try PKCS11Module.load(module)
        return try module.withSession(token: token, pin: try TokenKey.pin(pin)) { session in
            guard let object = try module.find(session, objectClass: 2, label: label) else {
                throw PKCS11Module.Failure(function: "no public key labelled \(label) in \(token)", code: 0x82)
            }
            // CKA_KEY_TYPE, a CK_ULONG: CKK_RSA 0, CKK_EC 3.
            let type = try module.attribute(session, object: object, type: 0x100).reversed().reduce(0) { $0 << 8 | UInt64($1) }
            switch type {
            case 3:
                // CKA_EC_POINT: the uncompressed point, wrapped in a DER OCTET STRING.
                let point = try ASN1OctetString(derEncoded: try module.attribute(session, object: object, type: 0x181))
                return Certificate.PublicKey(try P256.Signing.PublicKey(x963Representation: point.bytes))
            case 0:
                // CKA_MODULUS and CKA_PUBLIC_EXPONENT, big-endian, as a SubjectPublicKeyInfo.
                let (n, e) = (try module.attribute(session, object: object, type: 0x120), try module.attribute(session, object: object, type: 0x122))
                let rsaKey = try DER.Serializer.bytes { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize(ArraySlice(n))
                        try coder.serialize(ArraySlice(e))
                    }
                }
                return try Certificate.PublicKey(derEncoded: try DER.Serializer.bytes { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.algorithm(.CMS.rsaEncryption, null: true)
                        try coder.serialize(ASN1BitString(bytes: ArraySlice(rsaKey)))
                    }
                })
            default:
                throw PKCS11Module.Failure(function: "the key \(label) is neither EC P-256 nor RSA", code: 0x63)
            }
        }
    }

    /// The key, signing as `publicKey`'s type says: RSA keys with CKM_SHA256_RSA_PKCS, EC keys with CKM_ECDSA.
    public func signing(as publicKey: Certificate.PublicKey) -> TokenKey {
        var copy = self
        copy.algorithm = P256.Signing.PublicKey(publicKey) == nil ? .sha256WithRSA : .ecdsaWithSHA256
        return copy
    }
}
