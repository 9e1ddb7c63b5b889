import DXDomain
import DXStorage
import DXTestSupport
import Foundation
import Logging
import Testing

@Suite struct BackupTests {
    static func file(_ ext: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-backup-\(UUID().uuidString).\(ext)").path
    }

    /// The fixtures and one value (2025Q1), backed up to `file`.
    static func backUpOneValue(_ db: Database, to file: String) async throws {
        try await Fixtures.load(into: db)
        try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q1", value: 1)], by: .machineOperator("a"))
        try await Backup.create(db, to: file)
    }

    @Test(arguments: TestBackend.available)
    func backupThenRestoreGivesBackTheStateOfTheBackup(_ backend: TestBackend) async throws {
        let backup = Self.file("bak")
        defer { try? FileManager.default.removeItem(atPath: backup) }
        try await backend.withDatabase { db in
            try await Self.backUpOneValue(db, to: backup)
            #expect(FileManager.default.fileExists(atPath: backup))
            // Changes after the backup…
            try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q2", value: 2)], by: .machineOperator("b"))
            await #expect(throws: DomainError.self) { try await Backup.create(db, to: backup) } // never overwrites
        }
        // …are gone after a restore (SQLite: into a new data directory, as the server is stopped;
        // PostgreSQL: into a fresh database).
        if backend == .postgres {
            try await backend.withDatabase(migrated: false) { db in
                try await Backup.restore(backup, to: db.location, logger: Logger(label: "t"))
                let values = try await db.read { try await DataValueStore($0).values(.init()) }
                #expect(values.map(\.period.id) == ["2025Q1"])
            }
        } else {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-restore-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try await Backup.restore(backup, to: .sqlite(directory: dir), logger: Logger(label: "t"))
            let values = try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
                try await db.read { try await DataValueStore($0).values(.init()) }
            }
            #expect(values.map(\.period.id) == ["2025Q1"])
        }
    }

    @Test(arguments: TestBackend.available)
    func restoringIntoALiveDatabaseReplacesItsContents(_ backend: TestBackend) async throws {
        let backup = Self.file("bak")
        defer { try? FileManager.default.removeItem(atPath: backup) }
        try await backend.withDatabase { db in
            try await Self.backUpOneValue(db, to: backup)
        }
        try await backend.withDatabase { db in
            // Another database with other contents, then the restore.
            try await Fixtures.load(into: db)
            try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2024Q4", value: 9)], by: .machineOperator("x"))
            guard backend == .postgres else { return } // a SQLite file is replaced while closed: covered above
            try await Backup.restore(backup, to: db.location, logger: Logger(label: "t"))
            let values = try await db.read { try await DataValueStore($0).values(.init()) }
            #expect(values.map(\.period.id) == ["2025Q1"])
        }
    }

    @Test func aFileThatIsNotABackupIsRefusedAndChangesNothing() async throws {
        let junk = Self.file("bak")
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: junk))
        defer { try? FileManager.default.removeItem(atPath: junk) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-restore-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await Migrator(db).migrate()
            try await Fixtures.load(into: db)
        }
        await #expect { try await Backup.restore(junk, to: .sqlite(directory: dir), logger: Logger(label: "t")) } throws: {
            ($0 as? DomainError)?.code == "not_a_backup"
        }
        let units = try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await db.read { try await OrgUnitStore($0).all().count }
        }
        #expect(units == Fixtures.units.count)
        #expect(!FileManager.default.fileExists(atPath: dir + "/dxtrack.sqlite.restoring"))
    }
}

/// The nightly backup a service takes by itself: due at its time (Vietnam's), once a day
/// however many instances ask, checked once written, the oldest removed beyond what is kept.
@Suite struct NightlyBackupTests {
    /// 02:00 in Vietnam on `day` plus `minutes`.
    static func moment(_ day: LocalDate, minutes: Int) -> Date {
        Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 - 7 * 3600 + Double(2 * 60 + minutes) * 60)
    }

    @Test(arguments: TestBackend.available)
    func takenOnceADayAtItsTimeCheckedAndPruned(_ backend: TestBackend) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-nightly-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            let logger = Logger(label: "t"), day = LocalDate(year: 2026, month: 12, day: 2)!
            #expect(try await Backup.nightly(db, dir: dir, at: (2, 0), keep: 2, now: Self.moment(day, minutes: -1), logger: logger) == nil, "not yet 02:00")
            let first = try #require(try await Backup.nightly(db, dir: dir, at: (2, 0), keep: 2, now: Self.moment(day, minutes: 5), logger: logger))
            #expect(first.hasSuffix("dxtrack-20261202-0205." + (backend == .postgres ? "dump" : "sqlite")))
            #expect(try await Backup.nightly(db, dir: dir, at: (2, 0), keep: 2, now: Self.moment(day, minutes: 30), logger: logger) == nil, "once a day")
            for next in 1...2 {
                _ = try await Backup.nightly(db, dir: dir, at: (2, 0), keep: 2, now: Self.moment(day.adding(days: next), minutes: 0), logger: logger)
            }
            let kept = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
            #expect(kept.count == 2 && kept.first?.hasPrefix("dxtrack-20261203") == true, "\(kept)")
            if backend == .sqlite { #expect(try await Backup.check(dir + "/" + kept[1], logger: logger) == Migration.latestVersion) }
        }
        // A file that is no backup is said to be one.
        let junk = dir + "-junk.sqlite"
        try "not a database".write(toFile: junk, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: junk) }
        await #expect(throws: DomainError.self) { try await Backup.check(junk, logger: Logger(label: "t")) }
    }
}
