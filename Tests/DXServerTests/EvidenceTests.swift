import DXDomain
@testable import DXServer
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
            let report = try decode(ReportView.self, r)
            #expect(report.evidence.count == 1 && report.evidence.first?.filename == "quyet-dinh-123.pdf")
            #expect(report.evidence.first?.contentType == "application/pdf" && report.version == 1)
            let sha = try #require(report.evidence.first?.sha256)
            #expect(sha.count == 64)
            // The same file under another name, and a second file, on the next version.
            let two = try decode(ReportView.self, try await Self.attach(client, tokens, Self.png, name: "anh%20chup.png", version: 1))
            #expect(Set(two.evidence.map(\.filename)) == ["quyet-dinh-123.pdf", "anh chup.png"])
            // Readers of the unit download it byte for byte; a reporter of another unit may not.
            let download = try await client.execute(uri: "/api/evidence/\(sha)", method: .get, headers: tokens["leader"])
            #expect(download.status == .ok && Array(buffer: download.body) == Self.pdf)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(try await client.execute(uri: "/api/evidence/\(sha)", method: .get, headers: tokens["ward-reporter"]).status == .notFound, "another unit's file is answered as a file that does not exist")
            #expect(try await client.execute(uri: "/api/evidence/\(sha)", method: .get).status == .unauthorized)
            // Removing it is a change of the draft too.
            let removed = try await client.execute(uri: "\(Self.uri)/evidence/\(sha)?indicator=cks_phuong_tien&version=2", method: .delete,
                                                   headers: tokens["reporter"])
            #expect(removed.status == .ok)
            #expect(try decode(ReportView.self, removed).evidence.count == 1)
            let history = try await AuditLog.history(of: "report:F|20-STTTT|2025Q1", db).map(\.action)
            #expect(history == ["evidence.attach", "report.save", "evidence.attach", "report.save", "evidence.detach", "report.save"])
        }
    }

    @Test func onlyPDFAndImagesUnderTenMegabytesAreTaken() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            let html = Array("<html><script>alert(1)</script></html>".utf8)
            let refused = try await Self.attach(client, tokens, html, name: "bao-cao.pdf", version: 0)
            #expect(refused.status == .unprocessableContent)
            #expect(try problems(refused).first?.code == "unsupported_file")
            let big = Self.pdf + [UInt8](repeating: 0x20, count: EvidenceFile.maxBytes)
            let tooBig = try await Self.attach(client, tokens, big, name: "lon.pdf", version: 0)
            #expect(tooBig.status == .contentTooLarge)
            let foreign = try await Self.attach(client, tokens, Self.pdf, name: "x.pdf", indicator: "th_xep_hang_dti", version: 0)
            #expect(try problems(foreign).first?.code == "not_in_form")
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

/// Importing files over the API and the upload page.
@Suite struct ImportTests {
    static func multipart(_ parts: [(name: String, filename: String?, bytes: [UInt8])]) -> (String, ByteBuffer) {
        let boundary = "----dxtrack\(UUID().uuidString)"
        var body: [UInt8] = []
        for p in parts {
            let disposition = "Content-Disposition: form-data; name=\"\(p.name)\"" + (p.filename.map { "; filename=\"\($0)\"" } ?? "")
            body += Array("--\(boundary)\r\n\(disposition)\r\n\r\n".utf8) + p.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(bytes: body))
    }

    @Test(arguments: TestBackend.available)
    func anXLSXFileFilledInElsewhereImportsOverTheAPI(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            let template = try await client.execute(uri: "/api/reports/F/20-STTTT/2025Q1/template.xlsx", method: .get, headers: tokens["reporter"])
            #expect(template.status == .ok && template.headers[.contentType]?.contains("spreadsheetml") == true)
            let (inPath, outPath) = (Python.temporary("mau.xlsx"), Python.temporary("da-dien.xlsx"))
            defer { for p in [inPath, outPath] { try? FileManager.default.removeItem(atPath: p) } }
            try Data(buffer: template.body).write(to: URL(fileURLWithPath: inPath))
            _ = try Python.run("""
                import sys, openpyxl
                wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.active
                assert ws["H2"].value.startswith("Tỷ lệ hồ sơ công việc"), ws["H2"].value
                ws["E2"] = 37.8; ws["F2"] = 30; ws["D3"] = "7.776"
                ws.append(["05983", "cks_phuong_tien", "2025Q3", 5])
                wb.save(sys.argv[2])
                """, [inPath, outPath])
            let filled = ByteBuffer(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: outPath))))
            let refused = try await client.execute(uri: "/api/import", method: .post, headers: tokens["reporter"], body: filled)
            #expect(refused.status == .unprocessableContent)
            let items = try decode(ImportView.self, refused).problems
            // Every problem at once: the numerator above the denominator, and the ward's row,
            // which is not the department reporter's to write.
            #expect(items.map(\.cell) == ["E2", "A4"])
            #expect(items.map(\.code) == ["numerator_above_denominator", "forbidden"])
            // The coordinator may write both; the numerator above the denominator is named by its cell.
            let bad = try await client.execute(uri: "/api/import", method: .post, headers: tokens["coordinator"], body: filled)
            let badItems = try decode(ImportView.self, bad).problems
            #expect(bad.status == .unprocessableContent && badItems.first?.line == 2)
            #expect(badItems.first?.context?.contains("cqs_ho_so_cong_viec_truc_tuyen") == true)
            let count = try await db.read { try await DataValueStore($0).count() }
            #expect(count == 0, "a rejected import writes nothing")
        }
    }

    @Test func theUploadPageImportsAFileAndListsProblemsByCell() async throws {
        try await withApp(.sqlite) { client, db, _ in
            let (cookie, csrf) = try await ReportPageTests.signIn(client, "reporter")
            let bad = Array("unit,indicator,period,value\n20-STTTT,cks_phuong_tien,2025Q1,nhiều\n20-STTTT,cks_phuong_tien,2025Q2,12\n".utf8)
            var (type, body) = Self.multipart([("csrf", nil, Array(csrf.utf8)), ("file", "so-lieu.csv", bad)])
            let refused = try await client.execute(uri: "/import", method: .post, headers: [.cookie: "dxtrack_session=\(cookie)", .contentType: type], body: body)
            #expect(refused.status == .unprocessableContent)
            let page = String(buffer: refused.body)
            #expect(page.contains("1 lỗi, chưa ghi số liệu nào") && page.contains("<td>D2</td>") && page.contains("Không đọc được số"))
            // The problems travel with the page as files (no later request could rebuild them).
            let link = try #require(page.range(of: #"href="data:text/csv;base64,"#).map { page[$0.upperBound...].prefix { $0 != "\"" } })
            let problems = String(decoding: try #require(Data(base64Encoded: String(link))), as: UTF8.self)
            #expect(problems.contains("D2") && problems.contains("nhiều") && problems.contains("Không đọc được số"), "\(problems)")
            #expect(page.contains(#"href="data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,UEs"#))
            (type, body) = Self.multipart([("csrf", nil, Array(csrf.utf8)), ("file", "so-lieu.csv", bad)])
            let english = String(buffer: try await client.execute(uri: "/import?lang=en", method: .post,
                                                                  headers: [.cookie: "dxtrack_session=\(cookie)", .contentType: type], body: body).body)
            #expect(english.contains("1 problem(s); nothing was written.") && english.contains("Problems by row") && english.contains("Upload"))
            let good = Array("unit,indicator,period,value\n20-STTTT,cks_phuong_tien,2025Q1,\"1.234\"\n".utf8)
            (type, body) = Self.multipart([("csrf", nil, Array(csrf.utf8)), ("dry_run", nil, Array("1".utf8)), ("file", "so-lieu.csv", good)])
            let checked = try await client.execute(uri: "/import", method: .post, headers: [.cookie: "dxtrack_session=\(cookie)", .contentType: type], body: body)
            #expect(String(buffer: checked.body).contains("kiểm tra xong, 1 số liệu hợp lệ, chưa ghi"))
            #expect(try await db.read { try await DataValueStore($0).count() } == 0)
            (type, body) = Self.multipart([("csrf", nil, Array(csrf.utf8)), ("file", "so-lieu.csv", good)])
            let done = try await client.execute(uri: "/import", method: .post, headers: [.cookie: "dxtrack_session=\(cookie)", .contentType: type], body: body)
            #expect(done.status == .ok && String(buffer: done.body).contains("đã nhập 1 số liệu"))
            let values = try await db.read { try await DataValueStore($0).values(.init()) }
            #expect(values.map(\.value) == [1234])
            // Without the page's CSRF token, nothing.
            (type, body) = Self.multipart([("csrf", nil, Array("sai".utf8)), ("file", "so-lieu.csv", good)])
            #expect(try await client.execute(uri: "/import", method: .post, headers: [.cookie: "dxtrack_session=\(cookie)", .contentType: type], body: body).status == .forbidden)
        }
    }

    @Test func evidenceIsAttachedFromTheReportPage() async throws {
        try await withApp(.sqlite) { client, _, _ in
            let (cookie, csrf) = try await ReportPageTests.signIn(client, "reporter")
            let (type, body) = Self.multipart([("csrf", nil, Array(csrf.utf8)), ("version", nil, Array("0".utf8)),
                                               ("indicator", nil, Array("cks_phuong_tien".utf8)), ("action", nil, Array("attach".utf8)),
                                               ("file", "Quyết định 5.pdf", EvidenceTests.pdf)])
            let r = try await client.execute(uri: "/reports/F/20-STTTT/2025Q1/evidence", method: .post,
                                             headers: [.cookie: "dxtrack_session=\(cookie)", .contentType: type], body: body)
            #expect(r.status == .seeOther)
            let page = String(buffer: try await client.execute(uri: "/reports/F/20-STTTT/2025Q1", method: .get,
                                                                headers: [.cookie: "dxtrack_session=\(cookie)"]).body)
            #expect(page.contains("Quyết định 5.pdf") && page.contains("/api/evidence/"))
            #expect(page.contains(#"enctype="multipart/form-data""#) && page.contains("template.xlsx"))
        }
    }
}
