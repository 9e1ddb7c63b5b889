import Foundation
import SwiftASN1
import X509

/// A certificate revocation list (CRL, RFC 5280 §5) as a CA publishes it, DER or PEM:
/// which serial numbers its issuer has revoked, and since when. A list counts only
/// under the signature of the CA that issued the certificate in question.
public struct RevocationList: Sendable {
    public var issuer: DistinguishedName
    public var thisUpdate: Date
    public var nextUpdate: Date?
    /// Revocation date by serial number (the serial's bytes, as in the certificate).
    public var revoked: [[UInt8]: Date]
    var signedBytes: [UInt8]
    var algorithm: Certificate.SignatureAlgorithm?
    var signature: [UInt8]

    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String
    }

    /// Every CRL in a file: one DER, or any number of PEM blocks.
    public static func all(file bytes: [UInt8]) throws -> [RevocationList] {
        let text = String(decoding: bytes, as: UTF8.self)
        if text.contains("-----BEGIN X509 CRL-----") {
            return try PEMDocument.parseMultiple(pemString: text).map { try RevocationList(der: Array($0.derBytes)) }
        }
        return [try RevocationList(der: bytes)]
    }

    public init(der: [UInt8]) throws {
        var issuer: DistinguishedName?, thisUpdate: Date?, nextUpdate: Date?, revoked: [[UInt8]: Date] = [:]
        var signed: [UInt8] = [], oid: ASN1ObjectIdentifier?, signature: [UInt8] = []
        try DER.sequence(try DER.parse(der), identifier: .sequence) { nodes in
            guard let tbs = nodes.next() else { throw Unreadable(description: "empty CRL") }
            signed = Array(tbs.encodedBytes)
            try DER.sequence(tbs, identifier: .sequence) { nodes in
                var node = nodes.next()
                if node?.identifier == .integer { node = nodes.next() }  // version v2
                node = nodes.next()  // the signature algorithm, repeated outside
                issuer = try DistinguishedName(derEncoded: node ?? { throw Unreadable(description: "no issuer") }())
                thisUpdate = try Self.time(nodes.next())
                node = nodes.next()
                if let n = node, n.identifier == .utcTime || n.identifier == .generalizedTime { nextUpdate = try Self.time(n); node = nodes.next() }
                if let n = node, n.identifier == .sequence, case .constructed(let entries) = n.content {
                    for entry in entries {
                        try DER.sequence(entry, identifier: .sequence) { fields in
                            let serial = try ArraySlice<UInt8>(derEncoded: &fields)
                            revoked[Array(serial)] = try Self.time(fields.next())
                            while fields.next() != nil {}
                        }
                    }
                }
                while nodes.next() != nil {}
            }
            oid = try CAdESSignature.algorithm(&nodes)
            signature = Array(try ASN1BitString(derEncoded: &nodes).bytes)
        }
        guard let issuer, let thisUpdate else { throw Unreadable(description: "incomplete CRL") }
        (self.issuer, self.thisUpdate, self.nextUpdate, self.revoked) = (issuer, thisUpdate, nextUpdate, revoked)
        (self.signedBytes, self.signature) = (signed, signature)
        algorithm = oid.flatMap { SignatureAlgorithm(rawValue: $0.description)?.certificateAlgorithm }
    }

    /// Whether `authority` signed this list.
    public func isSigned(by authority: Certificate) -> Bool {
        guard let algorithm, issuer == authority.subject else { return false }
        return authority.publicKey.isValidSignature(signature, for: signedBytes, signatureAlgorithm: algorithm)
    }

    static func time(_ node: ASN1Node?) throws -> Date {
        guard let node else { throw Unreadable(description: "missing time") }
        let date = node.identifier == .utcTime ? try UTCTime(derEncoded: node).date : try GeneralizedTime(derEncoded: node).date
        guard let date else { throw Unreadable(description: "bad time") }
        return date
    }
}

extension RevocationList {
    /// Every CRL in the file at `path`.
    public static func read(file path: String) throws -> [RevocationList] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Unreadable(description: "\(path): cannot read") }
        do { return try all(file: Array(data)) } catch { throw Unreadable(description: "\(path): not a CRL (\(error))") }
    }
}
