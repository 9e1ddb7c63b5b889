import SwiftASN1

/// The object identifiers of CMS (RFC 5652) and CAdES (ETSI EN 319 122) that dxtrack writes.
extension ASN1ObjectIdentifier {
    enum CMS {
        static let data: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 1]
        static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 2]
        static let contentType: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 3]
        static let messageDigest: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 4]
        static let signingTime: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 5]
        /// ESS signing-certificate-v2 (RFC 5035): binds the signature to one certificate.
        static let signingCertificateV2: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 2, 47]
        static let sha256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 1]
        static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 1]
    }
}

extension ASN1Identifier {
    /// `[n]`, context-specific and constructed: CMS's optional and implicitly tagged fields.
    static func context(_ n: UInt) -> ASN1Identifier { ASN1Identifier(tagWithNumber: n, tagClass: .contextSpecific) }
}

extension DER.Serializer {
    /// AlgorithmIdentifier { algorithm, parameters }: RSA's with a NULL, ECDSA's and SHA-256's without.
    mutating func algorithm(_ oid: ASN1ObjectIdentifier, null: Bool = false) throws {
        try appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(oid)
            if null { try coder.serialize(ASN1Null()) }
        }
    }

    static func bytes(_ build: (inout DER.Serializer) throws -> Void) rethrows -> [UInt8] {
        var coder = DER.Serializer()
        try build(&coder)
        return coder.serializedBytes
    }
}
