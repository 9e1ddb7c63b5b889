import DXDomain
import Foundation
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// What a verifier trusts: the authorities it names itself (never those a file
/// carries: anyone can make a CA of the same name) and the revocation lists it holds.
/// A signing certificate passes when, at the moment it signed, it was valid, allowed
/// digital signatures, was not revoked, and chains to one of the anchors.
public struct TrustPolicy: Sendable {
    public var anchors: [Certificate]
    public var revocations: [RevocationList]

    public init(anchors: [Certificate], revocations: [RevocationList] = []) {
        self.anchors = anchors
        self.revocations = revocations
    }

    /// Why a certificate is refused.
    public enum Refusal: Error, Equatable, Sendable {
        case untrusted(String)
        case notYetValid(Date)
        case expired(Date)
        case noSigningUsage
        case revoked(Date)

        public var code: String {
            switch self {
            case .untrusted: "untrusted_certificate"
            case .notYetValid, .expired: "expired_certificate"
            case .noSigningUsage: "no_signing_usage"
            case .revoked: "revoked_certificate"
            }
        }

        public var error: DomainError {
            let day = { (d: Date) in d.formatted(.iso8601.year().month().day()) }
            return switch self {
            case .untrusted(let why):
                DomainError(code: code, vi: "chứng thư số không do tổ chức chứng thực tin cậy cấp (\(why)).",
                            en: "the certificate does not chain to a trusted authority (\(why)).")
            case .notYetValid(let d):
                DomainError(code: code, vi: "chứng thư số chưa có hiệu lực lúc ký (từ \(day(d))).", en: "the certificate was not yet valid when it signed (from \(day(d))).")
            case .expired(let d):
                DomainError(code: code, vi: "chứng thư số đã hết hạn lúc ký (ngày \(day(d))).", en: "the certificate had expired when it signed (on \(day(d))).")
            case .noSigningUsage:
                DomainError(code: code, vi: "chứng thư số không được phép dùng để ký số (thiếu digitalSignature trong keyUsage).",
                            en: "the certificate is not for digital signatures (its keyUsage lacks digitalSignature).")
            case .revoked(let d):
                DomainError(code: code, vi: "chứng thư số đã bị thu hồi từ \(day(d)) theo danh sách thu hồi (CRL).",
                            en: "the certificate was revoked on \(day(d)) by the revocation list (CRL).")
            }
        }
    }

    /// Checks `certificate` as of `date`, with `intermediates` (any the signer carried) to build its chain.
    public func check(_ certificate: Certificate, intermediates: [Certificate] = [], at date: Date) async throws(Refusal) {
        if date < certificate.notValidBefore { throw .notYetValid(certificate.notValidBefore) }
        if date > certificate.notValidAfter { throw .expired(certificate.notValidAfter) }
        if let usage = try? certificate.extensions.keyUsage, !usage.digitalSignature && !usage.nonRepudiation { throw .noSigningUsage }
        if let revokedOn = Self.revocationDate(of: certificate, issuers: anchors + intermediates, in: revocations), revokedOn <= date {
            throw .revoked(revokedOn)
        }
        guard !anchors.isEmpty else { throw .untrusted("no trust anchor configured") }
        var verifier = Verifier(rootCertificates: CertificateStore(anchors)) {
            RFC5280Policy(fixedExpiryValidationTime: date)
            RevocationPolicy(lists: revocations, at: date)
        }
        let result = await verifier.validate(leaf: certificate, intermediates: CertificateStore(intermediates))
        if case .couldNotValidate(let failures) = result {
            throw .untrusted(failures.first.map { "\($0.policyFailureReason)" } ?? "no chain to an anchor")
        }
    }

    /// When a list signed by one of `issuers` (the CA that issued the certificate is among
    /// them) revoked the certificate, if one did: a list signed by anyone else counts for nothing.
    static func revocationDate(of certificate: Certificate, issuers: [Certificate], in lists: [RevocationList]) -> Date? {
        let serial = Array(certificate.serialNumber.bytes)
        return lists.filter { list in issuers.contains { $0.subject == certificate.issuer && list.isSigned(by: $0) } }
            .compactMap { $0.revoked[serial] }.min()
    }
}

/// Refuses a chain holding a certificate revoked by a list its issuer signed (intermediate CAs included).
struct RevocationPolicy: VerifierPolicy {
    let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = []
    let lists: [RevocationList]
    let at: Date

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) async -> PolicyEvaluationResult {
        for i in chain.indices.dropLast() {
            let certificate = chain[i]
            if let when = TrustPolicy.revocationDate(of: certificate, issuers: [chain[i + 1]], in: lists), when <= at {
                return .failsToMeetPolicy(reason: "\(certificate.subject) revoked on \(when.formatted(.iso8601))")
            }
        }
        return .meetsPolicy
    }
}
