import Crypto
import Foundation
import SwiftASN1
import X509

/// A detached CMS SignedData (RFC 5652) in the CAdES-BES form (ETSI EN 319 122-1): one
/// signer, SHA-256, and signed attributes naming the content type, the content's
/// digest, the signing certificate (ESS signing-certificate-v2) and, for report
/// data, the signing time. `openssl cms -verify -binary -inform DER -content F` checks
/// one; so does any PAdES validator when it is a PDF's /Contents.
public struct CAdESSignature: Sendable {
    /// The certificates carried: the signer's first, then its chain.
    public var certificates: [Certificate]
    public var signer: Certificate
    /// The signing-time attribute: the signer's claim of when, not a timestamp authority's.
    public var signingTime: Date?
    public var algorithm: SignatureAlgorithm
    /// SHA-256 of the content, as signed.
    var messageDigest: [UInt8]
    /// SHA-256 of the signing certificate, as signed (signing-certificate-v2).
    var certificateHash: [UInt8]?
    /// The signed attributes as DER with the SET tag: the bytes the signature covers.
    var signedAttributes: [UInt8]
    var signature: [UInt8]
    /// The whole SignedData, DER: what a `.p7s` file holds.
    public var der: [UInt8]

    /// Signs `content` detached: the content travels beside the signature, not inside it.
    public static func sign(_ content: some DataProtocol, certificate: Certificate, chain: [Certificate] = [], key: any SigningKey,
                            signingTime: Date?) throws -> CAdESSignature {
        let certificateDER = try DER.Serializer.bytes { try $0.serialize(certificate) }
        var attributes = [
            try attribute(.CMS.contentType) { try $0.serialize(ASN1ObjectIdentifier.CMS.data) },
            try attribute(.CMS.messageDigest) { try $0.serialize(ASN1OctetString(contentBytes: ArraySlice(SHA256.hash(data: content)))) },
            try attribute(.CMS.signingCertificateV2) { coder in
                // SigningCertificateV2 { certs { ESSCertIDv2 { certHash, issuerSerial { issuer, serialNumber } } } }, hash SHA-256 by default.
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.appendConstructedNode(identifier: .sequence) { coder in
                            try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(SHA256.hash(data: certificateDER))))
                            try coder.issuerSerial(of: certificate, generalNames: true)
                        }
                    }
                }
            },
        ]
        if let signingTime {
            attributes.append(try attribute(.CMS.signingTime) { try $0.serialize(try UTCTime(signingTime)) })
        }
        // DER orders a SET OF by the elements' encodings.
        attributes.sort { $0.lexicographicallyPrecedes($1) }
        let signed = DER.Serializer.bytes { coder in coder.appendConstructedNode(identifier: .set) { $0.serializeRawBytes(attributes.joined()) } }
        let signature = try key.sign(signed)
        let der = try DER.Serializer.bytes { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(ASN1ObjectIdentifier.CMS.signedData)
                try coder.appendConstructedNode(identifier: .context(0)) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize(1)  // version: issuerAndSerialNumber, id-data
                        try coder.appendConstructedNode(identifier: .set) { try $0.algorithm(.CMS.sha256) }
                        try coder.appendConstructedNode(identifier: .sequence) { try $0.serialize(ASN1ObjectIdentifier.CMS.data) }
                        try coder.appendConstructedNode(identifier: .context(0)) { coder in
                            for c in [certificate] + chain { try coder.serialize(c) }
                        }
                        try coder.appendConstructedNode(identifier: .set) { coder in
                            try coder.appendConstructedNode(identifier: .sequence) { coder in
                                try coder.serialize(1)
                                try coder.issuerSerial(of: certificate, generalNames: false)
                                try coder.algorithm(.CMS.sha256)
                                coder.appendConstructedNode(identifier: .context(0)) { $0.serializeRawBytes(attributes.joined()) }
                                try coder.algorithm(try ASN1ObjectIdentifier(dotRepresentation: key.signatureAlgorithm.rawValue),
                                                    null: key.signatureAlgorithm == .sha256WithRSA)
                                try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(signature)))
                            }
                        }
                    }
                }
            }
        }
        return try CAdESSignature(der: der)
    }

    static func attribute(_ type: ASN1ObjectIdentifier, value: (inout DER.Serializer) throws -> Void) throws -> [UInt8] {
        try DER.Serializer.bytes { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(type)
                try coder.appendConstructedNode(identifier: .set, value)
            }
        }
    }

    /// Whether the signature covers exactly `content`, under the key of the certificate
    /// it names (and, when it names one by hash, that very certificate).
    public func covers(_ content: some DataProtocol) -> Bool {
        guard Array(SHA256.hash(data: content)) == messageDigest else { return false }
        if let certificateHash, let der = try? DER.Serializer.bytes({ try $0.serialize(signer) }),
           Array(SHA256.hash(data: der)) != certificateHash { return false }
        return signer.publicKey.isValidSignature(signature, for: signedAttributes, signatureAlgorithm: algorithm.certificateAlgorithm)
    }
}

extension DER.Serializer {
    /// IssuerAndSerialNumber { issuer Name, serial }, or ESS's IssuerSerial { GeneralNames { [4] Name }, serial }.
    mutating func issuerSerial(of certificate: Certificate, generalNames: Bool) throws {
        try appendConstructedNode(identifier: .sequence) { coder in
            if generalNames {
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.appendConstructedNode(identifier: .context(4)) { try $0.serialize(certificate.issuer) }
                }
            } else {
                try coder.serialize(certificate.issuer)
            }
            try coder.serialize(ArraySlice(certificate.serialNumber.bytes))
        }
    }
}
