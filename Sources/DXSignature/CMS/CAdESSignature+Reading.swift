import Foundation
import SwiftASN1
import X509

extension CAdESSignature {
    /// Why a `.p7s` (or a PDF's /Contents) could not be read as one signer's SignedData.
    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String
        init(_ reason: String) { description = reason }
    }

    /// Reads a DER SignedData with one signer: the signer's certificate must be among
    /// those it carries, and its signed attributes must name a SHA-256 digest.
    public init(der: [UInt8]) throws {
        self.der = der
        var certificates: [Certificate] = []
        var signerInfo: ASN1Node?
        let root = try DER.parse(der)
        try DER.sequence(root, identifier: .sequence) { nodes in
            guard try ASN1ObjectIdentifier(derEncoded: &nodes) == .CMS.signedData else { throw Unreadable("not a CMS SignedData") }
            try DER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { node in
                try DER.sequence(node, identifier: .sequence) { nodes in
                    _ = try Int(derEncoded: &nodes)
                    _ = nodes.next()  // digestAlgorithms
                    guard let encapsulated = nodes.next() else { throw Unreadable("no encapsulated content info") }
                    if case .constructed(let inner) = encapsulated.content, Array(inner).count > 1 {
                        throw Unreadable("the content is attached; dxtrack signs detached")
                    }
                    while let node = nodes.next() {
                        if node.identifier == .context(0), case .constructed(let children) = node.content {
                            certificates = try children.map { try Certificate(derEncoded: $0) }
                        } else if node.identifier == .set, case .constructed(let infos) = node.content {
                            let all = Array(infos)
                            guard all.count == 1 else { throw Unreadable("\(all.count) signers; dxtrack reads one") }
                            signerInfo = all[0]
                        }
                    }
                }
            }
        }
        guard let signerInfo else { throw Unreadable("no signer") }
        var issuer: DistinguishedName?, serial: ArraySlice<UInt8>?, attributes: ArraySlice<UInt8>?
        var algorithm: SignatureAlgorithm?, signature: [UInt8] = []
        try DER.sequence(signerInfo, identifier: .sequence) { nodes in
            _ = try Int(derEncoded: &nodes)
            try DER.sequence(nodes.next() ?? { throw Unreadable("no signer identifier") }(), identifier: .sequence) { nodes in
                issuer = try DistinguishedName(derEncoded: nodes.next() ?? { throw Unreadable("no issuer") }())
                serial = try ArraySlice<UInt8>(derEncoded: &nodes)
            }
            guard try Self.algorithm(&nodes) == .CMS.sha256 else { throw Unreadable("the digest is not SHA-256") }
            guard let next = nodes.next(), next.identifier == .context(0) else { throw Unreadable("no signed attributes") }
            attributes = next.encodedBytes
            let oid = try Self.algorithm(&nodes)
            guard let a = SignatureAlgorithm(rawValue: oid.description) else { throw Unreadable("signature algorithm \(oid) is not ECDSA or RSA with SHA-256") }
            algorithm = a
            signature = Array(try ASN1OctetString(derEncoded: &nodes).bytes)
        }
        guard let issuer, let serial, var attributes, let algorithm else { throw Unreadable("incomplete signer info") }
        guard let signer = certificates.first(where: { $0.issuer == issuer && $0.serialNumber.bytes == serial }) else {
            throw Unreadable("the signer's certificate is not in the signature")
        }
        // The signature covers the attributes with a SET's tag, not the [0] they are stored under.
        attributes[attributes.startIndex] = 0x31
        self.certificates = [signer] + certificates.filter { $0 != signer }
        self.signer = signer
        self.algorithm = algorithm
        self.signature = signature
        self.signedAttributes = Array(attributes)
        (messageDigest, certificateHash, signingTime) = ([], nil, nil)
        try readAttributes()
    }

    private mutating func readAttributes() throws {
        try DER.set(try DER.parse(signedAttributes), identifier: .set) { nodes in
            while let attribute = nodes.next() {
                try DER.sequence(attribute, identifier: .sequence) { nodes in
                    let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
                    guard let values = nodes.next(), case .constructed(let set) = values.content, let value = Array(set).first else { return }
                    switch type {
                    case .CMS.messageDigest: messageDigest = Array(try ASN1OctetString(derEncoded: value).bytes)
                    case .CMS.signingTime:
                        signingTime = value.identifier == .utcTime ? (try UTCTime(derEncoded: value)).date : (try GeneralizedTime(derEncoded: value)).date
                    case .CMS.signingCertificateV2:
                        // certs[0].certHash, SHA-256 (the default: no hashAlgorithm field).
                        try DER.sequence(value, identifier: .sequence) { nodes in
                            try DER.sequence(nodes.next()!, identifier: .sequence) { nodes in
                                try DER.sequence(nodes.next()!, identifier: .sequence) { nodes in
                                    certificateHash = Array(try ASN1OctetString(derEncoded: &nodes).bytes)
                                    while nodes.next() != nil {}
                                }
                                while nodes.next() != nil {}
                            }
                            while nodes.next() != nil {}
                        }
                    default: break
                    }
                }
            }
        }
        guard messageDigest.count == 32 else { throw Unreadable("no SHA-256 message digest among the signed attributes") }
    }

    static func algorithm(_ nodes: inout ASN1NodeCollection.Iterator) throws -> ASN1ObjectIdentifier {
        try DER.sequence(nodes.next() ?? { throw Unreadable("missing algorithm") }(), identifier: .sequence) { nodes in
            let oid = try ASN1ObjectIdentifier(derEncoded: &nodes)
            while nodes.next() != nil {}
            return oid
        }
    }
}
