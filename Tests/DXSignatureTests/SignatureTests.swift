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
        let (payload, signature) = try ReportSigner.sign(content, key: key)
        return SignedReport(form: "F", unit: "20-STTTT", period: "2025Q1", status: "submitted", version: 2, values: content.values,
                            evidence: content.evidence,
                            signatures: [.init(action: content.action, signer: content.signer, signedAt: content.signedAt, payload: payload,
                                               signature: signature, certificate: certificate.pem)],
                            authorities: [authority.certificate.pem],
                            files: [.init(sha256: sha, filename: "qd.pdf", contentType: "application/pdf", content: pdf.base64EncodedString())])
    }

    static func codes(_ r: SignedReport, trusted: [Certificate]? = nil) -> [String] { ReportSigner.verify(r, trusted: trusted).problems.map(\.code) }

    @Test func aSignedReportVerifiesAndSaysWhoSignedWhat() throws {
        let result = ReportSigner.verify(try Self.report(Self.content()))
        #expect(result.isValid, "\(result.problems)")
        #expect(result.lines.count == 1 && result.lines[0].contains("submit · an"))
        #expect(Self.certificate.username == "an" && Self.certificate.isIssued(by: Self.authority.certificate))
    }

    @Test func theSameContentSerialisesTheSameWay() {
        let a = Self.content(at: "2026-01-01T00:00:00Z"), b = Self.content(at: "2026-01-01T00:00:00Z")
        #expect(a.canonical() == b.canonical())
        #expect(String(decoding: a.canonical(), as: UTF8.self).hasPrefix(#"{"action":"submit","evidence":[{"filename":"qd.pdf""#))
    }

    @Test func aValueChangedAfterSigningFails() throws {
        var r = try Self.report(Self.content())
        r.values[0].value = 9999
        #expect(Self.codes(r) == ["changed_after_signing"])
        #expect(ReportSigner.verify(r).problems.first?.en.contains("cks_phuong_tien.value 7776.0 → 9999.0") == true)
    }

    @Test func anEditedPayloadFailsItsSignature() throws {
        var r = try Self.report(Self.content())
        r.signatures[0].payload = r.signatures[0].payload.replacingOccurrences(of: "7776", with: "9999")
        r.values[0].value = 9999
        #expect(Self.codes(r) == ["bad_signature"])
    }

    @Test func aChangedEvidenceFileFails() throws {
        var r = try Self.report(Self.content())
        r.files[0].content = Data("%PDF-1.4 quyết định đã sửa".utf8).base64EncodedString()
        #expect(Self.codes(r) == ["changed_file"])
        r.files = []
        #expect(Self.codes(r) == ["missing_file"])
    }

    @Test func aCertificateFromAnUntrustedAuthorityFails() throws {
        let other = try SigningAuthority.create(name: "Giả mạo")
        let forged = try other.issue(username: "an", displayName: "", unit: nil, publicKey: Self.key.publicKey)
        var r = try Self.report(Self.content(), certificate: forged)
        r.authorities = [Self.authority.certificate.pem]
        #expect(Self.codes(r) == ["untrusted_certificate"])
        // A file may carry its own forged authority; trusting only the real one catches it.
        r.authorities = [other.certificate.pem]
        #expect(Self.codes(r).isEmpty)
        #expect(Self.codes(r, trusted: [Self.authority.certificate]) == ["untrusted_certificate"])
    }

    @Test func signingInAnothersNameOrOutsideTheValidityFails() throws {
        #expect(Self.codes(try Self.report(Self.content(signer: "binh"))) == ["wrong_signer"])
        #expect(Self.codes(try Self.report(Self.content(at: "2001-01-01T00:00:00Z"))) == ["expired_certificate"])
        let otherKey = P256.Signing.PrivateKey()
        #expect(Self.codes(try Self.report(Self.content(), key: otherKey)) == ["bad_signature"])
    }

    @Test func sealedKeysOpenOnlyWithTheirSecret() throws {
        let secret = KeySeal.newSecret()
        let sealed = try KeySeal(secret: secret)!.seal(Self.key)
        #expect(try KeySeal(secret: secret)!.open(sealed).rawRepresentation == Self.key.rawRepresentation)
        #expect(throws: (any Error).self) { try KeySeal(secret: KeySeal.newSecret())!.open(sealed) }
        #expect(KeySeal(secret: "ngắn quá") == nil)
    }
}
