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

/// Pushing by the target's own UIDs, and on a schedule: the receiver is a dxtrack that
/// knows the province by the UID a national DHIS2 would give it.
@Suite(.serialized) struct PushByUIDTests {
    static let nationalUID = "Rp268JB6Ne4"

    /// A sender with the province's official rank for 2025Q1, a receiver whose UID for the
    /// province is the national one; runs `body` with the receiver serving.
    static func withPair(_ body: @escaping @Sendable (_ sender: String, _ port: Int, _ receiver: String) async throws -> Void) async throws {
        guard let binary = DxtrackExecutable.path else {
            Issue.record("the dxtrack executable is not built beside the tests (run scripts/test)")
            return
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-push-uid-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (sender, receiver) = (root + "/tinh", root + "/quoc-gia")
        try await PushTests.database(receiver) { db in
            _ = try await Accounts(db, bcryptCost: 4).create(username: "tinh-lang-son", displayName: "Lạng Sơn", role: .coordinator, unitCode: "20",
                                                              password: "mat-khau-day-du")
            try await DHIS2Directory(db).setUID(nationalUID, of: .organisationUnit, code: "20")
        }
        try await PushTests.database(sender) { db in
            try await DataEntry(db).write([Fixtures.input("20", Fixtures.rank.code, "2025Q1", value: 9)], by: .machineOperator("seed"))
        }
        let (server, port) = try await DxtrackExecutable.serve(receiver, binary: binary)
        defer { server.terminate(); server.waitUntilExit() }
        setenv("DXTRACK_PUSH_PASSWORD", "mat-khau-day-du", 1)
        try await body(sender, port, receiver)
    }

    static func push(_ arguments: [String]) async throws {
        var command = try Dxtrack.parseAsRoot(["push"] + arguments) as! any AsyncParsableCommand
        try await command.run()
    }

    static func records(_ dir: String) async throws -> [ExportRecord] {
        try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in try await db.read { try await ExportStore($0).all() } }
    }

    static func received(_ dir: String) async throws -> [String] {
        try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await db.read { try await DataValueStore($0).values(.init()) }.map { "\($0.unitCode) \($0.indicatorCode) \($0.value ?? -1)" }
        }
    }

    @Test func byUIDsLookedUpAtTheTargetOrFromAMappingFile() async throws {
        try await Self.withPair { sender, port, receiver in
            let url = "http://127.0.0.1:\(port)/api/dataValueSets"
            try await Self.push(["--url", url, "--unit", "20", "--period", "2025Q1", "--target-user", "tinh-lang-son", "--map-by-code", "--data-dir", sender])
            let looked = try #require(try await Self.records(sender).last)
            #expect(looked.status == "sent" && looked.payload.contains(Self.nationalUID) && !looked.payload.contains("\"orgUnit\":\"20\""))
            #expect(try await Self.received(receiver) == ["20 th_xep_hang_dti 9.0"])

            // A file that maps the unit but not the indicator: nothing goes, and the record says what lacks a UID.
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("map-\(UUID().uuidString).csv").path
            try "kind,code,uid\norganisationUnit,20,\(Self.nationalUID)\n".write(toFile: file, atomically: true, encoding: .utf8)
            await #expect { try await Self.push(["--url", url, "--unit", "20", "--period", "2025Q1", "--target-user", "tinh-lang-son",
                                                 "--map", file, "--data-dir", sender]) } throws: { ($0 as? ExitCode) == ExitCode(1) }
            let refused = try #require(try await Self.records(sender).first { $0.status != "sent" })
            #expect(refused.attempts == 0 && refused.response?.contains("dataElement th_xep_hang_dti") == true, "\(refused)")

            // A broken file is refused before anything, naming its line and column.
            try "kind,code,uid\norgUnit,20,x\n".write(toFile: file, atomically: true, encoding: .utf8)
            await #expect { try await Self.push(["--url", url, "--unit", "20", "--period", "2025Q1", "--map", file, "--data-dir", sender]) } throws: {
                "\($0)".contains("dòng 2, cột kind") && "\($0)".contains("line 2, column kind")
            }
        }
    }

    @Test func aScheduledTargetIsPushedOnceWhenItsPeriodIsDue() async throws {
        try await Self.withPair { sender, port, receiver in
            try await Self.push(["--schedule", "quoc-gia", "--url", "http://127.0.0.1:\(port)/api/dataValueSets", "--unit", "20",
                                 "--target-user", "tinh-lang-son", "--period-type", "Quarterly", "--after-days", "10", "--map-by-code", "--data-dir", sender])
            // On 20/04/2025 the quarter due is 2025Q1 (ended 31/03, plus 10 days): pushed once, however often the pass runs.
            let day = LocalDate(year: 2025, month: 4, day: 20)!
            let done = try await Database.withDatabase(at: .sqlite(directory: sender), logger: Logger(label: "t")) { db in
                let push = ValuePush(db, clock: .fixed(day))
                let first = try await push.runDue(transport: { HTTPPushTransport(user: $0.user) })
                let second = try await push.runDue(transport: { HTTPPushTransport(user: $0.user) })
                return (first, second)
            }
            #expect(done.0.map(\.period) == ["2025Q1"] && done.0.first?.status == "sent" && done.0.first?.targetName == "quoc-gia")
            #expect(done.1.isEmpty, "sent already")
            #expect(try await Self.received(receiver) == ["20 th_xep_hang_dti 9.0"])
            try await Self.push(["--unschedule", "quoc-gia", "--data-dir", sender])
            await #expect(throws: (any Error).self) { try await Self.push(["--unschedule", "quoc-gia", "--data-dir", sender]) }
        }
    }
}
