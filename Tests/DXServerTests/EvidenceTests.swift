import DXDomain
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Evidence files (minh chứng) attached to a report's values over the API.
@Suite struct EvidenceTests {
    static let uri = "/api/reports/F/20-STTTT/2025Q1"
    static let pdf = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]

    static func attach(_ client: some TestClientProtocol, _ tokens: Tokens, as user: String = "reporter", _ bytes: [UInt8],
                       name: String, indicator: String = "cks_phuong_tien", version: Int) async throws -> TestResponse {
        try await client.execute(uri: "\(uri)/evidence?indicator=\(indicator)&version=\(version)&filename=\(name)", method: .post,
                                 headers: tokens[user], body: ByteBuffer(bytes: bytes))
    }

    @Test(arguments: TestBackend.available)
    func aReporterAttachesAFileThatReadersCanDownload(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            let r = try await Self.attach(client, tokens, Self.pdf, name: "quyet-dinh-123.pdf", version: 0)
            #expect(r.status == .ok)
            let report = try json(r)
            let evidence = report["evidence"] as? [[String: Any]] ?? []
            #expect(evidence.count == 1 && evidence.first?["filename"] as? String == "quyet-dinh-123.pdf")
            #expect(evidence.first?["contentType"] as? String == "application/pdf" && report["version"] as? Int == 1)
            let sha = try #require(evidence.first?["sha256"] as? String)
            #expect(sha.count == 64)
            // The same file under another name, and a second file, on the next version.
            let two = try json(try await Self.attach(client, tokens, Self.png, name: "anh%20chup.png", version: 1))
            #expect(Set((two["evidence"] as? [[String: Any]] ?? []).compactMap { $0["filename"] as? String }) == ["quyet-dinh-123.pdf", "anh chup.png"])
            // Readers of the unit download it byte for byte; a reporter of another unit may not.
            let download = try await client.execute(uri: "/api/evidence/\(sha)", method: .get, headers: tokens["leader"])
            #expect(download.status == .ok && Array(buffer: download.body) == Self.pdf)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(try await client.execute(uri: "/api/evidence/\(sha)", method: .get, headers: tokens["ward-reporter"]).status == .forbidden)
            #expect(try await client.execute(uri: "/api/evidence/\(sha)", method: .get).status == .unauthorized)
            // Removing it is a change of the draft too.
            let removed = try await client.execute(uri: "\(Self.uri)/evidence/\(sha)?indicator=cks_phuong_tien&version=2", method: .delete,
                                                   headers: tokens["reporter"])
            #expect(removed.status == .ok)
            #expect((try json(removed)["evidence"] as? [[String: Any]])?.count == 1)
            let history = try await AuditLog.history(of: "report:F|20-STTTT|2025Q1", db).map(\.action)
            #expect(history == ["evidence.attach", "report.save", "evidence.attach", "report.save", "evidence.detach", "report.save"])
        }
    }

    @Test func onlyPDFAndImagesUnderTenMegabytesAreTaken() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            let html = Array("<html><script>alert(1)</script></html>".utf8)
            let refused = try await Self.attach(client, tokens, html, name: "bao-cao.pdf", version: 0)
            #expect(refused.status == .unprocessableContent)
            #expect(try problems(refused).first?["code"] as? String == "unsupported_file")
            let big = Self.pdf + [UInt8](repeating: 0x20, count: EvidenceFile.maxBytes)
            let tooBig = try await Self.attach(client, tokens, big, name: "lon.pdf", version: 0)
            #expect(tooBig.status == .contentTooLarge)
            let foreign = try await Self.attach(client, tokens, Self.pdf, name: "x.pdf", indicator: "th_xep_hang_dti", version: 0)
            #expect(try problems(foreign).first?["code"] as? String == "not_in_form")
            #expect(try await Self.attach(client, tokens, Self.pdf, name: "x.pdf", version: 7).status == .conflict)
            let count = try await db.read { try await $0.raw("SELECT COUNT(*) AS n FROM evidence_files").first()?.decode(column: "n", as: Int.self) }
            #expect(count == 0, "nothing stored from a refused upload")
        }
    }

    @Test func aSubmittedReportTakesNoNewEvidence() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            let body = #"{"version":0,"values":[{"indicator":"cqs_ho_so_cong_viec_truc_tuyen","numerator":1,"denominator":2},{"indicator":"cks_phuong_tien","value":3}]}"#
            _ = try await client.execute(uri: Self.uri, method: .put, headers: tokens.json("reporter"), body: ByteBuffer(string: body))
            _ = try await client.execute(uri: Self.uri + "/submit", method: .post, headers: tokens.json("reporter"), body: ByteBuffer(string: #"{"version":1}"#))
            #expect(try await Self.attach(client, tokens, Self.pdf, name: "muon.pdf", version: 2).status == .conflict)
        }
    }

    @Test func fileNamesAreCleaned() throws {
        #expect(EvidenceFile.clean("C:\\Users\\an\\Quyết định \"số 5\".pdf") == "Quyết định số 5.pdf")
        #expect(EvidenceFile.clean("../../etc/passwd") == "passwd")
        #expect(EvidenceFile.clean("a\u{0}b\r\n.png") == "ab.png")
        #expect(throws: DomainError.self) { try EvidenceFile(filename: "///", bytes: Self.pdf) }
        #expect(EvidenceFile.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == "image/jpeg")
        #expect(EvidenceFile.sniff(Array("MZ\u{90}".utf8)) == nil)
    }
}
