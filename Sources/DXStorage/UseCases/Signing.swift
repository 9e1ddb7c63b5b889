import Crypto
import DXDomain
import DXSignature
import Foundation
import X509

/// Digital signatures (chữ ký số) in a deployment: its certificate authority, the
/// authorities it trusts, users' certificates, and signing a report's step.
///
/// Users' private keys are kept by the server, sealed under the deployment's signing
/// secret (remote signing): a person signs by acting while signed in, and the
/// signature is stored with the step in the same transaction.
public struct Signing: Sendable {
    let db: Database
    let seal: KeySeal?

    /// A person's certificate, the chain it was issued under and the key that signs as them.
    public struct Signer: Sendable {
        public var certificate: Certificate
        public var chain: [Certificate]
        public var key: any SigningKey
    }

    public init(_ db: Database, seal: KeySeal?) {
        self.db = db
        self.seal = seal
    }

    /// Creates the deployment's own certificate authority (once).
    public func createAuthority(name: String, years: Int = 10) async throws -> Certificate {
        guard let seal else { throw DomainError.noSigningSecret }
        let authority = try SigningAuthority.create(name: name, years: years)
        let sealed = try seal.seal(authority.key)
        try await db.transaction { sql in
            if try await CertificateStore(sql).authorities().contains(where: { $0.sealedKey != nil }) {
                throw DomainError.authorityExists
            }
            try await CertificateStore(sql).save(authority.certificate, username: nil, isAuthority: true, sealedKey: sealed)
        }
        return authority.certificate
    }

    /// Trusts an external authority's certificate (PEM).
    public func trust(pem: String) async throws -> Certificate {
        let certificate: Certificate
        do { certificate = try Certificate(pemEncoded: pem) } catch {
            throw DomainError.unreadableCertificate(withKey: false)
        }
        try await db.transaction { try await CertificateStore($0).save(certificate, username: nil, isAuthority: true, sealedKey: nil) }
        return certificate
    }

    /// Issues `username` a certificate from the deployment's authority: for a new key
    /// sealed in the database, or for the key pair already in a PKCS#11 token.
    public func issue(to username: String, years: Int = 2, token: TokenKey? = nil) async throws -> Certificate {
        guard let seal else { throw DomainError.noSigningSecret }
        let tokenPublicKey: Certificate.PublicKey?
        do { tokenPublicKey = try token.map { try $0.publicKey() } } catch { throw DomainError.signingFailed(String(describing: error)) }
        let token = tokenPublicKey.flatMap { key in token?.signing(as: key) }
        return try await db.transaction { sql in
            guard let user = try await AccountStore(sql: sql).find(username) else {
                throw DomainError.unknownUser(username)
            }
            guard let own = try await CertificateStore(sql).authorities().first(where: { $0.sealedKey != nil }), let sealedCA = own.sealedKey else {
                throw DomainError.noAuthority
            }
            let authority = SigningAuthority(certificate: own.certificate, key: try seal.open(sealedCA))
            let key = tokenPublicKey == nil ? P256.Signing.PrivateKey() : nil
            let certificate = try authority.issue(username: username, displayName: user.displayName, unit: user.unitCode,
                                                  publicKey: tokenPublicKey ?? Certificate.PublicKey(key!.publicKey), years: years)
            try await CertificateStore(sql).save(certificate, username: username, isAuthority: false, sealedKey: try key.map(seal.seal), tokenKey: token)
            return certificate
        }
    }

    /// Imports a certificate an external authority (a public CA, the government's
    /// specialised CA) issued to `username`, with the CA certificates it was issued under,
    /// and its key: a PEM key to seal, or a key in a token. The certificate must pass
    /// `revocations` and the deployment's trusted authorities now.
    public func importCertificate(for username: String, certificatePEM: String, keyPEM: String?, token: TokenKey? = nil,
                                  revocations: [RevocationList] = []) async throws -> Certificate {
        let bundle: [Certificate]
        do { bundle = try Certificate.all(pem: certificatePEM) } catch { throw DomainError.unreadableCertificate(withKey: false) }
        guard let certificate = bundle.first else { throw DomainError.unreadableCertificate(withKey: false) }
        var sealed: String?
        if let keyPEM {
            guard let seal else { throw DomainError.noSigningSecret }
            guard let key = try? P256.Signing.PrivateKey(pemRepresentation: keyPEM) else { throw DomainError.unreadableCertificate(withKey: true) }
            guard Certificate.PublicKey(key.publicKey) == certificate.publicKey else { throw DomainError.keyMismatch }
            sealed = try seal.seal(key)
        } else if token == nil {
            throw DomainError.noKey
        }
        // A token's key signs as its certificate's key type says: ECDSA P-256, or RSA (most officials' USB tokens).
        let token = token?.signing(as: certificate.publicKey)
        guard certificate.username == username else {
            throw DomainError.wrongSigner(username)
        }
        return try await db.transaction { [sealed, token] sql in
            let anchors = try await CertificateStore(sql).authorities().map(\.certificate)
            do throws(TrustPolicy.Refusal) { try await TrustPolicy(anchors: anchors, revocations: revocations).check(certificate, intermediates: Array(bundle.dropFirst()), at: Date()) }
            catch { throw DomainError.refused(error) }
            try await CertificateStore(sql).save(certificate, username: username, isAuthority: false, sealedKey: sealed,
                                                 chain: Array(bundle.dropFirst()), tokenKey: token)
            return certificate
        }
    }

    /// The report with its signatures, authorities and evidence files, to check offline.
    public func export(form: String, unit: String, period: Period, today: LocalDate) async throws -> SignedReport {
        try await db.read { sql in
            let report = try await Submissions.load(form, unit, period, today: today, sql: sql)
            var files: [SignedReport.EvidenceFile] = []
            for e in report.evidence where !files.contains(where: { $0.sha256 == e.sha256 }) {
                guard let file = try await EvidenceStore(sql).content(e.sha256) else { continue }
                files.append(.init(sha256: e.sha256, filename: e.filename, contentType: file.contentType, content: Data(file.bytes).base64EncodedString()))
            }
            let content = Self.content(of: report, action: "", signer: "", at: "")
            return SignedReport(form: form, unit: unit, period: period.id, status: report.status.rawValue, version: report.version,
                                values: content.values, evidence: content.evidence,
                                signatures: try await CertificateStore(sql).signatures(form: form, unit: unit, period: period),
                                authorities: try await CertificateStore(sql).authorities().map(\.certificate.pem), files: files)
        }
    }

    static func content(of r: Submissions.Report, action: String, signer: String, at: String) -> SignedContent {
        SignedContent(action: action, form: r.form.code, unit: r.unitCode, period: r.period.id, version: r.version, status: r.status.rawValue,
                      signer: signer, signedAt: at,
                      values: r.values.map { .init(indicator: $0.indicatorCode, value: $0.value, numerator: $0.numerator, denominator: $0.denominator, comment: $0.comment) },
                      evidence: r.evidence.map { .init(indicator: $0.indicator, sha256: $0.sha256, filename: $0.filename) },
                      required: r.form.signatureRequired ? .init(approvals: max(1, r.approvalLevels.count)) : nil)
    }
}
