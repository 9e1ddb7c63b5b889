import Crypto
import DXSignature
import Foundation
import Testing
import X509

/// Signing a report's step and checking it offline, and every way a change is caught.
@Suite struct SignatureTests {
    static let authority = try! SigningAuthority.create(name: "Sở TT&TT Lạng Sơn")
    static let key = P256.Signing.PrivateKey()
    static let certificate = try! authority.issue(username: "an", displayName: "Nguyễn Văn An", unit: "20-STTTT", publicKey: key.publicKey)
    static let pdf = Data("%PDF-1.4 quyết định".utf8)
    static let sha = SHA256.hash(data: pdf).map { String(format: "%02x", $0) }.joined()

    static func content(_ value: Double = 7776, at: String = Date().formatted(.iso8601), signer: String = "an") -> SignedContent {
        SignedContent(action: "submit", form: "F", unit: "20-STTTT", period: "2025Q1", version: 2, status: "submitted", signer: signer,
                      signedAt: at, values: [.init(indicator: "cks_phuong_tien", value: value, numerator: nil, denominator: nil, comment: nil)],
                      evidence: [.init(indicator: "cks_phuong_tien", sha256: sha, filename: "qd.pdf")])
    }

    static func report(_ content: SignedContent, key: P256.Signing.PrivateKey = key, certificate: Certificate = certificate) throws -> SignedReport {
        let signature = try ReportSigner.sign(content, key: key, certificate: certificate)
        return SignedReport(form: "F", unit: "20-STTTT", period: "2025Q1", status: "submitted", version: 2, values: content.values,
                            evidence: content.evidence,
                            signatures: [signature],
                            authorities: [authority.certificate.pem],
                            files: [.init(sha256: sha, filename: "qd.pdf", contentType: "application/pdf", content: pdf.base64EncodedString())])
    }

    static func codes(_ r: SignedReport, trusted: [Certificate] = [authority.certificate]) async -> [String] {
        await ReportSigner.verify(r, trust: TrustPolicy(anchors: trusted)).problems.map(\.code)
    }

    @Test func aSignedReportVerifiesAndSaysWhoSignedWhat() async throws {
        let result = await ReportSigner.verify(try Self.report(Self.content()), trust: TrustPolicy(anchors: [Self.authority.certificate]))
        #expect(result.isValid, "\(result.problems)")
        #expect(result.lines.count == 1 && result.lines[0].contains("submit · an"))
        #expect(Self.certificate.username == "an" && Self.certificate.isIssued(by: Self.authority.certificate))
    }

    @Test func theSameContentSerialisesTheSameWay() async {
        let a = Self.content(at: "2026-01-01T00:00:00Z"), b = Self.content(at: "2026-01-01T00:00:00Z")
        #expect(a.canonical() == b.canonical())
        #expect(String(decoding: a.canonical(), as: UTF8.self).hasPrefix(#"{"action":"submit","evidence":[{"filename":"qd.pdf""#))
    }

    @Test func aValueChangedAfterSigningFails() async throws {
        var r = try Self.report(Self.content())
        r.values[0].value = 9999
        #expect(await Self.codes(r) == ["changed_after_signing"])
        #expect(await ReportSigner.verify(r, trust: TrustPolicy(anchors: [Self.authority.certificate])).problems.first?.en.contains("cks_phuong_tien.value 7776.0 → 9999.0") == true)
    }

    @Test func anEditedPayloadFailsItsSignature() async throws {
        var r = try Self.report(Self.content())
        r.signatures[0].payload = r.signatures[0].payload.replacingOccurrences(of: "7776", with: "9999")
        r.values[0].value = 9999
        #expect(await Self.codes(r) == ["bad_signature"])
    }

    @Test func aChangedEvidenceFileFails() async throws {
        var r = try Self.report(Self.content())
        r.files[0].content = Data("%PDF-1.4 quyết định đã sửa".utf8).base64EncodedString()
        #expect(await Self.codes(r) == ["changed_file"])
        r.files = []
        #expect(await Self.codes(r) == ["missing_file"])
    }

    @Test func aCertificateFromAnUntrustedAuthorityFails() async throws {
        let other = try SigningAuthority.create(name: "Giả mạo")
        let forged = try other.issue(username: "an", displayName: "", unit: nil, publicKey: Self.key.publicKey)
        var r = try Self.report(Self.content(), certificate: forged)
        r.authorities = [Self.authority.certificate.pem]
        #expect(await Self.codes(r) == ["untrusted_certificate"])
        // A file may carry its own forged authority, of the very same name, with certificates for
        // the same people: what the file carries is never trusted, only what the verifier names.
        let twin = try SigningAuthority.create(name: "Sở TT&TT Lạng Sơn")
        let twinned = try twin.issue(username: "an", displayName: "Nguyễn Văn An", unit: "20-STTTT", publicKey: Self.key.publicKey)
        r = try Self.report(Self.content(), certificate: twinned)
        r.authorities = [twin.certificate.pem]
        #expect(twin.certificate.subject == Self.authority.certificate.subject)
        #expect(await Self.codes(r) == ["untrusted_certificate"])
        #expect(await Self.codes(r, trusted: []).contains("no_trust_anchor"))
    }

    /// A step signed alone (the approval, where submitting was not signed) still binds the
    /// values: changing them afterwards fails.
    @Test func anApprovalSignedAloneStillCoversTheValues() async throws {
        var approval = Self.content()
        approval.action = "approve"
        approval.status = "approved"
        var r = try Self.report(approval)
        r.status = "approved"
        #expect(await Self.codes(r).isEmpty)
        r.values[0].value = 1
        #expect(await Self.codes(r) == ["changed_after_signing"])
    }

    /// When the form requires signatures (as the signed submission says), a report shown as
    /// approved without a signed approval is invalid, whatever the rest of the file claims.
    @Test func anApprovedReportMissingARequiredApprovalSignatureIsInvalid() async throws {
        var submit = Self.content()
        submit.required = .init(approvals: 2)
        var r = try Self.report(submit)
        #expect(await Self.codes(r).isEmpty)
        r.status = "approved"
        #expect(await Self.codes(r) == ["missing_signature"])
        var approve = submit
        (approve.action, approve.status) = ("approve", "submitted")
        let one = try Self.report(approve)
        r.signatures += one.signatures + one.signatures
        #expect(await Self.codes(r) == ["missing_signature"], "one approval of two, given twice")
        approve.version += 1
        r.signatures += try Self.report(approve).signatures
        #expect(await Self.codes(r).isEmpty)
    }

    /// One common name (the person's), the account in UID, and a validity that ends on the
    /// same time of day, the given number of calendar years on.
    @Test func aUserCertificateNamesThePersonOnceAndLastsWholeYears() async throws {
        let now = Date(timeIntervalSince1970: 1_767_225_600) // 01/01/2026 00:00 UTC
        let c = try Self.authority.issue(username: "an", displayName: "Nguyễn Văn An", unit: "20-STTTT", publicKey: Self.key.publicKey,
                                         years: 2, now: now)
        let names = c.subject.flatMap { Array($0) }.filter { $0.type == .RDNAttributeType.commonName }
        #expect(names.count == 1 && names.first.flatMap { String($0.value) } == "Nguyễn Văn An")
        #expect(c.username == "an")
        #expect(c.notValidAfter == Date(timeIntervalSince1970: 1_830_297_600)) // 01/01/2028 00:00 UTC
    }

    @Test func signingInAnothersNameOrOutsideTheValidityFails() async throws {
        #expect(await Self.codes(try Self.report(Self.content(signer: "binh"))) == ["wrong_signer"])
        #expect(await Self.codes(try Self.report(Self.content(at: "2001-01-01T00:00:00Z"))) == ["expired_certificate"])
        let otherKey = P256.Signing.PrivateKey()
        #expect(await Self.codes(try Self.report(Self.content(), key: otherKey)) == ["bad_signature"])
    }

    @Test func sealedKeysOpenOnlyWithTheirSecret() async throws {
        let secret = KeySeal.newSecret()
        let sealed = try KeySeal(secret: secret)!.seal(Self.key)
        #expect(try KeySeal(secret: secret)!.open(sealed).rawRepresentation == Self.key.rawRepresentation)
        #expect(throws: (any Error).self) { try KeySeal(secret: KeySeal.newSecret())!.open(sealed) }
        #expect(KeySeal(secret: "ngắn quá") == nil)
    }
}
