import DXDomain
import DXSignature
import Foundation

extension Signing {
    /// `username`'s current certificate and the key that signs as them, when they have
    /// one that can be used: the secret opens a sealed key, or the token holding it is configured.
    public func signer(of username: String) async throws -> Signer? {
        try await db.read { try await Self.signer(of: username, seal: seal, sql: $0) }
    }

    static func signer(of username: String, seal: KeySeal?, sql: Session) async throws -> Signer? {
        guard let row = try await CertificateStore(sql).current(for: username) else { return nil }
        if let token = row.tokenKey { return Signer(certificate: row.certificate, chain: row.chain, key: token.unlocked()) }
        if let seal, let sealed = row.sealedKey { return Signer(certificate: row.certificate, chain: row.chain, key: try seal.open(sealed)) }
        return nil
    }

    /// The PDF `make` writes, signed by `username` in the PAdES baseline-B form with the
    /// certificate and key they sign with; `reason` and `location` are what a reader's
    /// signature panel shows. `make` runs only once the signer is known to have a key.
    public func sign(by username: String, reason: String, location: String?, pdf make: () async throws -> [UInt8]) async throws -> [UInt8] {
        guard let signer = try await signer(of: username) else { throw DomainErrors([.noCertificate(username)]) }
        let name = try await db.read { try await AccountStore(sql: $0).find(username)?.displayName } ?? username
        let pdf = try await make()
        do {
            return try SignedPDF.sign(pdf, certificate: signer.certificate, chain: signer.chain, key: signer.key,
                                      name: name.isEmpty ? username : name, reason: reason, location: location, at: Date())
        } catch {
            throw DomainErrors([.signingFailed(String(describing: error))])
        }
    }
}

extension DomainError {
    static func noCertificate(_ username: String) -> DomainError {
        DomainError(code: "no_certificate", field: "signer", vi: "Tài khoản \(username) chưa có chứng thư số để ký (dxtrack user cert \(username)).",
                    en: "\(username) has no certificate to sign with (dxtrack user cert \(username)).", kind: .conflict)
    }
}
