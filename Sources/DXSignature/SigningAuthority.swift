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
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: adding(years: years, to: now),
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
        try issue(username: username, displayName: displayName, unit: unit, publicKey: Certificate.PublicKey(publicKey), years: years, now: now)
    }

    /// A signing certificate for `username` over any key the token holds (EC P-256 or RSA):
    /// the authority signs with its own P-256 key either way.
    public func issue(username: String, displayName: String, unit: String?, publicKey: Certificate.PublicKey,
                      years: Int = 2, now: Date = Date()) throws -> Certificate {
        // One common name, the person's (as on certificates of Vietnam's CAs); the account
        // they sign as goes in the userID attribute (UID, RFC 4519), not in a second CN.
        var rdns: [RelativeDistinguishedName] = [try RelativeDistinguishedName(.init(type: .RDNAttributeType.countryName, printableString: "VN"))]
        if let unit { rdns.append(RelativeDistinguishedName(.init(type: .RDNAttributeType.organizationalUnitName, utf8String: unit))) }
        rdns.append(RelativeDistinguishedName(.init(type: .RDNAttributeType.commonName, utf8String: displayName.isEmpty ? username : displayName)))
        rdns.append(RelativeDistinguishedName(.init(type: .RDNAttributeType.userID, utf8String: username)))
        return try Certificate(
            version: .v3, serialNumber: .init(), publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: Self.adding(years: years, to: now),
            issuer: certificate.subject, subject: DistinguishedName(rdns), signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
            },
            issuerPrivateKey: .init(key))
    }
}

extension SigningAuthority {
    /// `years` calendar years after `date`, to the second (not 365.25-day years, which
    /// put the end of a 2-year certificate 12 hours off its anniversary).
    static func adding(years: Int, to date: Date) -> Date {
        Calendar.utc.date(byAdding: .year, value: years, to: date) ?? date
    }
}

extension ASN1ObjectIdentifier.RDNAttributeType {
    /// userID (UID), RFC 4519.
    public static let userID: ASN1ObjectIdentifier = [0, 9, 2342, 19_200_300, 100, 1, 1]
}

extension Certificate {
    /// The account a signing certificate names: its userID, or (certificates issued
    /// before dxtrack wrote one, and other CAs') its first common name.
    public var username: String? {
        var first: String?, uid: String?
        for rdn in subject {
            for attribute in rdn {
                guard let text = String(attribute.value) else { continue }
                if attribute.type == .RDNAttributeType.userID, uid == nil { uid = text }
                if attribute.type == .RDNAttributeType.commonName, first == nil { first = text }
            }
        }
        return uid ?? first
    }

    public var serialHex: String { serialNumber.bytes.map { String(format: "%02x", $0) }.joined() }

    public var pem: String { (try? serializeAsPEM().pemString) ?? "" }

    /// Whether `authority` issued this certificate (its signature checks out under the authority's key).
    public func isIssued(by authority: Certificate) -> Bool {
        issuer == authority.subject && authority.publicKey.isValidSignature(signature, for: self)
    }
}
