import DXDomain
import DXSignature

/// The problems of signing: the deployment's authority, users' certificates and keys.
extension DomainError {
    static let noSigningSecret = DomainError(
        code: "no_signing_secret", field: "secret",
        vi: "Chưa cấu hình khóa bí mật ký số (DXTRACK_SIGNING_SECRET hoặc tệp signing-secret trong thư mục dữ liệu).",
        en: "No signing secret configured (DXTRACK_SIGNING_SECRET or the signing-secret file in the data directory).", kind: .unavailable)

    static let authorityExists = DomainError(code: "exists", field: "ca", vi: "Hệ thống đã có tổ chức chứng thực riêng.",
                                             en: "This deployment already has its own authority.", kind: .conflict)

    static let noAuthority = DomainError(code: "no_authority", field: "ca", vi: "Chưa tạo tổ chức chứng thực (dxtrack ca init).",
                                         en: "No authority yet (dxtrack ca init).", kind: .conflict)

    /// A certificate (with its key, when one was given) that does not read as PEM.
    static func unreadableCertificate(withKey: Bool) -> DomainError {
        withKey
            ? DomainError(code: "bad_certificate", field: "certificate", vi: "Không đọc được chứng thư số hoặc khóa (PEM, ECDSA P-256).",
                          en: "Cannot read the certificate or key (PEM, ECDSA P-256).")
            : DomainError(code: "bad_certificate", field: "certificate", vi: "Không đọc được chứng thư số (PEM).", en: "Cannot read the certificate (PEM).")
    }

    static let keyMismatch = DomainError(code: "key_mismatch", field: "key", vi: "Khóa không khớp chứng thư số.",
                                         en: "The key does not match the certificate.")

    static func wrongSigner(_ username: String) -> DomainError {
        DomainError(code: "wrong_signer", field: "certificate", vi: "Chứng thư số không mang tên \(username).",
                    en: "The certificate does not name \(username).")
    }
}

extension DomainError {
    /// The key could not sign: a token absent or locked, a wrong PIN, an HSM unreachable.
    static func signingFailed(_ reason: String) -> DomainError {
        DomainError(code: "signing_failed", field: "certificate", vi: "Không ký được bằng khóa của người ký: \(reason).",
                    en: "The signer's key could not sign: \(reason).", kind: .unavailable)
    }

    /// A certificate refused on import, with the reason (untrusted, expired, not for signing, revoked).
    static func refused(_ refusal: TrustPolicy.Refusal) -> DomainError {
        let e = refusal.error
        return DomainError(code: e.code, field: "certificate", vi: "Không nhận chứng thư số: \(e.vi)", en: "Certificate refused: \(e.en)")
    }

    static let noKey = DomainError(code: "required", field: "key", vi: "Cần khóa riêng (--key) hoặc khóa trong token (--pkcs11-module …).",
                                   en: "A private key is needed (--key), or a key in a token (--pkcs11-module …).")
}
