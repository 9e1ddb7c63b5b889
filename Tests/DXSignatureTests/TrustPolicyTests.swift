import Crypto
import DXSignature
import DXTestSupport
import Foundation
import Testing
import X509

/// A certificate from an untrusted CA, an expired one, one not for signing and a revoked
/// one (by a CRL OpenSSL made) are each refused, with the reason.
@Suite struct TrustPolicyTests {
    /// Valid these five years already, so that a signature made in the past is checked against a CA valid then.
    static let authority = try! SigningAuthority.create(name: "Sở KH&CN Lạng Sơn", now: Date().addingTimeInterval(-5 * 365 * 86_400))
    static let key = P256.Signing.PrivateKey()

    static func refusal(_ certificate: Certificate, _ policy: TrustPolicy = TrustPolicy(anchors: [authority.certificate]),
                        at date: Date = Date()) async -> TrustPolicy.Refusal? {
        do { try await policy.check(certificate, at: date); return nil } catch { return error }
    }

    @Test func aCertificateOfTheTrustedAuthorityPasses() async throws {
        #expect(await Self.refusal(try Self.authority.issue(username: "an", displayName: "", unit: nil, publicKey: Self.key.publicKey)) == nil)
    }

    @Test func anUntrustedAnExpiredAndANonSigningCertificateAreRefused() async throws {
        let other = try SigningAuthority.create(name: "Sở TT&TT Lạng Sơn")  // the same name, another key
        let forged = try other.issue(username: "an", displayName: "", unit: nil, publicKey: Self.key.publicKey)
        guard case .untrusted = await Self.refusal(forged) else { Issue.record("a forged CA's certificate passed"); return }

        let old = try Self.authority.issue(username: "an", displayName: "", unit: nil, publicKey: Self.key.publicKey, years: 1,
                                           now: Date().addingTimeInterval(-3 * 365 * 86_400))
        #expect(await Self.refusal(old) == .expired(old.notValidAfter))
        #expect(await Self.refusal(old, at: old.notValidBefore.addingTimeInterval(3_600)) == nil, "valid when it signed")

        let encipherOnly = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(Self.key.publicKey), notValidBefore: Date().addingTimeInterval(-60),
            notValidAfter: Date().addingTimeInterval(86_400), issuer: Self.authority.certificate.subject,
            subject: try DistinguishedName { CommonName("an") }, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions { Critical(KeyUsage(keyEncipherment: true)) },
            issuerPrivateKey: .init(Self.authority.key))
        #expect(await Self.refusal(encipherOnly) == .noSigningUsage)
        #expect(TrustPolicy.Refusal.noSigningUsage.error.vi.contains("không được phép dùng để ký số"))
    }

    /// The CA revokes a certificate in a CRL made by `openssl ca -gencrl`: refused from the
    /// revocation on, not before it; a list signed by anyone else counts for nothing.
    @Test func aCertificateRevokedByItsCAsListIsRefused() async throws {
        let certificate = try Self.authority.issue(username: "an", displayName: "", unit: nil, publicKey: Self.key.publicKey,
                                                   now: Date().addingTimeInterval(-10 * 86_400))
        let revokedOn = Date().addingTimeInterval(-86_400)
        let crl = try Self.crl(revoking: certificate, on: revokedOn, by: Self.authority)
        let lists = try RevocationList.all(file: crl)
        #expect(lists.count == 1 && lists[0].isSigned(by: Self.authority.certificate))
        let policy = TrustPolicy(anchors: [Self.authority.certificate], revocations: lists)
        guard case .revoked(let when) = await Self.refusal(certificate, policy) else { Issue.record("a revoked certificate passed"); return }
        #expect(abs(when.timeIntervalSince(revokedOn)) < 2)
        #expect(await Self.refusal(certificate, policy, at: revokedOn.addingTimeInterval(-3_600)) == nil, "signed before the revocation")
        let another = try Self.authority.issue(username: "binh", displayName: "", unit: nil, publicKey: Self.key.publicKey)
        #expect(await Self.refusal(another, policy) == nil, "another certificate of the same CA")

        let forger = try SigningAuthority.create(name: "Sở TT&TT Lạng Sơn")
        let forged = TrustPolicy(anchors: [Self.authority.certificate], revocations: try RevocationList.all(file: try Self.crl(revoking: certificate, on: revokedOn, by: forger)))
        #expect(await Self.refusal(certificate, forged) == nil, "a CRL the CA did not sign")

        // In a signed report the refusal is the signature's, with the reason.
        var signed = try SignatureTests.report(SignatureTests.content(), key: Self.key, certificate: certificate)
        signed.authorities = []
        let result = await ReportSigner.verify(signed, trust: policy)
        #expect(result.problems.map(\.code) == ["revoked_certificate"] && result.problems[0].vi.contains("thu hồi"))
    }

    /// A CRL (PEM) from OpenSSL's own CA tooling, revoking `certificate` on `date`.
    static func crl(revoking certificate: Certificate, on date: Date, by authority: SigningAuthority) throws -> [UInt8] {
        let dir = try Tool.directory("crl")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let stamp = { (d: Date) -> String in
            let f = DateFormatter()
            (f.dateFormat, f.timeZone, f.locale) = ("yyMMddHHmmss'Z'", TimeZone(identifier: "UTC"), Locale(identifier: "en_US_POSIX"))
            return f.string(from: d)
        }
        try authority.key.pemRepresentation.write(toFile: dir + "/ca.key", atomically: true, encoding: .utf8)
        try authority.certificate.pem.write(toFile: dir + "/ca.pem", atomically: true, encoding: .utf8)
        try "R\t\(stamp(certificate.notValidAfter))\t\(stamp(date))\t\(certificate.serialHex.uppercased())\tunknown\t/CN=an\n"
            .write(toFile: dir + "/index.txt", atomically: true, encoding: .utf8)
        try "1000\n".write(toFile: dir + "/crlnumber", atomically: true, encoding: .utf8)
        try "[ca]\ndefault_ca = d\n[d]\ndatabase = \(dir)/index.txt\ncrlnumber = \(dir)/crlnumber\ndefault_md = sha256\ndefault_crl_days = 30\n"
            .write(toFile: dir + "/ca.cnf", atomically: true, encoding: .utf8)
        let made = try Tool.run(["openssl", "ca", "-gencrl", "-config", dir + "/ca.cnf", "-keyfile", dir + "/ca.key", "-cert", dir + "/ca.pem",
                                 "-out", dir + "/crl.pem"])
        guard made.status == 0 else { throw Tool.Failed(output: made.output) }
        return Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/crl.pem")))
    }
}
