import DXDomain
import DXSignature
import Foundation
import SQLKit
import X509

/// Certificates (authorities and users') and the signatures made with them.
public struct CertificateStore: Sendable {
    let sql: Session

    public init(_ sql: Session) { self.sql = sql }

    public struct Row: Sendable {
        public var certificate: Certificate
        public var username: String?
        public var isAuthority: Bool
        public var sealedKey: String?
        /// The CA certificates between this one and a trust anchor, as its CA issued them.
        public var chain: [Certificate] = []
        /// Where the private key lives when a PKCS#11 token or HSM holds it.
        public var tokenKey: TokenKey?
    }

    func save(_ certificate: Certificate, username: String?, isAuthority: Bool, sealedKey: String?,
              chain: [Certificate] = [], tokenKey: TokenKey? = nil) async throws {
        let chainPEM = chain.isEmpty ? nil : chain.map(\.pem).joined(separator: "\n")
        let token = try tokenKey.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try await sql.raw("""
            INSERT INTO certificates (serial, username, is_authority, subject, certificate_pem, sealed_key, not_before, not_after, added_at,
                                      chain_pem, token_key)
            VALUES (\(bind: certificate.serialHex), \(bind: username), \(bind: isAuthority ? 1 : 0), \(bind: certificate.subject.description),
                    \(bind: certificate.pem), \(bind: sealedKey), \(bind: Timestamp.string(certificate.notValidBefore)),
                    \(bind: Timestamp.string(certificate.notValidAfter)), \(bind: Timestamp.now()), \(bind: chainPEM), \(bind: token))
            """).run()
    }

    /// The authorities whose certificates this deployment trusts.
    public func authorities() async throws -> [Row] {
        try await sql.raw("SELECT * FROM certificates WHERE is_authority = 1 AND revoked_at IS NULL ORDER BY added_at").all().map(Self.row)
    }

    /// The user's newest certificate valid at `date`, not revoked.
    public func current(for username: String, at date: Date = Date()) async throws -> Row? {
        let now = Timestamp.string(date)
        return try await sql.raw("""
            SELECT * FROM certificates WHERE username = \(bind: username) AND is_authority = 0 AND revoked_at IS NULL
              AND not_before <= \(bind: now) AND not_after >= \(bind: now)
            ORDER BY not_before DESC LIMIT 1
            """).first().map(Self.row)
    }

    public func all() async throws -> [Row] {
        try await sql.raw("SELECT * FROM certificates ORDER BY is_authority DESC, username, not_before").all().map(Self.row)
    }

    func revoke(username: String) async throws -> Int {
        try await sql.raw("UPDATE certificates SET revoked_at = \(bind: Timestamp.now()) WHERE username = \(bind: username) AND revoked_at IS NULL RETURNING serial")
            .all().count
    }

    static func row(_ r: any SQLRow) throws -> Row {
        Row(certificate: try Certificate(pemEncoded: try r.text("certificate_pem")), username: try r.optionalText("username"),
            isAuthority: try r.decode(column: "is_authority", as: Int.self) != 0, sealedKey: try r.optionalText("sealed_key"),
            chain: try r.optionalText("chain_pem").map(Certificate.all(pem:)) ?? [],
            tokenKey: try r.optionalText("token_key").map { try JSONDecoder().decode(TokenKey.self, from: Data($0.utf8)) })
    }

    func saveSignature(_ s: SignedReport.Signature, content: SignedContent) async throws {
        try await sql.raw("""
            INSERT INTO signatures (form_code, unit_code, period, version, action, signer, certificate_pem, payload, signature, signed_at, format)
            VALUES (\(bind: content.form), \(bind: content.unit), \(bind: content.period), \(bind: content.version), \(bind: s.action),
                    \(bind: s.signer), \(bind: s.certificate), \(bind: s.payload), \(bind: s.signature), \(bind: s.signedAt), \(bind: s.format))
            """).run()
    }

    public func signatures(form: String, unit: String, period: Period) async throws -> [SignedReport.Signature] {
        try await sql.raw("""
            SELECT * FROM signatures WHERE form_code = \(bind: form) AND unit_code = \(bind: unit) AND period = \(bind: period.id) ORDER BY version
            """).all().map { r in
                SignedReport.Signature(action: try r.text("action"), signer: try r.text("signer"), signedAt: try r.text("signed_at"),
                                       payload: try r.text("payload"), signature: try r.text("signature"), certificate: try r.text("certificate_pem"),
                                       format: try r.optionalText("format"))
            }
    }
}
