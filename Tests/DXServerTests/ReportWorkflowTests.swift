import DXDomain
@testable import DXServer
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ReportWorkflowTests {
    static let uri = "/api/reports/F/20-STTTT/2025Q1"

    static func body(version: Int, records: Double) -> String {
        #"{"version":\#(version),"values":[{"indicator":"cqs_ho_so_cong_viec_truc_tuyen","numerator":\#(records),"denominator":1000},{"indicator":"cks_phuong_tien","value":7776}]}"#
    }

    /// enter → submit → return → resubmit → approve → locked → reopen → edit, over HTTP.
    @Test(arguments: TestBackend.available)
    func theFullCycle(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            /// The status, and the report the answer holds (nil for a problem, whose codes come third).
            func call(_ method: HTTPRequest.Method, _ uri: String, as user: String, _ body: String) async throws -> (Int, ReportView?, [String]) {
                let r = try await client.execute(uri: uri, method: method, headers: tokens.json(user), body: ByteBuffer(string: body))
                guard r.status == .ok else { return (Int(r.status.code), nil, try problems(r).map(\.code)) }
                return (200, try decode(ReportView.self, r), [])
            }
            // The reporter enters a draft and submits it.
            var (status, report, _) = try await call(.put, Self.uri, as: "reporter", Self.body(version: 0, records: 378))
            #expect(status == 200 && report?.status == "draft" && report?.version == 1)
            #expect(try await call(.post, Self.uri + "/submit", as: "reporter", #"{"version":1}"#).1?.status == "submitted")
            // Submitted values are locked, through the form and through the plain API.
            #expect(try await call(.put, Self.uri, as: "reporter", Self.body(version: 2, records: 400)).0 == 409)
            let direct = #"{"values":[{"unit":"20-STTTT","indicator":"cks_phuong_tien","period":"2025Q1","value":1}]}"#
            #expect(try await call(.post, "/api/data-values", as: "coordinator", direct).0 == 409)
            // The approver returns it; a reason is required.
            let noReason = try await call(.post, Self.uri + "/return", as: "approver", #"{"version":2}"#)
            #expect(noReason.0 == 422 && noReason.2 == ["required"])
            (status, report, _) = try await call(.post, Self.uri + "/return", as: "approver", #"{"version":2,"reason":"Thiếu minh chứng"}"#)
            #expect(report?.status == "returned" && report?.reason == "Thiếu minh chứng")
            // Corrected and resubmitted; approved.
            #expect(try await call(.put, Self.uri, as: "reporter", Self.body(version: 3, records: 412)).1?.version == 4)
            #expect(try await call(.post, Self.uri + "/submit", as: "reporter", #"{"version":4}"#).1?.status == "submitted")
            #expect(try await call(.post, Self.uri + "/approve", as: "leader", #"{"version":5}"#).0 == 403)
            (status, report, _) = try await call(.post, Self.uri + "/approve", as: "approver", #"{"version":5}"#)
            #expect(report?.status == "approved" && report?.decidedBy == "approver")
            // Approved: locked until a coordinator reopens it, with a reason.
            #expect(try await call(.put, Self.uri, as: "reporter", Self.body(version: 6, records: 500)).0 == 409)
            #expect(try await call(.post, Self.uri + "/reopen", as: "approver", #"{"version":6,"reason":"x"}"#).0 == 403)
            #expect(try await call(.post, Self.uri + "/reopen", as: "coordinator", #"{"version":6}"#).0 == 422)
            #expect(try await call(.post, Self.uri + "/reopen", as: "coordinator", #"{"version":6,"reason":"Sửa số liệu quý"}"#).1?.status == "returned")
            (status, report, _) = try await call(.put, Self.uri, as: "reporter", Self.body(version: 7, records: 420))
            #expect(status == 200 && report?.version == 8)
            #expect(report?.values.first { $0.indicatorCode == "cqs_ho_so_cong_viec_truc_tuyen" }?.value == 42)
            // Every step is in the audit trail, in order, and the chain holds.
            let history = try await AuditLog.history(of: "report:F|20-STTTT|2025Q1", db)
            // Returning keeps the figures as they were sent back, for the next review to compare with.
            #expect(history.map(\.action) == ["report.save", "report.submit", "report.return", "figures.returned", "report.save", "report.submit",
                                              "report.approve", "report.reopen", "report.save"])
            #expect(history.first { $0.action == "report.reopen" }?.reason == "Sửa số liệu quý")
            #expect(try await AuditLog.verify(db).firstBad == nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func twoEditorsGetAConflictNeverALostUpdate(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, _, tokens in
            let first = try await client.execute(uri: Self.uri, method: .put, headers: tokens.json("reporter"),
                                                 body: ByteBuffer(string: Self.body(version: 0, records: 300)))
            let second = try await client.execute(uri: Self.uri, method: .put, headers: tokens.json("coordinator"),
                                                  body: ByteBuffer(string: Self.body(version: 0, records: 999)))
            #expect(first.status == .ok)
            #expect(second.status == .conflict)
            #expect(try problems(second).first?.code == "conflict")
            let now = try decode(ReportView.self, try await client.execute(uri: Self.uri, method: .get, headers: tokens["leader"]))
            #expect(now.values.first { $0.indicatorCode == "cqs_ho_so_cong_viec_truc_tuyen" }?.value == 30)
        }
    }

    @Test func submittingNeedsEveryIndicatorAndOnlyTheFormsOwn() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            let partial = #"{"version":0,"values":[{"indicator":"cks_phuong_tien","value":5}]}"#
            _ = try await client.execute(uri: Self.uri, method: .put, headers: tokens.json("reporter"), body: ByteBuffer(string: partial))
            let submit = try await client.execute(uri: Self.uri + "/submit", method: .post, headers: tokens.json("reporter"), body: ByteBuffer(string: #"{"version":1}"#))
            #expect(submit.status == .unprocessableContent)
            #expect(try problems(submit).first?.field == "values.cqs_ho_so_cong_viec_truc_tuyen")
            let foreign = #"{"version":1,"values":[{"indicator":"th_xep_hang_dti","value":5}]}"#
            let r = try await client.execute(uri: Self.uri, method: .put, headers: tokens.json("reporter"), body: ByteBuffer(string: foreign))
            #expect(r.status == .unprocessableContent)
            let wrongType = try await client.execute(uri: "/api/reports/F/20-STTTT/2025", method: .get, headers: tokens["reporter"])
            #expect(wrongType.status == .unprocessableContent)
            let unknown = try await client.execute(uri: "/api/reports/NOPE/20-STTTT/2025Q1", method: .get, headers: tokens["reporter"])
            #expect(unknown.status == .notFound)
        }
    }

    @Test(arguments: TestBackend.available)
    func aBrokenRuleBetweenValuesStopsTheSubmission(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            try await db.transaction { sql in
                try await FormStore(sql).save(rules: [ValidationRule(code: "R", nameVi: "Phương tiện không quá số hồ sơ",
                                                                     left: ["cks_phuong_tien"], operator: .lessOrEqual,
                                                                     right: ["cqs_ho_so_cong_viec_truc_tuyen.numerator"])])
            }
            _ = try await client.execute(uri: Self.uri, method: .put, headers: tokens.json("reporter"), body: ByteBuffer(string: Self.body(version: 0, records: 378)))
            let refused = try await client.execute(uri: Self.uri + "/submit", method: .post, headers: tokens.json("reporter"), body: ByteBuffer(string: #"{"version":1}"#))
            #expect(refused.status == .unprocessableContent)
            #expect(try problems(refused).first?.field == "rules.R")
            let fixed = #"{"version":1,"values":[{"indicator":"cks_phuong_tien","value":300}]}"#
            _ = try await client.execute(uri: Self.uri, method: .put, headers: tokens.json("reporter"), body: ByteBuffer(string: fixed))
            let ok = try await client.execute(uri: Self.uri + "/submit", method: .post, headers: tokens.json("reporter"), body: ByteBuffer(string: #"{"version":2}"#))
            #expect(ok.status == .ok)
        }
    }

    @Test func aValueFarFromTheUnitsHistoryComesBackWithAWarning() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            try await DataEntry(db).write(["2024Q1", "2024Q2", "2024Q3", "2024Q4"].enumerated().map { i, p in
                Fixtures.input("20-STTTT", Fixtures.vehicles.code, p, value: Double(100 + 3 * i))
            }, by: .machineOperator("history"))
            let r = try decode(ReportView.self, try await client.execute(uri: Self.uri, method: .put, headers: tokens.json("reporter"),
                                                                         body: ByteBuffer(string: Self.body(version: 0, records: 40))))
            #expect(r.warnings.map(\.field) == ["values.cks_phuong_tien"])
            #expect(r.status == "draft", "a warning never blocks")
        }
    }

    @Test func theTemplateFilledInImportsBack() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            let r = try await client.execute(uri: Self.uri + "/template.csv", method: .get, headers: tokens["reporter"])
            #expect(r.status == .ok)
            #expect(r.headers[.contentDisposition]?.contains("F-20-STTTT-2025Q1.csv") == true)
            let text = String(buffer: r.body)
            // Headed in Vietnamese, for Excel set to Vietnamese: semicolons, decimal commas.
            #expect(text.hasPrefix("\u{FEFF}Mã đơn vị;Mã chỉ tiêu;Kỳ báo cáo;Giá trị;Tử số;Mẫu số;Ghi chú;Tên chỉ tiêu (để đối chiếu)\r\n"))
            // Fill it in as a spreadsheet would (decimal commas), and import it.
            let filled = text.replacingOccurrences(of: "20-STTTT;cqs_ho_so_cong_viec_truc_tuyen;2025Q1;;;;", with: "20-STTTT;cqs_ho_so_cong_viec_truc_tuyen;2025Q1;;37,8;100;")
                .replacingOccurrences(of: "20-STTTT;cks_phuong_tien;2025Q1;;;;", with: "20-STTTT;cks_phuong_tien;2025Q1;7.776;;;")
            let (inputs, _, problems) = ValueFile.read(csv: filled)
            #expect(problems.isEmpty)
            let written = try await DataEntry(db).write(inputs, by: .machineOperator("import"))
            #expect(written.map(\.value) == [37.8, 7776])
            // Downloaded again, it holds the figures already entered, to correct rather than retype.
            let again = String(buffer: try await client.execute(uri: Self.uri + "/template.csv", method: .get, headers: tokens["reporter"]).body)
            #expect(again.contains("20-STTTT;cqs_ho_so_cong_viec_truc_tuyen;2025Q1;;37,8;100;") && again.contains("20-STTTT;cks_phuong_tien;2025Q1;7776;;;"))
            #expect(written.allSatisfy { $0.comment == nil }, "the guide column is not data")
        }
    }

    @Test func obligationsListEveryUnitThatOwesTheReport() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            _ = try await client.execute(uri: Self.uri, method: .put, headers: tokens.json("reporter"), body: ByteBuffer(string: Self.body(version: 0, records: 1)))
            _ = try await client.execute(uri: Self.uri + "/submit", method: .post, headers: tokens.json("reporter"), body: ByteBuffer(string: #"{"version":1}"#))
            let items = try decode(ListResponse<ReportView>.self,
                                   try await client.execute(uri: "/api/obligations?form=F&period=2025Q1", method: .get, headers: tokens["coordinator"])).items
            #expect(items.map(\.unit) == ["20-STTTT"])
            #expect(items.first?.status == "submitted")
            #expect(items.first?.timeliness == "onTime")
        }
    }
}

@Suite struct ReportPageTests {
    /// Signs in through the login form and returns the session cookie and its CSRF token.
    static func signIn(_ client: some TestClientProtocol, _ user: String) async throws -> (cookie: String, csrf: String) {
        let form = try await client.execute(uri: "/login", method: .get)
        let loginCSRF = try #require(SecurityTests.cookie("dxtrack_login_csrf", in: form))
        let ok = try await client.execute(uri: "/login", method: .post,
                                          headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "dxtrack_login_csrf=\(loginCSRF)"],
                                          body: ByteBuffer(string: "username=\(user)&password=mat-khau-\(user)&csrf=\(loginCSRF)"))
        let session = try #require(SecurityTests.cookie("dxtrack_session", in: ok))
        let page = String(buffer: try await client.execute(uri: "/", method: .get, headers: [.cookie: "dxtrack_session=\(session)"]).body)
        let csrf = try #require(page.range(of: #"name="csrf" value=""#).map { page[$0.upperBound...].prefix { $0 != "\"" } }.map(String.init))
        return (session, csrf)
    }

    @Test(arguments: TestBackend.available)
    func aReporterEntersValuesWithADecimalCommaAndSubmits(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, _ in
            let (cookie, csrf) = try await Self.signIn(client, "reporter")
            let page = String(buffer: try await client.execute(uri: "/reports/F/20-STTTT/2025Q1", method: .get, headers: [.cookie: "dxtrack_session=\(cookie)"]).body)
            #expect(page.contains("Báo cáo quý thử") && page.contains("Chưa bắt đầu"))
            #expect(page.contains(#"<label for="n.cqs_ho_so_cong_viec_truc_tuyen">"#), "every input has a label")
            #expect(page.contains("≥ 90"), "the target for a provincial-level unit is shown beside the field")
            let headers: HTTPFields = [.cookie: "dxtrack_session=\(cookie)", .contentType: "application/x-www-form-urlencoded"]
            // A typo comes back next to its field, with what was typed kept.
            let bad = try await client.execute(uri: "/reports/F/20-STTTT/2025Q1", method: .post, headers: headers,
                                               body: ByteBuffer(string: "csrf=\(csrf)&version=0&action=save&n.cqs_ho_so_cong_viec_truc_tuyen=37%2C8x&d.cqs_ho_so_cong_viec_truc_tuyen=100"))
            #expect(bad.status == .unprocessableContent)
            let badPage = String(buffer: bad.body)
            #expect(badPage.contains("Không đọc được số") && badPage.contains("37,8x") && badPage.contains(#"aria-invalid="true""#))
            // Decimal comma accepted; saved and submitted in one step.
            let ok = try await client.execute(uri: "/reports/F/20-STTTT/2025Q1", method: .post, headers: headers,
                                              body: ByteBuffer(string: "csrf=\(csrf)&version=0&action=submit&n.cqs_ho_so_cong_viec_truc_tuyen=37%2C8&d.cqs_ho_so_cong_viec_truc_tuyen=100&v.cks_phuong_tien=7.776"))
            #expect(ok.status == .seeOther)
            let report = try await Submissions(db).report(form: "F", unit: "20-STTTT", period: try Period("2025Q1"), today: LocalDate(year: 2026, month: 1, day: 1)!)
            #expect(report.status == .submitted)
            #expect(report.values.first { $0.indicatorCode == "cqs_ho_so_cong_viec_truc_tuyen" }?.numerator == 37.8)
            #expect(report.values.first { $0.indicatorCode == "cks_phuong_tien" }?.value == 7776)
            // Without the CSRF token nothing happens.
            let forged = try await client.execute(uri: "/reports/F/20-STTTT/2025Q1", method: .post, headers: headers,
                                                  body: ByteBuffer(string: "version=2&action=save"))
            #expect(forged.status == .forbidden)
            // The approver approves from the page.
            let approver = try await Self.signIn(client, "approver")
            let approved = try await client.execute(uri: "/reports/F/20-STTTT/2025Q1", method: .post,
                                                    headers: [.cookie: "dxtrack_session=\(approver.cookie)", .contentType: "application/x-www-form-urlencoded"],
                                                    body: ByteBuffer(string: "csrf=\(approver.csrf)&version=2&action=approve"))
            #expect(approved.status == .seeOther)
            let mine = String(buffer: try await client.execute(uri: "/reports", method: .get, headers: [.cookie: "dxtrack_session=\(cookie)"]).body)
            #expect(mine.contains("Báo cáo của tôi"))
        }
    }

    @Test func theFormReadsInEnglishAndItsFiguresDownload() async throws {
        try await withApp(.sqlite) { client, db, _ in
            try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.workRecords.code, "2024Q4", numerator: 30, denominator: 100),
                                           Fixtures.input("20-STTTT", Fixtures.workRecords.code, "2025Q1", numerator: 37.8, denominator: 100)], by: .machineOperator("system"))
            let (cookie, _) = try await Self.signIn(client, "reporter")
            let session: HTTPFields = [.cookie: "dxtrack_session=\(cookie)"]
            let en = String(buffer: try await client.execute(uri: "/reports/F/20-STTTT/2025Q1?lang=en", method: .get, headers: session).body)
            #expect(en.contains(#"<html lang="en">"#) && en.contains("Submit report") && en.contains("Save draft") && en.contains("Figures for Q1 2025"))
            #expect(en.contains(#"<label for="n.cqs_ho_so_cong_viec_truc_tuyen">Numerator</label>"#) && en.contains("30.0%") && en.contains("≥ 90% (2025)"))
            #expect(!en.contains("Gửi báo cáo") && !en.contains("Lưu nháp"))
            let vi = String(buffer: try await client.execute(uri: "/reports/F/20-STTTT/2025Q1", method: .get, headers: session).body)
            #expect(vi.contains("Gửi báo cáo") && vi.contains(#"href="/reports/F/20-STTTT/2025Q1?format=csv&amp;table=so-lieu""#))
            let csv = try await client.execute(uri: "/reports/F/20-STTTT/2025Q1?table=so-lieu&format=csv", method: .get, headers: session)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            let line = String(buffer: csv.body).split(separator: "\r\n").first { $0.hasPrefix("Tỷ lệ hồ sơ công việc") }
            #expect(line?.hasSuffix(";30;≥ 90% (Năm 2025);37,8") == true, "indicator, unit, last period, target, this period: \(line ?? "none")")
        }
    }
}
