import DXDomain
@testable import DXServer
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Two dxtrack instances, each with its own connection pool, against one PostgreSQL:
/// racing edits, submissions and approvals of the same reports. Every race has one
/// winner and one 409; nothing is lost, and the audit chain the two wrote together holds.
/// (This test found a lost update when the first draft was an upsert: both racers won.)
@Suite struct TwoInstanceTests {
    static func draft(_ n: Int, version: Int) -> String {
        #"{"version":\#(version),"values":[{"indicator":"cqs_ho_so_cong_viec_truc_tuyen","numerator":\#(n),"denominator":100},{"indicator":"cks_phuong_tien","value":\#(n)}]}"#
    }

    @Test func concurrentSubmissionsAndApprovalsLoseNoUpdate() async throws {
        guard TestBackend.postgresURL != nil else { return } // SQLite is one process by design
        try await withApp(.postgres) { a, db, tokens in
            let departments = (1...6).map { "20-D\($0)" }
            try await db.transaction { sql in
                try await OrgUnitStore(sql).save(departments.map { OrgUnit(code: $0, name: "Sở \($0)", kind: .department, parentCode: "20") })
            }
            let config = ServerConfiguration(bcryptCost: 4)
            try await Database.withDatabase(at: db.location, logger: Logger(label: "b")) { second in
                try await Application(router: buildRouter(config, db: second)).test(.router) { b in
                    // Round 1: both instances save a first draft of every report at once.
                    let saves = try await withThrowingTaskGroup(of: (String, Int, Int).self) { group in
                        for unit in departments {
                            for (i, client) in [a, b].enumerated() {
                                group.addTask {
                                    let r = try await client.execute(uri: "/api/reports/F/\(unit)/2025Q1", method: .put,
                                                                     headers: tokens.json("coordinator"), body: ByteBuffer(string: Self.draft(10 + i, version: 0)))
                                    return (unit, i, Int(r.status.code))
                                }
                            }
                        }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                    for unit in departments {
                        let codes = saves.filter { $0.0 == unit }.map(\.2).sorted()
                        #expect(codes == [200, 409], "\(unit): \(codes)")
                    }
                    // Round 2: A submits while B tries to save over the same version.
                    for unit in departments {
                        async let submit = a.execute(uri: "/api/reports/F/\(unit)/2025Q1/submit", method: .post,
                                                     headers: tokens.json("coordinator"), body: ByteBuffer(string: #"{"version":1}"#))
                        async let overwrite = b.execute(uri: "/api/reports/F/\(unit)/2025Q1", method: .put,
                                                        headers: tokens.json("coordinator"), body: ByteBuffer(string: Self.draft(99, version: 1)))
                        let codes = [Int(try await submit.status.code), Int(try await overwrite.status.code)].sorted()
                        #expect(codes == [200, 409], "\(unit): \(codes)")
                    }
                    // Where the overwrite won, the report is still a draft: submit it, so every report is up for a decision.
                    for unit in departments {
                        let now = try decode(ReportView.self, try await a.execute(uri: "/api/reports/F/\(unit)/2025Q1", method: .get, headers: tokens["coordinator"]))
                        if now.status == "draft" {
                            let r = try await b.execute(uri: "/api/reports/F/\(unit)/2025Q1/submit", method: .post, headers: tokens.json("coordinator"),
                                                        body: ByteBuffer(string: #"{"version":\#(now.version)}"#))
                            #expect(r.status == .ok)
                        }
                    }
                    // Round 3: approvals from A race returns from B on the version both found.
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for unit in departments {
                            group.addTask {
                                let v = try decode(ReportView.self, try await a.execute(uri: "/api/reports/F/\(unit)/2025Q1", method: .get,
                                                                                         headers: tokens["approver"])).version
                                async let approve = a.execute(uri: "/api/reports/F/\(unit)/2025Q1/approve", method: .post,
                                                              headers: tokens.json("approver"), body: ByteBuffer(string: #"{"version":\#(v)}"#))
                                async let ret = b.execute(uri: "/api/reports/F/\(unit)/2025Q1/return", method: .post,
                                                          headers: tokens.json("approver"), body: ByteBuffer(string: #"{"version":\#(v),"reason":"r"}"#))
                                let codes = [Int(try await approve.status.code), Int(try await ret.status.code)]
                                #expect(codes.filter { $0 == 200 }.count == 1, "\(unit): \(codes) at version \(v)")
                            }
                        }
                        try await group.waitForAll()
                    }
                }
            }
            // Every winning step, and only those, moved the version on and left an audit record;
            // each report ends with one decision. The chain both instances wrote holds.
            for unit in departments {
                let history = try await AuditLog.history(of: "report:F|\(unit)|2025Q1", db)
                let r = try await Submissions(db).report(form: "F", unit: unit, period: try Period("2025Q1"), today: LocalDate(year: 2026, month: 1, day: 1)!)
                // (A return also keeps the figures it sent back, in an entry of its own that is no step.)
                #expect(r.version == history.filter { $0.action.hasPrefix("report.") }.count, "\(unit): \(history.map(\.action))")
                #expect([SubmissionStatus.approved, .returned].contains(r.status))
                #expect(history.filter { $0.action == "report.approve" || $0.action == "report.return" }.count == 1)
            }
            #expect(try await AuditLog.verify(db).firstBad == nil)
        }
    }
}
