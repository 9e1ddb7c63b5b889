import ArgumentParser
import Crypto
@testable import DXCommands
import DXDomain
import DXSignature
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Submissions and approvals signed with the deployment CA's certificates, exported,
/// and checked offline by `dxtrack verify`, which fails on any change.
@Suite struct SignedReportTests {
    static let uri = "/api/reports/F/20-STTTT/2025Q1"
    static let body = #"{"version":0,"values":[{"indicator":"cqs_ho_so_cong_viec_truc_tuyen","numerator":378,"denominator":1000},{"indicator":"cks_phuong_tien","value":7776}]}"#

    /// Runs `dxtrack verify FILE` and returns whether it passed.
    static func verify(_ path: String, ca: String? = nil) async throws -> Bool {
        var command = try Dxtrack.parseAsRoot(["verify", path] + (ca.map { ["--ca", $0] } ?? [])) as! any AsyncParsableCommand
        do { try await command.run(); return true } catch let e as ExitCode where e == ExitCode(1) { return false }
    }

    @Test(arguments: TestBackend.available)
    func submissionAndApprovalAreSignedAndVerifyOffline(_ backend: TestBackend) async throws {
        let seal = KeySeal(secret: KeySeal.newSecret())!
        try await withApp(backend, seal: seal) { client, db, tokens in
            let signing = Signing(db, seal: seal)
            let ca = try await signing.createAuthority(name: "Sở TT&TT Lạng Sơn")
            _ = try await signing.issue(to: "reporter")
            _ = try await signing.issue(to: "approver")
            _ = try await client.execute(uri: Self.uri, method: .put, headers: tokens.json("reporter"), body: ByteBuffer(string: Self.body))
            _ = try await client.execute(uri: "\(Self.uri)/evidence?indicator=cks_phuong_tien&version=1&filename=qd.pdf", method: .post,
                                         headers: tokens["reporter"], body: ByteBuffer(bytes: EvidenceTests.pdf))
            let submitted = try await client.execute(uri: Self.uri + "/submit", method: .post, headers: tokens.json("reporter"), body: ByteBuffer(string: #"{"version":2}"#))
            #expect(submitted.status == .ok)
            let approved = try await client.execute(uri: Self.uri + "/approve", method: .post, headers: tokens.json("approver"), body: ByteBuffer(string: #"{"version":3}"#))
            #expect(approved.status == .ok)
            let export = try await client.execute(uri: Self.uri + "/signed?format=json", method: .get, headers: tokens["leader"])
            #expect(export.status == .ok)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-signed-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let file = dir + "/report.json", caFile = dir + "/ca.pem"
            try Data(buffer: export.body).write(to: URL(fileURLWithPath: file))
            try ca.pem.write(toFile: caFile, atomically: true, encoding: .utf8)
            // By default the export is the ZIP: each step's content and CMS signature, which openssl checks.
            let zip = try await client.execute(uri: Self.uri + "/signed", method: .get, headers: tokens["leader"])
            #expect(zip.status == .ok && zip.headers[.contentType] == "application/zip")
            try Data(buffer: zip.body).write(to: URL(fileURLWithPath: dir + "/report.zip"))
            #expect(try await Self.verify(dir + "/report.zip", ca: caFile))
            #expect(try Tool.run(["python3", "-m", "zipfile", "-e", dir + "/report.zip", dir + "/x"]).status == 0)
            for step in ["01-submit", "02-approve"] {
                let checked = try Tool.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "\(dir)/x/\(step).p7s",
                                            "-content", "\(dir)/x/\(step).json", "-CAfile", caFile, "-out", "/dev/null"])
                #expect(checked.status == 0, "\(step): \(checked.output)")
            }
            let report = try JSONDecoder().decode(SignedReport.self, from: Data(buffer: export.body))
            #expect(report.signatures.map(\.action) == ["submit", "approve"] && report.signatures.map(\.signer) == ["reporter", "approver"])
            #expect(try await Self.verify(file, ca: caFile))
            // Without authorities named by the verifier nothing is trusted, the file's own least of all.
            await #expect(throws: ExitCode(2)) { try await Self.verify(file) }

            // Any change to a signed value, a file or a signature is caught, with the reason.
            func tampered(_ change: (inout SignedReport) -> Void) async throws -> Bool {
                var copy = report
                change(&copy)
                let path = dir + "/tampered-\(UUID().uuidString).json"
                try JSONEncoder().encode(copy).write(to: URL(fileURLWithPath: path))
                return try await Self.verify(path, ca: caFile)
            }
            #expect(try await !tampered { $0.values[1].value = 8000 })
            #expect(try await !tampered { $0.files[0].content = Data("%PDF-1.4 khác".utf8).base64EncodedString() })
            #expect(try await !tampered { $0.signatures[1].payload = $0.signatures[1].payload.replacingOccurrences(of: "7776", with: "8000") })
            #expect(try await !tampered { $0.signatures.removeAll() })
            let other = try SigningAuthority.create(name: "Khác")
            try other.certificate.pem.write(toFile: dir + "/other.pem", atomically: true, encoding: .utf8)
            #expect(try await !Self.verify(file, ca: dir + "/other.pem"), "trusting only another CA")
        }
    }

    /// A reporter whose key is in a PKCS#11 token (SoftHSM2): the deployment's CA certifies the
    /// token's key, EC or RSA, submitting signs in the token (PIN from DXTRACK_PKCS11_PIN), and the export verifies.
    @Test(.enabled(if: SoftHSM.available || SoftHSM.required), arguments: ["EC:prime256v1", "rsa:2048"])
    func aSubmissionIsSignedInTheReportersToken(_ type: String) async throws {
        try #require(SoftHSM.available, "softhsm2 and opensc are needed (scripts/test installs them)")
        let label = "reporter-\(UUID().uuidString.prefix(8))"
        try SoftHSM.keyPair(label, type: type)
        setenv("DXTRACK_PKCS11_PIN", SoftHSM.pin, 1)
        let seal = KeySeal(secret: KeySeal.newSecret())!
        try await withApp(.sqlite, seal: seal) { client, db, tokens in
            let signing = Signing(db, seal: seal)
            let ca = try await signing.createAuthority(name: "Sở KH&CN Lạng Sơn")
            let token = TokenKey(module: SoftHSM.module, token: SoftHSM.token, label: label)
            _ = try await signing.issue(to: "reporter", token: token)
            let row = try await db.read { try await CertificateStore($0).current(for: "reporter") }
            #expect(row?.tokenKey?.label == label && row?.sealedKey == nil, "the key stays in the token")
            #expect(row?.tokenKey?.algorithm == (type.hasPrefix("rsa") ? .sha256WithRSA : .ecdsaWithSHA256))
            _ = try await client.execute(uri: Self.uri, method: .put, headers: tokens.json("reporter"), body: ByteBuffer(string: Self.body))
            let submitted = try await client.execute(uri: Self.uri + "/submit", method: .post, headers: tokens.json("reporter"), body: ByteBuffer(string: #"{"version":1}"#))
            #expect(submitted.status == .ok)
            let report = try await signing.export(form: "F", unit: "20-STTTT", period: try Period("2025Q1"), today: Fixtures.today)
            #expect(await ReportSigner.verify(report, trust: TrustPolicy(anchors: [ca])).isValid)
        }
    }

    @Test func aFormThatRequiresASignatureRefusesAnUnsignedSubmission() async throws {
        let seal = KeySeal(secret: KeySeal.newSecret())!
        try await withApp(.sqlite, seal: seal) { client, db, tokens in
            var form = Fixtures.form
            form.signatureRequired = true
            try await db.transaction { [form] in try await FormStore($0).save([form]) }
            _ = try await client.execute(uri: Self.uri, method: .put, headers: tokens.json("reporter"), body: ByteBuffer(string: Self.body))
            let refused = try await client.execute(uri: Self.uri + "/submit", method: .post, headers: tokens.json("reporter"), body: ByteBuffer(string: #"{"version":1}"#))
            #expect(refused.status == .unprocessableContent)
            #expect(try problems(refused).first?.code == "signature_required")
            _ = try await Signing(db, seal: seal).createAuthority(name: "CA")
            _ = try await Signing(db, seal: seal).issue(to: "reporter")
            let ok = try await client.execute(uri: Self.uri + "/submit", method: .post, headers: tokens.json("reporter"), body: ByteBuffer(string: #"{"version":1}"#))
            #expect(ok.status == .ok)
            let (cookie, _) = try await ReportPageTests.signIn(client, "leader")
            let page = String(buffer: try await client.execute(uri: "/reports/F/20-STTTT/2025Q1", method: .get, headers: [.cookie: "dxtrack_session=\(cookie)"]).body)
            #expect(page.contains("Chữ ký số") && page.contains("Gửi · reporter · ") && page.contains("/api/reports/F/20-STTTT/2025Q1/signed"))
        }
    }

    @Test func certificatesFromAnExternalAuthorityAreImportedOnlyWhenTrusted() async throws {
        let seal = KeySeal(secret: KeySeal.newSecret())!
        try await withApp(.sqlite, seal: seal) { _, db, _ in
            let external = try SigningAuthority.create(name: "VNPT-CA thử")
            let key = P256.Signing.PrivateKey()
            let certificate = try external.issue(username: "reporter", displayName: "", unit: nil, publicKey: key.publicKey)
            let signing = Signing(db, seal: seal)
            await #expect { try await signing.importCertificate(for: "reporter", certificatePEM: certificate.pem, keyPEM: key.pemRepresentation) }
                throws: { ($0 as? DomainError)?.code == "untrusted_certificate" }
            _ = try await signing.trust(pem: external.certificate.pem)
            await #expect { try await signing.importCertificate(for: "approver", certificatePEM: certificate.pem, keyPEM: key.pemRepresentation) }
                throws: { ($0 as? DomainError)?.code == "wrong_signer" }
            _ = try await signing.importCertificate(for: "reporter", certificatePEM: certificate.pem, keyPEM: key.pemRepresentation)
            let current = try await db.read { try await CertificateStore($0).current(for: "reporter") }
            #expect(current?.certificate.serialHex == certificate.serialHex)
        }
    }
}
