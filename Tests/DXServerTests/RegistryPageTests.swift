import DXDomain
@testable import DXServer
import DXStorage
import DXTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The registry's pages: a unit keeps its systems from the browser, within its own scope.
@Suite struct RegistryPageTests {
    static func post(_ client: some TestClientProtocol, _ session: (cookie: String, csrf: String), _ uri: String, _ fields: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post,
                                 headers: [.cookie: "dxtrack_session=\(session.cookie)", .contentType: "application/x-www-form-urlencoded"],
                                 body: ByteBuffer(string: "csrf=\(session.csrf)&" + fields))
    }

    static let portal = "code=DVC&name=C%E1%BB%95ng+d%E1%BB%8Bch+v%E1%BB%A5+c%C3%B4ng&owner_unit=20-STTTT&information=personal&kind=publicService"
        + "&personal_data_subjects=50.000&hosting=provincialCloud&monitored=c%C3%B3&monitored_since=01%2F03%2F2024&status=inOperation"

    @Test func aReporterAddsEditsAndListsTheUnitsSystemsInVietnamese() async throws {
        try await withApp(.sqlite) { client, db, _ in
            let reporter = try await ReportPageTests.signIn(client, "reporter")
            let session: HTTPFields = [.cookie: "dxtrack_session=\(reporter.cookie)"]
            let blank = String(buffer: try await client.execute(uri: "/registry/new", method: .get, headers: session).body)
            #expect(blank.contains(#"<label for="f-approved_level">"#) && blank.contains("Nền tảng điện toán đám mây của tỉnh"))
            #expect(try await Self.post(client, reporter, "/registry/new", Self.portal).status == .seeOther)
            // Dates as people type them, problems beside their field, what was typed kept.
            let bad = try await Self.post(client, reporter, "/registry/DVC",
                                          Self.portal.replacingOccurrences(of: "code=DVC&", with: "") + "&approved_level=7&decision_date=31%2F02%2F2025")
            #expect(bad.status == .unprocessableContent)
            let badPage = String(buffer: bad.body)
            #expect(badPage.contains(#"id="e-approved_level""#) && badPage.contains("Cấp độ phải từ 1 đến 5") && badPage.contains(#"id="e-decision_date""#))
            #expect(badPage.contains(#"value="31/02/2025""#))
            // Another unit's system is not the department reporter's.
            let district = Self.portal.replacingOccurrences(of: "code=DVC", with: "code=CTT").replacingOccurrences(of: "owner_unit=20-STTTT", with: "owner_unit=178")
            #expect(try await Self.post(client, reporter, "/registry/new", district).status == .forbidden)
            #expect(try await Registry(db).systems().map(\.code) == ["DVC"])
            let list = String(buffer: try await client.execute(uri: "/registry?filter=unclassified", method: .get, headers: session).body)
            #expect(list.contains("Cổng dịch vụ công") && list.contains("Chưa phê duyệt · gợi ý cấp độ 3"))
            #expect(list.contains("Chưa phê duyệt cấp độ (1)") && list.contains("Chưa đặt trên đám mây của tỉnh (0)"))
            #expect(list.contains(#"href="/registry/DVC""#), "its own system links to its form")
            #expect(list.contains(#"<a href="/registry" aria-current="page">Hệ thống thông tin</a>"#), "linked from the navigation")
            let saved = try #require(try await Registry(db).systems().first)
            #expect(saved.personalDataSubjects == 50_000 && saved.monitored && saved.monitoredSince == LocalDate(year: 2024, month: 3, day: 1))
            #expect(try await AuditLog.history(of: "system:DVC", db).map(\.actor) == ["reporter"])
        }
    }

    @Test func aRegistryFileUploadedWithAProblemWritesNothingAndSaysWhere() async throws {
        try await withApp(.sqlite) { client, db, _ in
            let coordinator = try await ReportPageTests.signIn(client, "coordinator")
            let csv = "code,name,owner_unit,information,kind,hosting,approved_level\nA,Hệ thống A,20-STTTT,public,internal,ownServerRoom,\nB,Hệ thống B,20-STTTT,public,internal,ownServerRoom,9\n"
            let (type, body) = ImportTests.multipart([("csrf", nil, Array(coordinator.csrf.utf8)), ("file", "so-dang-ky.csv", Array(csv.utf8))])
            let r = try await client.execute(uri: "/registry/import", method: .post,
                                             headers: [.cookie: "dxtrack_session=\(coordinator.cookie)", .contentType: type, .accept: "text/html"], body: body)
            #expect(r.status == .unprocessableContent)
            #expect(String(buffer: r.body).contains("Dòng 3, ô G3"))
            #expect(try await Registry(db).systems().isEmpty)
        }
    }
}
