import DXDomain
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The inbox as a signed-in person meets it: the bell's count in every page's header, the
/// notices the mail carries, read when opened; one's mail settings; a coordinator's reminder.
@Suite struct InboxPageTests {
    static func text(_ r: TestResponse) -> String { String(buffer: r.body) }

    /// The department's report submitted and returned by the approver, on the fixture's day.
    static func returned(_ db: Database) async throws {
        try await Fixtures.decide(.return, try await Fixtures.submitReport(db), db, reason: "Thiếu minh chứng <b>")
    }

    @Test(arguments: TestBackend.available)
    func theBellCountsAndOpeningANoticeReadsItAndGoesToItsPage(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, _ in
            try await Self.returned(db)
            let (cookie, csrf) = try await ReportPageTests.signIn(client, "reporter")
            let headers: HTTPFields = [.cookie: "dxtrack_session=\(cookie)"]
            let reports = Self.text(try await client.execute(uri: "/reports", method: .get, headers: headers))
            #expect(reports.contains(#"aria-label="Thông báo: 1 chưa đọc""#) && reports.contains(#"<span class="count">1</span>"#))
            let inbox = Self.text(try await client.execute(uri: "/inbox", method: .get, headers: headers))
            #expect(inbox.contains("Báo cáo bị trả lại: Báo cáo quý thử – Sở Thông tin và Truyền thông – Quý 1/2025"))
            let id = try #require(inbox.range(of: #"href="/inbox/"#).map { inbox[$0.upperBound...].prefix { $0 != "\"" } }.map(String.init))
            // Another person's notice is not theirs to open.
            let (other, _) = try await ReportPageTests.signIn(client, "ward-reporter")
            #expect(try await client.execute(uri: "/inbox/\(id)", method: .get, headers: [.cookie: "dxtrack_session=\(other)"]).status == .notFound)
            let open = try await client.execute(uri: "/inbox/\(id)", method: .get, headers: headers)
            #expect(open.status == .seeOther && open.headers[.location] == "/reports/F/20-STTTT/2025Q1")
            let after = Self.text(try await client.execute(uri: "/reports", method: .get, headers: headers))
            #expect(after.contains(#"aria-label="Thông báo""#) && !after.contains(#"class="count""#))
            // The approver's notice of the submission stays unread until they mark all read.
            let (approver, approverCSRF) = try await ReportPageTests.signIn(client, "approver")
            let mark = try await client.execute(uri: "/inbox/read", method: .post,
                                                headers: [.cookie: "dxtrack_session=\(approver)", .contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: "csrf=\(approverCSRF)"))
            #expect(mark.status == .seeOther)
            #expect(try await Notifications(db).unread(of: "approver") == 0)
            // Without the form's token, nothing is marked.
            let forged = try await client.execute(uri: "/inbox/read", method: .post,
                                                  headers: [.cookie: "dxtrack_session=\(cookie)", .contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "csrf=\(csrf)x"))
            #expect(forged.status == .forbidden)
        }
    }

    @Test func aPersonSetsWhereAndHowTheirNoticesAreMailed() async throws {
        try await withApp(.sqlite) { client, db, _ in
            let (cookie, csrf) = try await ReportPageTests.signIn(client, "reporter")
            let headers: HTTPFields = [.cookie: "dxtrack_session=\(cookie)", .contentType: "application/x-www-form-urlencoded"]
            let page = Self.text(try await client.execute(uri: "/settings", method: .get, headers: headers))
            #expect(page.contains(#"type="email""#) && page.contains("Tổng hợp hằng ngày"))
            // An address that could split a mail header is refused, naming the field, and nothing is saved.
            let bad = try await client.execute(uri: "/settings", method: .post, headers: headers,
                                               body: ByteBuffer(string: "csrf=\(csrf)&email=a%40b.vn%0D%0ABcc%3A+c%40d.vn&choice=daily&language=en"))
            #expect(bad.status == .unprocessableContent && Self.text(bad).contains("không hợp lệ"))
            #expect(try await Accounts(db).account("reporter")?.email == nil)
            let ok = try await client.execute(uri: "/settings", method: .post, headers: headers,
                                              body: ByteBuffer(string: "csrf=\(csrf)&email=baocao%40stttt.langson.gov.vn&choice=daily&language=en"))
            #expect(ok.status == .seeOther)
            let account = try #require(try await Accounts(db).account("reporter"))
            #expect(account.email == "baocao@stttt.langson.gov.vn" && account.mailChoice == .daily && account.prefersEnglish)
            // Without the form's token nothing changes.
            let forged = try await client.execute(uri: "/settings", method: .post, headers: headers,
                                                  body: ByteBuffer(string: "csrf=x&email=&choice=none&language=vi"))
            #expect(forged.status == .forbidden)
            #expect(try await Accounts(db).account("reporter")?.mailChoice == .daily)
        }
    }

    @Test(arguments: TestBackend.available)
    func aCoordinatorRemindsTheUnitsOverdueFromTheDashboard(_ backend: TestBackend) async throws {
        // 2025Q1 was due on 30/04/2025: on 05/05 the department is overdue.
        try await withApp(backend, clock: .fixed(LocalDate(year: 2025, month: 5, day: 5)!)) { client, db, tokens in
            let dashboard = Self.text(try await client.execute(uri: "/dashboard", method: .get, headers: tokens["coordinator"]))
            #expect(dashboard.contains(#"href="/reports/urge?form=F&amp;period=2025Q1""#))
            let list = Self.text(try await client.execute(uri: "/reports/urge?form=F&period=2025Q1", method: .get, headers: tokens["coordinator"]))
            #expect(list.contains("Sở Thông tin và Truyền thông") && list.contains("Nhắc tất cả 1 đơn vị"))
            #expect(try await client.execute(uri: "/reports/urge?form=F&period=2025Q1", method: .get, headers: tokens["leader"]).status == .forbidden)
            let (cookie, csrf) = try await ReportPageTests.signIn(client, "coordinator")
            let headers: HTTPFields = [.cookie: "dxtrack_session=\(cookie)", .contentType: "application/x-www-form-urlencoded"]
            for _ in 0..<2 {
                let sent = try await client.execute(uri: "/reports/urge", method: .post, headers: headers,
                                                    body: ByteBuffer(string: "csrf=\(csrf)&form=F&period=2025Q1"))
                #expect(sent.status == .seeOther && sent.headers[.location] == "/reports/urge?form=F&period=2025Q1&sent=1")
            }
            let notices = try await Notifications(db).inbox(of: "reporter")
            #expect(notices.count == 1, "twice in a day is one reminder")
            #expect(notices.first?.notice.subjectVi == "Đôn đốc nộp báo cáo: Báo cáo quý thử – Sở Thông tin và Truyền thông – Quý 1/2025")
            #expect(try await Notifications(db).inbox(of: "ward-reporter").isEmpty)
        }
    }
}
