import ArgumentParser
@testable import DXCommands
import DXDomain
import DXStorage
import DXTestSupport
import Foundation
import Logging
import Testing

/// `dxtrack push` sends official values to a real DHIS2-compatible endpoint (another
/// dxtrack server, started from the built binary) and records every push.
@Suite(.serialized) struct PushTests {
    static func database(_ dir: String, _ body: @escaping @Sendable (Database) async throws -> Void) async throws {
        try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await Migrator(db).migrate()
            try await Fixtures.load(into: db)
            try await body(db)
        }
    }

    @Test func approvedValuesReachTheOtherSystemAndThePushIsRecorded() async throws {
        guard let binary = DxtrackExecutable.path else {
            Issue.record("the dxtrack executable is not built beside the tests (run scripts/test)")
            return
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-push-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (sender, receiver) = (root + "/tinh", root + "/quoc-gia")
        try await Self.database(receiver) { db in
            _ = try await Accounts(db, bcryptCost: 4).create(username: "tinh-lang-son", displayName: "Lạng Sơn", role: .coordinator, unitCode: "20",
                                                              password: "mat-khau-day-du")
        }
        try await Self.database(sender) { db in
            // The province's rank no form covers (official as entered); a department's draft (not approved, not sent).
            try await DataEntry(db).write([Fixtures.input("20", Fixtures.rank.code, "2025Q1", value: 9),
                                           Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q1", value: 7776)], by: .machineOperator("seed"))
            _ = try await Submissions(db, clock: .fixed(LocalDate(year: 2025, month: 4, day: 1)!))
                .save(form: "F", unit: "20-STTTT", period: try Period("2025Q1"), values: [], version: 0, by: "seed")
        }
        let (server, port) = try await DxtrackExecutable.serve(receiver, binary: binary)
        defer { server.terminate(); server.waitUntilExit() }

        setenv("DXTRACK_PUSH_PASSWORD", "mat-khau-day-du", 1)
        var push = try Dxtrack.parseAsRoot(["push", "--url", "http://127.0.0.1:\(port)/api/dataValueSets", "--unit", "20", "--period", "2025Q1",
                                            "--target-user", "tinh-lang-son", "--data-dir", sender]) as! any AsyncParsableCommand
        try await push.run()
        // Nothing listens here: retried, then recorded as failed.
        var failing = try Dxtrack.parseAsRoot(["push", "--url", "http://127.0.0.1:1/api/dataValueSets", "--unit", "20", "--period", "2025Q1",
                                               "--attempts", "2", "--backoff", "0.01", "--data-dir", sender]) as! any AsyncParsableCommand
        await #expect { try await failing.run() } throws: { ($0 as? ExitCode) == ExitCode(1) }
        server.terminate()
        server.waitUntilExit()

        let received = try await Database.withDatabase(at: .sqlite(directory: receiver), logger: Logger(label: "t")) { db in
            try await db.read { try await DataValueStore($0).values(.init()) }
        }
        #expect(received.map { "\($0.unitCode) \($0.indicatorCode) \($0.value ?? -1) \($0.storedBy ?? "")" } == ["20 th_xep_hang_dti 9.0 tinh-lang-son"])
        let records = try await Database.withDatabase(at: .sqlite(directory: sender), logger: Logger(label: "t")) { db in
            try await db.read { try await ExportStore($0).all() }
        }
        #expect(records.map(\.status).sorted() == ["failed", "sent"])
        let sent = try #require(records.first { $0.status == "sent" }), failed = try #require(records.first { $0.status == "failed" })
        #expect(sent.attempts == 1 && failed.attempts == 2 && sent.rows == 1)
        #expect(sent.payload.contains("th_xep_hang_dti") && !sent.payload.contains("cks_phuong_tien"))
        #expect(sent.response?.contains("SUCCESS") == true)
    }
}
