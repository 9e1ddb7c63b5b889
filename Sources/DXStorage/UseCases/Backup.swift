import DXDomain
import Foundation
import Logging
import SQLKit

/// Copies of the whole database, taken while dxtrack runs, and their restoration.
///
/// SQLite: `VACUUM INTO` writes a consistent, compacted copy from one read
/// snapshot while readers and the writer go on; restoring checks the copy
/// (`integrity_check`, a dxtrack schema) and moves it into place, so a half-written
/// file never replaces a good one. PostgreSQL: `pg_dump --format=custom` and
/// `pg_restore --clean`, the tools of the server's own package.
public enum Backup {
    public static func create(_ db: Database, to file: String) async throws {
        guard !FileManager.default.fileExists(atPath: file) else {
            throw DomainError.fileExists(file)
        }
        switch db.location {
        case .sqlite, .sqliteFile:
            try await db.maintenance { sql in try await sql.raw("VACUUM INTO \(bind: file)").run() }
        case .postgres(let url):
            try run("pg_dump", ["--format=custom", "--no-owner", "--file", file] + connection(url), password: url.password)
        }
    }

    /// Checks a backup as restoring would, without restoring it: a SQLite copy must pass
    /// `integrity_check` and hold a dxtrack schema this build knows; a PostgreSQL dump must
    /// list its contents (`pg_restore --list`). Gives the schema version, when it is known.
    @discardableResult
    public static func check(_ file: String, logger: Logger) async throws -> Int? {
        guard FileManager.default.fileExists(atPath: file) else { throw DomainError.noFile(file) }
        if file.hasSuffix(".dump") {
            try run("pg_restore", ["--list", file], password: nil)
            return nil
        }
        let version: Int?
        do {
            version = try await Database.withDatabase(at: .sqliteFile(path: file), logger: logger) { db in
                let check = try await db.read { try await $0.raw("PRAGMA integrity_check").first()?.decode(column: "integrity_check", as: String.self) }
                guard check == "ok" else { return nil }
                return try await db.read { try await $0.raw("SELECT MAX(version) AS v FROM schema_migrations").first()?.decode(column: "v", as: Int.self) }
            }
        } catch {
            version = nil
        }
        guard let version else { throw DomainError.notABackup(file) }
        return version
    }

    /// The nightly backup (`backup-dir`, `backup-time`, `backup-keep`): once a day, by
    /// whichever instance claims the day first, into `dir` under the moment's name
    /// (`dxtrack-20261202-0200.sqlite`, `.dump` for PostgreSQL), checked once written, and
    /// the oldest removed beyond `keep`. Gives the file written, or nil when today's is done
    /// or not yet due.
    public static func nightly(_ db: Database, dir: String, at time: (hour: Int, minute: Int), keep: Int, now: Date,
                               logger: Logger) async throws -> String? {
        let today = LocalDate(vietnamTimeOf: now.timeIntervalSince1970)
        let minutes = Int((now.timeIntervalSince1970 + 7 * 3600).truncatingRemainder(dividingBy: 86_400)) / 60
        guard minutes >= time.hour * 60 + time.minute else { return nil }
        let claimed = try await db.transaction { try await NoticeStore(sql: $0).claimRun("backup|\(today.iso)", at: now.formatted(.iso8601)) }
        guard claimed else { return nil }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let stamp = String(format: "%04d%02d%02d-%02d%02d", today.year, today.month, today.day, minutes / 60, minutes % 60)
        let isPostgres = if case .postgres = db.location { true } else { false }
        let file = (dir as NSString).appendingPathComponent("dxtrack-\(stamp).\(isPostgres ? "dump" : "sqlite")")
        try await create(db, to: file)
        try await check(file, logger: logger)
        let kept = (try FileManager.default.contentsOfDirectory(atPath: dir))
            .filter { $0.hasPrefix("dxtrack-") && ($0.hasSuffix(".sqlite") || $0.hasSuffix(".dump")) }.sorted()
        for old in kept.dropLast(max(1, keep)) { try? FileManager.default.removeItem(atPath: (dir as NSString).appendingPathComponent(old)) }
        return file
    }

    /// Replaces the database's contents with the backup's. The server must be stopped.
    public static func restore(_ file: String, to location: DatabaseLocation, logger: Logger) async throws {
        guard FileManager.default.fileExists(atPath: file) else {
            throw DomainError.noFile(file)
        }
        switch location {
        case .sqlite(let dir):
            try await restoreSQLite(file, to: (dir as NSString).appendingPathComponent(DatabaseLocation.sqliteFileName), logger: logger)
        case .sqliteFile(let path):
            try await restoreSQLite(file, to: path, logger: logger)
        case .postgres(let url):
            try run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction"] + connection(url) + [file], password: url.password)
        }
    }

    private static func restoreSQLite(_ file: String, to target: String, logger: Logger) async throws {
        let staging = target + ".restoring"
        func removeStaging() {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staging + suffix) }
        }
        removeStaging()
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: file, toPath: staging)
        // Check the copy before it replaces anything: a sound SQLite file with a dxtrack schema this build knows.
        let version: Int?
        do {
            version = try await Database.withDatabase(at: .sqliteFile(path: staging), logger: logger) { db in
                let check = try await db.read { try await $0.raw("PRAGMA integrity_check").first()?.decode(column: "integrity_check", as: String.self) }
                guard check == "ok" else { return nil }
                return try await db.read { try await $0.raw("SELECT MAX(version) AS v FROM schema_migrations").first()?.decode(column: "v", as: Int.self) }
            }
        } catch {
            version = nil
        }
        guard let version else {
            removeStaging()
            throw DomainError.notABackup(file)
        }
        guard version <= Migration.latestVersion else {
            removeStaging()
            throw DomainError.backupTooNew
        }
        for suffix in ["-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: staging + suffix)
            try? FileManager.default.removeItem(atPath: target + suffix)
        }
        // rename(2) replaces the file in one step: a crash leaves the old or the new database, never a mix.
        guard rename(staging, target) == 0 else {
            throw DomainError.restoreFailed
        }
    }

    private static func connection(_ url: PostgresURL) -> [String] {
        ["--host", url.host, "--port", String(url.port), "--username", url.username, "--dbname", url.database]
    }

    /// Runs a database tool from PATH (or the newest PostgreSQL's bin folder), failing with its own message.
    private static func run(_ tool: String, _ arguments: [String], password: String?) throws {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?.sorted().reversed().map { "/usr/lib/postgresql/\($0)/bin" } ?? [])
        guard let path = candidates.map({ "\($0)/\(tool)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw DomainError.toolMissing(tool)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        if let password { env["PGPASSWORD"] = password }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw DomainError.toolFailed(tool, said: errors + output)
        }
    }
}
