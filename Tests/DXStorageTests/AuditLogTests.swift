import DXDomain
import DXSignature
@testable import DXStorage
import DXTestSupport
import SQLKit
import Testing

@Suite struct AuditLogTests {
    /// Three writes: a value created, then changed, then another created.
    static func history(_ db: Database) async throws {
        try await Fixtures.load(into: db)
        try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q1", value: 5)], by: .machineOperator("an"))
        try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q1", value: 7)], by: .machineOperator("binh"))
        try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q2", value: 9)], by: .machineOperator("an"))
    }

    @Test(arguments: TestBackend.available)
    func everyWriteIsRecordedWithWhoBeforeAndAfter(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.history(db)
            let h = try await ValueHistory.of(unit: "20-STTTT", indicator: Fixtures.vehicles.code, period: try Period("2025Q1"), db)
            #expect(h.map(\.action) == ["values.write", "values.write"])
            #expect(h.map(\.actor) == ["an", "binh"])
            #expect(h.map(\.before?.value) == [nil, 5] && h.map(\.after.value) == [5, 7])
            #expect(try await ValueHistory.of(unit: "20-STTTT", indicator: Fixtures.vehicles.code, period: try Period("2025Q2"), db).count == 1)
            let v = try await AuditLog.verify(db)
            #expect(v.entries == 3 && v.firstBad == nil && v.problem == nil)
            // Nothing is recorded for a dry run or a rejected batch.
            _ = try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q3", value: 1)], by: .machineOperator("x"), dryRun: true)
            _ = try? await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q3", value: -1)], by: .machineOperator("x"))
            #expect(try await AuditLog.verify(db).entries == 3)
        }
    }

    static let tampering: [(name: String, sql: [String], firstBad: Int)] = [
        ("an edited entry", ["UPDATE audit_log SET after = '{\"value\":70}' WHERE seq = 2"], 2),
        ("an edited record of a write", ["UPDATE value_writes SET written = replace(written, '\t7\t', '\t70\t') WHERE revision > 0"], 2),
        ("a record of a write without its entry", ["INSERT INTO value_writes (revision, at, actor, action, written, replaced) VALUES (999, 'x', 'x', 'values.write', '', '')"], 4),
        ("an edited actor", ["UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1"], 1),
        ("a deleted entry", ["DELETE FROM audit_log WHERE seq = 2"], 2),
        ("a deleted last entry", ["DELETE FROM audit_log WHERE seq = 3"], 3),
        ("two entries swapped", ["UPDATE audit_log SET seq = 100 WHERE seq = 2", "UPDATE audit_log SET seq = 2 WHERE seq = 3",
                                 "UPDATE audit_log SET seq = 3 WHERE seq = 100"], 2),
        ("a relinked entry", ["UPDATE audit_log SET prev_hash = hash WHERE seq = 3"], 3),
    ]

    @Test(arguments: TestBackend.available, tampering.indices)
    func tamperingIsFoundAtTheFirstBadEntry(_ backend: TestBackend, _ i: Int) async throws {
        let t = Self.tampering[i]
        try await backend.withDatabase { db in
            try await Self.history(db)
            // As someone with the database file would: straight SQL, no dxtrack in between.
            try await db.transaction { sql in
                for statement in t.sql { try await sql.raw(SQLQueryString(statement)).run() }
            }
            let v = try await AuditLog.verify(db)
            #expect(v.firstBad == t.firstBad, "\(t.name): \(v.problem ?? "not found")")
        }
    }
}

/// Edits made to the state itself, behind dxtrack's back, and a log rewritten with its
/// hashes computed again: `audit verify` finds each.
@Suite struct AuditStateTests {
    /// The history of ``AuditLogTests``, and a report, a score, a registered system and a sign-in besides.
    static func state(_ db: Database) async throws {
        try await AuditLogTests.history(db)
        try await Submissions(db).importHistory([SubmissionRecord(formCode: "F", unitCode: "20-STTTT", period: try Period("2025Q1"),
                                                                  status: .approved, version: 1),
                                                 SubmissionRecord(formCode: "F", unitCode: "20-STTTT", period: try Period("2025Q2"),
                                                                  status: .submitted, version: 1)], by: "an")
        try await Campaigns(db).record([CriterionScore(unitCode: "20-STTTT", criterionCode: "tt", selfScore: 8)],
                                       campaign: "TD", by: "an")
        let accounts = Accounts(db, bcryptCost: 4)
        try await accounts.create(username: "lan", displayName: "Lan", role: .leader, unitCode: "20", password: "mat-khau-cua-lan")
        _ = try await accounts.signIn(username: "lan", password: "mat-khau-cua-lan")
    }

    static let edits: [(name: String, sql: [String])] = [
        ("a value changed", ["UPDATE stored_values SET value = 70 WHERE period = '2025Q1'"]),
        ("a value's comment changed", ["UPDATE stored_values SET comment = 'x' WHERE period = '2025Q1'"]),
        ("a value added", ["INSERT INTO stored_values (unit_code, indicator_code, period, value, revision) SELECT unit_code, indicator_code, '2025Q4', 1, revision FROM stored_values WHERE period = '2025Q1'"]),
        ("a value removed", ["DELETE FROM stored_values WHERE period = '2025Q2'"]),
        ("a report's status changed", ["UPDATE submissions SET status = 'draft'"]),
        ("a level of approval made up", ["UPDATE submissions SET approved_levels = 1 WHERE period = '2025Q2'"]),
        ("a campaign score changed", ["UPDATE campaign_scores SET self_score = 10"]),
        ("a sign-in event removed", ["DELETE FROM auth_events WHERE event = 'login'"]),
        ("a sign-in event made up", ["INSERT INTO auth_events (id, username, event, at) VALUES ('99999999999999999999-x', 'lan', 'login', '2999-01-01T00:00:00Z')"]),
    ]

    @Test(arguments: TestBackend.available, edits.indices)
    func anEditOfTheStateIsFound(_ backend: TestBackend, _ i: Int) async throws {
        let edit = Self.edits[i]
        try await backend.withDatabase { db in
            try await Self.state(db)
            #expect(try await AuditLog.verify(db).problem == nil)
            try await db.transaction { sql in
                for statement in edit.sql { try await sql.raw(SQLQueryString(statement)).run() }
            }
            let v = try await AuditLog.verify(db)
            #expect(v.problem != nil, "\(edit.name) was not found")
        }
    }

    @Test func anEvidenceFileWhoseContentChangedIsFound() async throws {
        try await TestBackend.sqlite.withDatabase { db in
            try await Fixtures.load(into: db)
            let sha = try await db.transaction { sql in
                try await EvidenceStore(sql).store(Array("%PDF-1.4 a".utf8), sha256: "e3b0c4", contentType: "application/pdf", by: "an")
                return "e3b0c4"
            }
            let v = try await AuditLog.verify(db)
            #expect(v.problem?.contains("evidence file \(sha)") == true)
        }
    }

    /// Someone who rewrites an entry and computes every hash after it again, the head too,
    /// leaves a chain that links: only a checkpoint, which needs the secret, shows it.
    @Test(arguments: TestBackend.available)
    func aRecomputedChainIsCaughtByItsCheckpoint(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await AuditLogTests.history(db)
            let seal = KeySeal(secret: KeySeal.newSecret())!
            let checkpoint = try #require(try await AuditLog.checkpoint(db, seal: seal))
            #expect(try await AuditLog.verify(db, seal: seal).problem == nil)
            try await Self.rewrite(db, seq: 1, actor: "someone-else")
            #expect(try await AuditLog.verify(db).firstBad != nil, "the checkpoint kept in the database catches it")
            // With the database's checkpoints gone too, one kept elsewhere still does.
            try await db.transaction { try await $0.raw("DELETE FROM audit_checkpoints").run() }
            #expect(try await AuditLog.verify(db).firstBad == nil, "the rewrite itself links")
            let kept = try #require(AuditCheckpoint(line: checkpoint.line))
            #expect(try await AuditLog.verify(db, seal: seal, kept: [kept]).firstBad != nil)
            // A checkpoint made up without the secret is refused.
            var forged = kept
            forged.hash = String(repeating: "0", count: 64)
            #expect(try await AuditLog.verify(db, seal: seal, kept: [forged]).problem?.contains("not authentic") == true)
        }
    }

    /// Rewrites entry `seq` and every hash from it on, as an attacker with the database would.
    static func rewrite(_ db: Database, seq: Int, actor: String) async throws {
        try await db.transaction { sql in
            try await sql.raw("UPDATE audit_log SET actor = \(bind: actor) WHERE seq = \(bind: seq)").run()
            var prev = seq == 1 ? String(repeating: "0", count: 64)
                : try await sql.raw("SELECT hash FROM audit_log WHERE seq = \(bind: seq - 1)").first()!.decode(column: "hash", as: String.self)
            for row in try await sql.raw("SELECT * FROM audit_log WHERE seq >= \(bind: seq) ORDER BY seq").all() {
                var e = try AuditEntry(row: row)
                e.prevHash = prev
                e.hash = AuditEntry.digest(e.canonical)
                try await sql.raw("UPDATE audit_log SET prev_hash = \(bind: e.prevHash), hash = \(bind: e.hash) WHERE seq = \(bind: e.seq)").run()
                prev = e.hash
            }
            try await sql.raw("UPDATE audit_head SET hash = \(bind: prev) WHERE id = 1").run()
        }
    }
}
