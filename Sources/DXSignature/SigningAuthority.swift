import Crypto
import DXDomain
import Foundation
import SwiftASN1
import X509

/// A certificate authority of a deployment: it issues each user an ECDSA P-256 key
/// and an X.509 certificate naming them, as the province's digital-signature
/// provider would. A deployment may instead trust an external CA and import the
/// certificates it issued.
public struct SigningAuthority: Sendable {
    public let certificate: Certificate
    public let key: P256.Signing.PrivateKey

    public init(certificate: Certificate, key: P256.Signing.PrivateKey) {
        self.certificate = certificate
        self.key = key
    }

    /// A new self-signed authority, valid for `years`.
    public static func create(name: String, years: Int = 10, now: Date = Date()) throws -> SigningAuthority {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { CountryName("VN"); OrganizationName(name); CommonName("\(name) – dxtrack CA") }
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(Double(years) * 365.25 * 86_400),
            issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(key))
        return SigningAuthority(certificate: certificate, key: key)
    }

    /// A signing certificate for `username` over `publicKey`.
    public func issue(username: String, displayName: String, unit: String?, publicKey: P256.Signing.PublicKey,
                      years: Int = 2, now: Date = Date()) throws -> Certificate {
        let subject = try DistinguishedName {
            CountryName("VN")
            if let unit { OrganizationalUnitName(unit) }
            CommonName(username)
            if !displayName.isEmpty { CommonName(displayName) }
        }
        return try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(Double(years) * 365.25 * 86_400),
            issuer: certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
            },
            issuerPrivateKey: .init(key))
    }
}

extension Certificate {
    /// The account a signing certificate names: its first common name.
    public var username: String? {
        subject.first { $0.description.hasPrefix("CN=") }.map { String($0.description.dropFirst(3)) }
    }

    public var serialHex: String { serialNumber.bytes.map { String(format: "%02x", $0) }.joined() }

    public var pem: String { (try? serializeAsPEM().pemString) ?? "" }

    /// Whether `authority` issued this certificate (its signature checks out under the authority's key).
    public func isIssued(by authority: Certificate) -> Bool {
        issuer == authority.subject && authority.publicKey.isValidSignature(signature, for: self)
    }
}
