import DXDomain
import DXServer
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
            func call(_ method: HTTPRequest.Method, _ uri: String, as user: String, _ body: String) async throws -> (Int, [String: Any]) {
                let r = try await client.execute(uri: uri, method: method, headers: tokens.json(user), body: ByteBuffer(string: body))
                return (Int(r.status.code), try json(r))
            }
            // The reporter enters a draft and submits it.
            var (status, report) = try await call(.put, Self.uri, as: "reporter", Self.body(version: 0, records: 378))
            #expect(status == 200 && report["status"] as? String == "draft" && report["version"] as? Int == 1)
            #expect(try await call(.post, Self.uri + "/submit", as: "reporter", #"{"version":1}"#).1["status"] as? String == "submitted")
            // Submitted values are locked, through the form and through the plain API.
            #expect(try await call(.put, Self.uri, as: "reporter", Self.body(version: 2, records: 400)).0 == 409)
            let direct = #"{"values":[{"unit":"20-STTTT","indicator":"cks_phuong_tien","period":"2025Q1","value":1}]}"#
            #expect(try await call(.post, "/api/data-values", as: "coordinator", direct).0 == 409)
            // The approver returns it; a reason is required.
            #expect(try await call(.post, Self.uri + "/return", as: "approver", #"{"version":2}"#).0 == 422)
            (status, report) = try await call(.post, Self.uri + "/return", as: "approver", #"{"version":2,"reason":"Thiếu minh chứng"}"#)
            #expect(report["status"] as? String == "returned" && report["reason"] as? String == "Thiếu minh chứng")
            // Corrected and resubmitted; approved.
            #expect(try await call(.put, Self.uri, as: "reporter", Self.body(version: 3, records: 412)).1["version"] as? Int == 4)
            #expect(try await call(.post, Self.uri + "/submit", as: "reporter", #"{"version":4}"#).1["status"] as? String == "submitted")
            #expect(try await call(.post, Self.uri + "/approve", as: "leader", #"{"version":5}"#).0 == 403)
            (status, report) = try await call(.post, Self.uri + "/approve", as: "approver", #"{"version":5}"#)
            #expect(report["status"] as? String == "approved" && report["decided_by"] as? String == "approver")
            // Approved: locked until a coordinator reopens it, with a reason.
            #expect(try await call(.put, Self.uri, as: "reporter", Self.body(version: 6, records: 500)).0 == 409)
            #expect(try await call(.post, Self.uri + "/reopen", as: "approver", #"{"version":6,"reason":"x"}"#).0 == 403)
            #expect(try await call(.post, Self.uri + "/reopen", as: "coordinator", #"{"version":6}"#).0 == 422)
            #expect(try await call(.post, Self.uri + "/reopen", as: "coordinator", #"{"version":6,"reason":"Sửa số liệu quý"}"#).1["status"] as? String == "returned")
            (status, report) = try await call(.put, Self.uri, as: "reporter", Self.body(version: 7, records: 420))
            #expect(status == 200 && report["version"] as? Int == 8)
            let values = report["values"] as? [[String: Any]] ?? []
            #expect(values.first { $0["indicatorCode"] as? String == "cqs_ho_so_cong_viec_truc_tuyen" }?["value"] as? Double == 42)
            // Every step is in the audit trail, in order, and the chain holds.
            let history = try await AuditLog.history(of: "report:F|20-STTTT|2025Q1", db)
            #expect(history.map(\.action) == ["report.save", "report.submit", "report.return", "report.save", "report.submit",
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
            #expect(try problems(second).first?["code"] as? String == "conflict")
            let now = try json(try await client.execute(uri: Self.uri, method: .get, headers: tokens["leader"]))
            let values = now["values"] as? [[String: Any]] ?? []
            #expect(values.first { $0["indicatorCode"] as? String == "cqs_ho_so_cong_viec_truc_tuyen" }?["value"] as? Double == 30)
        }
    }

    @Test func submittingNeedsEveryIndicatorAndOnlyTheFormsOwn() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            let partial = #"{"version":0,"values":[{"indicator":"cks_phuong_tien","value":5}]}"#
            _ = try await client.execute(uri: Self.uri, method: .put, headers: tokens.json("reporter"), body: ByteBuffer(string: partial))
            let submit = try await client.execute(uri: Self.uri + "/submit", method: .post, headers: tokens.json("reporter"), body: ByteBuffer(string: #"{"version":1}"#))
            #expect(submit.status == .unprocessableContent)
            #expect(try problems(submit).first?["field"] as? String == "values.cqs_ho_so_cong_viec_truc_tuyen")
            let foreign = #"{"version":1,"values":[{"indicator":"th_xep_hang_dti","value":5}]}"#
            let r = try await client.execute(uri: Self.uri, method: .put, headers: tokens.json("reporter"), body: ByteBuffer(string: foreign))
            #expect(r.status == .unprocessableContent)
            let wrongType = try await client.execute(uri: "/api/reports/F/20-STTTT/2025", method: .get, headers: tokens["reporter"])
            #expect(wrongType.status == .unprocessableContent)
            let unknown = try await client.execute(uri: "/api/reports/NOPE/20-STTTT/2025Q1", method: .get, headers: tokens["reporter"])
            #expect(unknown.status == .notFound)
        }
    }

    @Test func obligationsListEveryUnitThatOwesTheReport() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            _ = try await client.execute(uri: Self.uri, method: .put, headers: tokens.json("reporter"), body: ByteBuffer(string: Self.body(version: 0, records: 1)))
            _ = try await client.execute(uri: Self.uri + "/submit", method: .post, headers: tokens.json("reporter"), body: ByteBuffer(string: #"{"version":1}"#))
            let list = try json(try await client.execute(uri: "/api/obligations?form=F&period=2025Q1", method: .get, headers: tokens["coordinator"]))
            let items = list["items"] as? [[String: Any]] ?? []
            #expect(items.map { $0["unit"] as? String } == ["20-STTTT"])
            #expect(items.first?["status"] as? String == "submitted")
            #expect(items.first?["timeliness"] as? String == "onTime")
        }
    }
}
