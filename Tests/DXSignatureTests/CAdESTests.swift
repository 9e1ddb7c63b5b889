import Crypto
import DXSignature
import DXTestSupport
import Foundation
import Testing
import X509

/// Each step's signature as CMS (CAdES-BES) that OpenSSL checks, made with a sealed key
/// or in a real PKCS#11 token (SoftHSM2), and the certificates refused with their reason.
@Suite struct CAdESTests {
    static let authority = SignatureTests.authority

    /// `openssl cms -verify` on a step's content and signature: its exit status and what it said.
    static func openssl(_ p7s: String, content: String, ca: String) throws -> (status: Int32, output: String) {
        try Tool.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", p7s, "-content", content, "-CAfile", ca, "-out", "/dev/null"])
    }

    /// Writes a step's content, signature and the CA to a fresh directory.
    static func files(_ s: SignedReport.Signature, ca: Certificate = authority.certificate) throws -> (dir: String, json: String, p7s: String, ca: String) {
        let dir = try Tool.directory("cades")
        let (json, p7s, pem) = (dir + "/01-submit.json", dir + "/01-submit.p7s", dir + "/ca.pem")
        try Data(s.payload.utf8).write(to: URL(fileURLWithPath: json))
        try Data(base64Encoded: s.signature)!.write(to: URL(fileURLWithPath: p7s))
        try ca.pem.write(toFile: pem, atomically: true, encoding: .utf8)
        return (dir, json, p7s, pem)
    }

    @Test func openSSLAcceptsAStepAndRefusesItAfterAOneByteChange() throws {
        let s = try ReportSigner.sign(SignatureTests.content(), key: SignatureTests.key, certificate: SignatureTests.certificate)
        #expect(s.format == "cms")
        let f = try Self.files(s)
        defer { try? FileManager.default.removeItem(atPath: f.dir) }
        let ok = try Self.openssl(f.p7s, content: f.json, ca: f.ca)
        #expect(ok.status == 0 && ok.output.contains("Verification successful"), "\(ok.output)")
        // CAdES-BES: the content's digest, the signing time and the signing certificate are all signed.
        let printed = try Tool.run(["openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", f.p7s]).output
        for attribute in ["pkcs7-data", "messageDigest", "signingTime", "id-smime-aa-signingCertificateV2", "ecdsa-with-SHA256"] {
            #expect(printed.contains(attribute), "\(attribute) missing from the SignedData")
        }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: f.json))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: f.json))
        let changed = try Self.openssl(f.p7s, content: f.json, ca: f.ca)
        #expect(changed.status != 0 && changed.output.contains("CMS Verification failure"), "\(changed.output)")
        // Trusting another CA, OpenSSL refuses too.
        try SigningAuthority.create(name: "Khác").certificate.pem.write(toFile: f.ca, atomically: true, encoding: .utf8)
        try Data(s.payload.utf8).write(to: URL(fileURLWithPath: f.json))
        #expect(try Self.openssl(f.p7s, content: f.json, ca: f.ca).status != 0)
    }

    /// The export's ZIP: each step checks with the README's own openssl command, and dxtrack
    /// reads every step and file back from its own entry, so editing any one is caught.
    @Test func theArchiveChecksStepByStepWithOpenSSLAndBackInDxtrack() async throws {
        let r = try SignatureTests.report(SignatureTests.content())
        let dir = try Tool.directory("archive")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let zip = dir + "/report.zip"
        try Data(try r.archive()).write(to: URL(fileURLWithPath: zip))
        #expect(try Tool.run(["python3", "-m", "zipfile", "-e", zip, dir + "/x"]).status == 0)
        try Self.authority.certificate.pem.write(toFile: dir + "/x/CA.pem", atomically: true, encoding: .utf8)
        let readme = try String(contentsOfFile: dir + "/x/README.txt", encoding: .utf8)
        let command = try #require(readme.split(separator: "\n").first { $0.hasPrefix("openssl cms -verify") })
        let checked = try Tool.run(["sh", "-c", "cd \(dir)/x && \(command)"])
        #expect(checked.status == 0, "\(checked.output)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/x")
        #expect(Set(files).isSuperset(of: ["report.json", "01-submit.json", "01-submit.p7s", "certificates", "evidence", "README.txt"]))
        #expect(await ReportSigner.verify(try SignedReport.read(archive: URL(fileURLWithPath: zip)), trust: TrustPolicy(anchors: [Self.authority.certificate])).isValid)

        // One byte of the step's own file changed, the ZIP made again: dxtrack refuses it as openssl does.
        let step = dir + "/x/01-submit.json"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: step))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: step))
        let rezipped = dir + "/changed.zip"
        #expect(try Tool.run(["sh", "-c", "cd \(dir)/x && python3 -m zipfile -c \(rezipped) *"]).status == 0)
        let changed = await ReportSigner.verify(try SignedReport.read(archive: URL(fileURLWithPath: rezipped)), trust: TrustPolicy(anchors: [Self.authority.certificate]))
        #expect(changed.problems.map(\.code).contains("bad_signature") || changed.problems.map(\.code).contains("bad_payload"))
    }

    /// Signatures made before dxtrack wrote CMS (a bare ECDSA over the content) still verify.
    @Test func anEarlierBareSignatureStillVerifies() async throws {
        var r = try SignatureTests.report(SignatureTests.content())
        let payload = Array(r.signatures[0].payload.utf8)
        r.signatures[0].signature = try SignatureTests.key.signature(for: payload).derRepresentation.base64EncodedString()
        r.signatures[0].format = nil
        #expect(await SignatureTests.codes(r).isEmpty)
        r.signatures[0].payload = r.signatures[0].payload.replacingOccurrences(of: "7776", with: "7777")
        #expect(await SignatureTests.codes(r).contains("bad_signature"))
    }

    @Test(.enabled(if: SoftHSM.available || SoftHSM.required))
    func aKeyInAPKCS11TokenSignsWithoutLeavingIt() async throws {
        try #require(SoftHSM.available, "softhsm2 and opensc are needed (scripts/test installs them)")
        let label = "an-\(UUID().uuidString.prefix(8))"
        try SoftHSM.keyPair(label)
        let token = TokenKey(module: SoftHSM.module, token: SoftHSM.token, label: label)
        let certificate = try Self.authority.issue(username: "an", displayName: "Nguyễn Văn An", unit: "20-STTTT",
                                                   publicKey: try token.publicKey(pin: SoftHSM.pin))
        let s = try ReportSigner.sign(SignatureTests.content(), key: token.unlocked(pin: SoftHSM.pin), certificate: certificate)
        let f = try Self.files(s)
        defer { try? FileManager.default.removeItem(atPath: f.dir) }
        let ok = try Self.openssl(f.p7s, content: f.json, ca: f.ca)
        #expect(ok.status == 0, "\(ok.output)")
        // The token's private key is sensitive: the module will not hand it out.
        let listed = try SoftHSM.tool(["--list-objects", "--type", "privkey"]).output
        #expect(listed.contains(label) && listed.contains("sensitive"), "\(listed)")
        #expect(throws: (any Error).self) { try ReportSigner.sign(SignatureTests.content(), key: token.unlocked(pin: "000000"), certificate: certificate) }
        let wrongLabel = TokenKey(module: SoftHSM.module, token: SoftHSM.token, label: "khong-co")
        #expect(throws: (any Error).self) { try ReportSigner.sign(SignatureTests.content(), key: wrongLabel.unlocked(pin: SoftHSM.pin), certificate: certificate) }
    }

    /// Most officials' USB tokens hold RSA keys, certified by another CA (here one OpenSSL makes):
    /// the token signs with CKM_SHA256_RSA_PKCS and OpenSSL accepts the CMS.
    @Test(.enabled(if: SoftHSM.available || SoftHSM.required))
    func anRSAKeyInATokenCertifiedByAnotherCASigns() async throws {
        try #require(SoftHSM.available, "softhsm2 and opensc are needed (scripts/test installs them)")
        _ = try SoftHSM.ready.get()
        let label = "rsa-\(UUID().uuidString.prefix(8))", dir = try Tool.directory("rsa")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try SoftHSM.tool(["--keypairgen", "--key-type", "rsa:2048", "--label", label]).status == 0)
        #expect(try SoftHSM.tool(["--read-object", "--type", "pubkey", "--label", label, "-o", dir + "/pub.der"]).status == 0)
        let steps = [
            "openssl pkey -pubin -inform DER -in pub.der -out pub.pem",
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -subj '/CN=CA công cộng thử' -days 30 -addext 'keyUsage=critical,keyCertSign,cRLSign' -addext 'basicConstraints=critical,CA:TRUE'",
            "printf 'keyUsage=critical,digitalSignature,nonRepudiation\\nbasicConstraints=critical,CA:FALSE\\n' > ext.cnf",
            "openssl x509 -new -force_pubkey pub.pem -subj '/CN=Nguyễn Văn An/UID=an' -CA ca.pem -CAkey ca.key -days 30 -extfile ext.cnf -out an.pem",
        ]
        for step in steps {
            let done = try Tool.run(["sh", "-c", "cd \(dir) && \(step)"])
            try #require(done.status == 0, "\(step): \(done.output)")
        }
        let certificate = try Certificate(pemEncoded: try String(contentsOfFile: dir + "/an.pem", encoding: .utf8))
        let ca = try Certificate(pemEncoded: try String(contentsOfFile: dir + "/ca.pem", encoding: .utf8))
        let token = TokenKey(module: SoftHSM.module, token: SoftHSM.token, label: label, algorithm: .sha256WithRSA)
        let s = try ReportSigner.sign(SignatureTests.content(), key: token.unlocked(pin: SoftHSM.pin), certificate: certificate)
        let f = try Self.files(s, ca: ca)
        defer { try? FileManager.default.removeItem(atPath: f.dir) }
        let ok = try Self.openssl(f.p7s, content: f.json, ca: f.ca)
        #expect(ok.status == 0, "\(ok.output)")
        var r = try SignatureTests.report(SignatureTests.content())
        r.signatures = [s]
        #expect(await ReportSigner.verify(r, trust: TrustPolicy(anchors: [ca])).isValid)
    }
}
