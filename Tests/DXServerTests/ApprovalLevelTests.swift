import DXDomain
@testable import DXServer
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A commune's report signed off by its district, then by the province; after the
/// districts' abolition the province alone.
@Suite struct ApprovalLevelTests {
    static let commune = OrgUnit(code: "06001", name: "Xã Hoàng Đồng", kind: .commune, parentCode: "178",
                                 validTo: LocalDate(year: 2025, month: 6, day: 30))
    static let form = ReportForm(code: "FX", nameVi: "Báo cáo quý cấp xã", periodType: .quarterly, unitKinds: [.commune, .ward],
                                 indicators: [Fixtures.vehicles.code], deadline: .daysAfterPeriodEnd(30),
                                 approvalLevels: [ApprovalLevel(approverKind: .district, nameVi: "Cấp huyện"),
                                                  ApprovalLevel(approverKind: .province, nameVi: "Cấp tỉnh")])

    static func setUp(_ db: Database) async throws -> Tokens {
        try await db.transaction { sql in
            try await OrgUnitStore(sql).save([commune])
            try await FormStore(sql).save([form])
        }
        var tokens = Tokens()
        let accounts = Accounts(db, bcryptCost: 4)
        for (user, role, unit) in [("commune-reporter", Role.reporter, "06001"), ("district-approver", .approver, "178")] {
            try await accounts.create(username: user, displayName: user, role: role, unitCode: unit, password: "mat-khau-\(user)")
            tokens.byUser[user] = try await accounts.issueToken(for: user, name: "test", readOnly: false, days: 1)
        }
        return tokens
    }

    @Test(arguments: TestBackend.available)
    func theDistrictSignsOffFirstThenTheProvince(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, base in
            var tokens = try await Self.setUp(db)
            tokens.byUser.merge(base.byUser) { a, _ in a }
            let uri = "/api/reports/FX/06001/2025Q1"
            func call(_ method: HTTPRequest.Method, _ path: String, as user: String, _ body: String) async throws -> (Int, ReportView?) {
                let r = try await client.execute(uri: uri + path, method: method, headers: tokens.json(user), body: ByteBuffer(string: body))
                return (Int(r.status.code), r.status == .ok ? try decode(ReportView.self, r) : nil)
            }
            _ = try await call(.put, "", as: "commune-reporter", #"{"version":0,"values":[{"indicator":"cks_phuong_tien","value":12}]}"#)
            var (status, report) = try await call(.post, "/submit", as: "commune-reporter", #"{"version":1}"#)
            #expect(status == 200 && report?.approvalLevels.count == 2)
            // The province may not skip the district's review, nor may a coordinator.
            #expect(try await call(.post, "/approve", as: "approver", #"{"version":2}"#).0 == 403)
            #expect(try await call(.post, "/approve", as: "coordinator", #"{"version":2}"#).0 == 403)
            (status, report) = try await call(.post, "/approve", as: "district-approver", #"{"version":2}"#)
            #expect(status == 200 && report?.status == "submitted" && report?.approvedLevels == 1)
            // Still locked for the reporter while the province reviews it.
            #expect(try await call(.put, "", as: "commune-reporter", #"{"version":3,"values":[]}"#).0 == 409)
            #expect(try await call(.post, "/approve", as: "district-approver", #"{"version":3}"#).0 == 403)
            (status, report) = try await call(.post, "/approve", as: "approver", #"{"version":3}"#)
            #expect(status == 200 && report?.status == "approved" && report?.approvedLevels == 2)
            let history = try await AuditLog.history(of: "report:FX|06001|2025Q1", db)
            #expect(history.map(\.after) == ["draft", "submitted", "submitted 1/2", "approved"])
        }
    }

    @Test(arguments: TestBackend.available)
    func aReturnAtTheProvinceStartsTheSignOffAgain(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, base in
            var tokens = try await Self.setUp(db)
            tokens.byUser.merge(base.byUser) { a, _ in a }
            let uri = "/api/reports/FX/06001/2025Q1"
            func call(_ path: String, as user: String, _ body: String) async throws -> ReportView {
                try decode(ReportView.self, try await client.execute(uri: uri + path, method: path.isEmpty ? .put : .post, headers: tokens.json(user),
                                                                     body: ByteBuffer(string: body)))
            }
            _ = try await call("", as: "commune-reporter", #"{"version":0,"values":[{"indicator":"cks_phuong_tien","value":12}]}"#)
            _ = try await call("/submit", as: "commune-reporter", #"{"version":1}"#)
            _ = try await call("/approve", as: "district-approver", #"{"version":2}"#)
            let returned = try await call("/return", as: "approver", #"{"version":3,"reason":"Số phương tiện chưa khớp"}"#)
            #expect(returned.status == "returned" && returned.approvedLevels == 0)
            _ = try await call("/submit", as: "commune-reporter", #"{"version":4}"#)
            let again = try await client.execute(uri: uri + "/approve", method: .post, headers: tokens.json("approver"),
                                                 body: ByteBuffer(string: #"{"version":5}"#))
            #expect(again.status == .forbidden, "the district reviews the resubmitted report first")
        }
    }

    @Test func afterTheReorganisationAWardIsApprovedByTheProvinceAlone() async throws {
        // A day of 2025Q4, when the ward reports its third quarter.
        try await withApp(.sqlite, clock: .fixed(LocalDate(year: 2025, month: 10, day: 5)!)) { client, db, tokens in
            _ = try await Self.setUp(db)
            let uri = "/api/reports/FX/05983/2025Q3"
            _ = try await client.execute(uri: uri, method: .put, headers: tokens.json("ward-reporter"),
                                         body: ByteBuffer(string: #"{"version":0,"values":[{"indicator":"cks_phuong_tien","value":3}]}"#))
            _ = try await client.execute(uri: uri + "/submit", method: .post, headers: tokens.json("ward-reporter"), body: ByteBuffer(string: #"{"version":1}"#))
            let r = try decode(ReportView.self, try await client.execute(uri: uri + "/approve", method: .post, headers: tokens.json("approver"),
                                                                         body: ByteBuffer(string: #"{"version":2}"#)))
            #expect(r.status == "approved")
            #expect(r.approvalLevels.map(\.nameVi) == ["Cấp tỉnh"])
        }
    }
}
