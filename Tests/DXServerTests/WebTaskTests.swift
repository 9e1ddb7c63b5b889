import DXDomain
import DXForms
@testable import DXServer
import DXStorage
import DXTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Each role's daily task in the web app, as a browser posts it: the form's problems all at
/// once, evidence that keeps what was typed, the queue approved several at a time, each role's
/// landing page, and error pages for people instead of JSON.
@Suite struct WebTaskTests {
    static let report = "/reports/F/20-STTTT/2025Q1"
    static let q1 = try! Period("2025Q1")

    static func session(_ cookie: String, form: Bool = true) -> HTTPFields {
        form ? [.cookie: "dxtrack_session=\(cookie)", .contentType: "application/x-www-form-urlencoded"] : [.cookie: "dxtrack_session=\(cookie)"]
    }

    @Test func everyProblemOfTheFormShowsAtOnceBesideItsFieldByTheIndicatorsName() async throws {
        try await withApp(.sqlite) { client, db, _ in
            let (cookie, csrf) = try await ReportPageTests.signIn(client, "reporter")
            let bad = try await client.execute(uri: Self.report, method: .post, headers: Self.session(cookie),
                                               body: ByteBuffer(string: "csrf=\(csrf)&version=0&action=save&n.cqs_ho_so_cong_viec_truc_tuyen=150&d.cqs_ho_so_cong_viec_truc_tuyen=100&v.cks_phuong_tien=abc"))
            #expect(bad.status == .unprocessableContent)
            let page = String(buffer: bad.body)
            #expect(page.contains("lớn hơn mẫu số"), "150/100 is refused")
            #expect(page.contains("Không đọc được số"), "and abc, in the same pass")
            #expect(page.contains(#"id="e.n.cqs_ho_so_cong_viec_truc_tuyen""#) && page.contains(#"id="e.v.cks_phuong_tien""#), "each beside its own field")
            #expect(page.contains(Fixtures.workRecords.nameVi + " – Tử số"), "the indicator by its name")
            #expect(!page.contains("cqs_ho_so_cong_viec_truc_tuyen – "), "not by its code")
            let report = try await Submissions(db).report(form: "F", unit: "20-STTTT", period: Self.q1, today: Fixtures.today)
            #expect(report.record == nil, "nothing saved")
        }
    }

    @Test func attachingEvidenceSavesWhatWasTypedFirst() async throws {
        try await withApp(.sqlite) { client, db, _ in
            let (cookie, csrf) = try await ReportPageTests.signIn(client, "reporter")
            let fields: [(name: String, filename: String?, bytes: [UInt8])] = [
                ("csrf", nil, Array(csrf.utf8)), ("version", nil, Array("0".utf8)), ("v.cks_phuong_tien", nil, Array("7.776".utf8)),
                ("indicator", nil, Array("cks_phuong_tien".utf8)), ("action", nil, Array("attach".utf8)), ("file", "anh.png", EvidenceTests.png)]
            let (type, body) = ImportTests.multipart(fields)
            let posted = try await client.execute(uri: Self.report + "/evidence", method: .post,
                                                  headers: [.cookie: "dxtrack_session=\(cookie)", .contentType: type], body: body)
            #expect(posted.status == .seeOther)
            let report = try await Submissions(db).report(form: "F", unit: "20-STTTT", period: Self.q1, today: Fixtures.today)
            #expect(report.values.first { $0.indicatorCode == "cks_phuong_tien" }?.value == 7776, "the typed figure is kept")
            #expect(report.evidence.map(\.filename) == ["anh.png"])
            // The page's own remove button names the file and posts the form too.
            let page = String(buffer: try await client.execute(uri: Self.report, method: .get, headers: Self.session(cookie, form: false)).body)
            #expect(page.contains(#"name="remove" value="cks_phuong_tien:"#) && page.contains(#"formenctype="multipart/form-data""#))
        }
    }

    @Test func theApproverApprovesSeveralReportsFromTheQueueAndTheHistoryListsEachStep() async throws {
        try await withApp(.sqlite) { client, db, _ in
            let (cookie, csrf) = try await ReportPageTests.signIn(client, "reporter")
            _ = try await client.execute(uri: Self.report, method: .post, headers: Self.session(cookie),
                                         body: ByteBuffer(string: "csrf=\(csrf)&version=0&action=submit&n.cqs_ho_so_cong_viec_truc_tuyen=37%2C8&d.cqs_ho_so_cong_viec_truc_tuyen=100&v.cks_phuong_tien=7"))
            let approver = try await ReportPageTests.signIn(client, "approver")
            let queue = String(buffer: try await client.execute(uri: "/reports?form=F", method: .get, headers: Self.session(approver.cookie, form: false)).body)
            let value = ApprovalBatchForm.value(form: "F", unit: "20-STTTT", period: Self.q1, version: 2)
            #expect(queue.contains("Chờ phê duyệt (1)") && queue.contains(#"value="\#(value)""#))
            let narrowed = String(buffer: try await client.execute(uri: "/reports?form=NONE", method: .get, headers: Self.session(approver.cookie, form: false)).body)
            #expect(narrowed.contains("Chờ phê duyệt (0)"))
            // A stale version is refused on a page that says why, and nothing is approved.
            let stale = try await client.execute(uri: "/reports/approve", method: .post, headers: [.cookie: "dxtrack_session=\(approver.cookie)", .contentType: "application/x-www-form-urlencoded", .accept: "text/html"],
                                                 body: ByteBuffer(string: "csrf=\(approver.csrf)&reports[]=F%7C20-STTTT%7C2025Q1%7C1"))
            #expect(stale.status == .conflict)
            #expect(String(buffer: stale.body).contains("<h1>Xung đột trạng thái</h1>"))
            let ok = try await client.execute(uri: "/reports/approve", method: .post, headers: Self.session(approver.cookie),
                                              body: ByteBuffer(string: "csrf=\(approver.csrf)&reports[]=\(value.replacingOccurrences(of: "|", with: "%7C"))"))
            #expect(ok.status == .seeOther)
            let report = try await Submissions(db).report(form: "F", unit: "20-STTTT", period: Self.q1, today: Fixtures.today)
            #expect(report.status == .approved)
            let page = String(buffer: try await client.execute(uri: Self.report, method: .get, headers: Self.session(cookie, form: false)).body)
            #expect(page.contains("<strong>Gửi</strong> · reporter") && page.contains("<strong>Phê duyệt</strong> · approver"))
            #expect(!page.contains("Lý do trả lại"), "no reason box once approved")
            #expect(page.contains(#"readonly="readonly""#))
        }
    }

    @Test func eachRoleLandsOnItsTask() async throws {
        try await withApp(.sqlite) { client, _, _ in
            for (user, landing) in [("reporter", "/reports"), ("approver", "/reports"), ("coordinator", "/dashboard"), ("leader", "/dashboard")] {
                let form = try await client.execute(uri: "/login", method: .get)
                let loginCSRF = try #require(SecurityTests.cookie("dxtrack_login_csrf", in: form))
                let signedIn = try await client.execute(uri: "/login", method: .post,
                                                        headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "dxtrack_login_csrf=\(loginCSRF)"],
                                                        body: ByteBuffer(string: "username=\(user)&password=mat-khau-\(user)&csrf=\(loginCSRF)&next=%2F"))
                #expect(signedIn.headers[.location] == landing, "\(user)")
            }
        }
    }

    @Test func browsersGetErrorPagesAndTheAPIProblemJSON() async throws {
        try await withApp(.sqlite) { client, _, _ in
            let page = try await client.execute(uri: "/khong-co", method: .get, headers: [.accept: "text/html,application/xhtml+xml"])
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            let html = String(buffer: page.body)
            #expect(html.contains("Không tìm thấy trang") && html.contains(#"href="/""#) && html.contains("<header>"))
            let api = try await client.execute(uri: "/api/units/KHONG-CO", method: .get, headers: [.accept: "text/html"])
            #expect(api.headers[.contentType]?.hasPrefix("text/html") != true, "the API answers in JSON whatever the Accept")
            let english = try await client.execute(uri: "/khong-co?lang=en", method: .get, headers: [.accept: "text/html", .cookie: "dxtrack_lang=en"])
            #expect(String(buffer: english.body).contains("Not Found"))
        }
    }

    /// A refusal shown to someone signed in keeps their header: their name, the bell, signing out.
    @Test func anErrorPageKnowsWhoIsSignedIn() async throws {
        try await withApp(.sqlite) { client, _, _ in
            let (cookie, _) = try await ReportPageTests.signIn(client, "ward-reporter")
            let page = try await client.execute(uri: "/reports/F/20-STTTT/2025Q1", method: .get,
                                                headers: [.accept: "text/html", .cookie: "dxtrack_session=\(cookie)"])
            #expect(page.status == .forbidden)
            let html = String(buffer: page.body)
            #expect(html.contains(">ward-reporter</a>") && html.contains("Đăng xuất") && !html.contains(">Đăng nhập</a>"))
        }
    }

    @Test(arguments: TestBackend.available)
    func aFilesProblemsOfEveryKindAreListedTogether(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            let csv = "Mã đơn vị;Mã chỉ tiêu;Kỳ báo cáo;Giá trị\n20-STTTT;cks_phuong_tien;2025Q1;nhiều\n05983;cks_phuong_tien;2025Q1;5\n"
                + "20-STTTT;cks_phuong_tien;2024Q4;-3\n20-STTTT;cks_phuong_tien;2024Q3;12\n"
            let r = try await client.execute(uri: "/api/import?dry_run=true", method: .post, headers: tokens["reporter"], body: ByteBuffer(string: csv))
            let listed = try decode(ImportView.self, r).problems
            // The unreadable figure, the unit the reporter may not write, and the rule broken, in row order.
            #expect(listed.map(\.line) == [2, 3, 4], "\(listed)")
            #expect(listed.map(\.code) == ["invalid_number", "forbidden", "negative"])
            #expect(listed.first?.cell == "D2")
            let kept = try await db.read { try await DataValueStore($0).values(.init(unitCode: "20-STTTT", indicatorCode: "cks_phuong_tien", period: try Period("2024Q3"))) }
            #expect(kept.isEmpty, "nothing written")
        }
    }

    @Test func aResubmittedReportShowsWhatChangedSinceItWasReturned() async throws {
        try await withApp(.sqlite) { client, db, _ in
            let reporter = try await ReportPageTests.signIn(client, "reporter"), approver = try await ReportPageTests.signIn(client, "approver")
            func post(_ who: (cookie: String, csrf: String), _ fields: String) async throws -> TestResponse {
                try await client.execute(uri: Self.report, method: .post, headers: Self.session(who.cookie), body: ByteBuffer(string: "csrf=\(who.csrf)&" + fields))
            }
            let figures = "n.cqs_ho_so_cong_viec_truc_tuyen=37%2C8&d.cqs_ho_so_cong_viec_truc_tuyen=100&v.cks_phuong_tien="
            #expect(try await post(reporter, "version=0&action=submit&\(figures)7").status == .seeOther)
            #expect(try await post(approver, "version=2&action=return&reason=S%E1%BB%91+ph%C6%B0%C6%A1ng+ti%E1%BB%87n+sai").status == .seeOther)
            // The figures kept with the return are no step: the audit replay still finds the report returned.
            #expect(try await AuditLog.verify(db).firstBad == nil)
            #expect(try await post(reporter, "version=3&action=submit&\(figures)9").status == .seeOther)
            let page = String(buffer: try await client.execute(uri: Self.report, method: .get, headers: Self.session(approver.cookie, form: false)).body)
            #expect(page.contains("Thay đổi so với bản bị trả lại"))
            #expect(page.contains("<strong>\(Fixtures.vehicles.nameVi)</strong>: 7 phương tiện → 9 phương tiện"), "the figure changed, before and after")
            #expect(!page.contains("<strong>\(Fixtures.workRecords.nameVi)</strong>: "), "an unchanged figure is not listed")
            #expect(page.contains("<strong>Trả lại</strong> · approver") && page.contains("Lý do: Số phương tiện sai"))
        }
    }

    @Test func aFigureFlaggedToCheckIsConfirmedByItsExplanation() async throws {
        try await withApp(.sqlite) { client, db, _ in
            try await DataEntry(db).write(["2024Q1", "2024Q2", "2024Q3", "2024Q4"].enumerated().map { i, p in
                Fixtures.input("20-STTTT", Fixtures.vehicles.code, p, value: Double(100 + 3 * i))
            }, by: .machineOperator("history"))
            let reporter = try await ReportPageTests.signIn(client, "reporter")
            func post(_ fields: String) async throws -> TestResponse {
                try await client.execute(uri: Self.report, method: .post, headers: Self.session(reporter.cookie), body: ByteBuffer(string: "csrf=\(reporter.csrf)&" + fields))
            }
            #expect(try await post("version=0&action=save&v.cks_phuong_tien=40").status == .seeOther)
            let flagged = String(buffer: try await client.execute(uri: Self.report, method: .get, headers: Self.session(reporter.cookie, form: false)).body)
            #expect(flagged.contains("Hãy kiểm tra lại") && flagged.contains(#"<label for="c.cks_phuong_tien">"#))
            // Confirmed with a reason: the warning goes, the reason stays with the figure.
            #expect(try await post("version=1&action=save&v.cks_phuong_tien=40&c.cks_phuong_tien=Thi%E1%BA%BFu+xe+qu%C3%BD+n%C3%A0y").status == .seeOther)
            let confirmed = String(buffer: try await client.execute(uri: Self.report, method: .get, headers: Self.session(reporter.cookie, form: false)).body)
            #expect(!confirmed.contains("Hãy kiểm tra lại") && confirmed.contains(#"value="Thiếu xe quý này""#))
            let report = try await Submissions(db).report(form: "F", unit: "20-STTTT", period: Self.q1, today: Fixtures.today)
            #expect(report.warnings.isEmpty && report.values.first { $0.indicatorCode == "cks_phuong_tien" }?.comment == "Thiếu xe quý này")
        }
    }
}
