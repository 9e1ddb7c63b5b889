import DXDomain
import DXStorage
import Foundation
import Logging
import SQLKit

/// The databases every storage test runs against: a fresh SQLite file always,
/// and a fresh PostgreSQL database whenever `DXTRACK_TEST_POSTGRES_URL` is set.
public enum TestBackend: String, CaseIterable, Sendable {
    case sqlite, postgres

    public static var available: [TestBackend] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["DXTRACK_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static let logger: Logger = {
        var l = Logger(label: "dxtrack-test")
        l.logLevel = .warning
        return l
    }()

    /// Runs `body` on a new, migrated database of this kind, and removes it afterwards.
    /// At most a few dozen are open at once (see ``DatabaseGate``).
    public func withDatabase<T: Sendable>(migrated: Bool = true, _ body: @Sendable (Database) async throws -> T) async throws -> T {
        try await DatabaseGate.run { try await open(migrated: migrated, body) }
    }

    private func open<T: Sendable>(migrated: Bool, _ body: @Sendable (Database) async throws -> T) async throws -> T {
        let run: @Sendable (Database) async throws -> T = { db in
            if migrated { try await Migrator(db).migrate() }
            return try await body(db)
        }
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-test-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dir) }
            return try await Database.withDatabase(at: .sqlite(directory: dir), logger: Self.logger, run)
        case .postgres:
            let admin = try PostgresURL(Self.postgresURL!)
            let name = "dxtest_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20))"
            try await Database.withDatabase(at: .postgres(admin), logger: Self.logger) { db in
                try await db.read { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            }
            var url = admin
            url.database = name
            do {
                let result = try await Database.withDatabase(at: .postgres(url), logger: Self.logger, run)
                try await Self.drop(name, admin: admin)
                return result
            } catch {
                try? await Self.drop(name, admin: admin)
                throw error
            }
        }
    }

    private static func drop(_ name: String, admin: PostgresURL) async throws {
        try await Database.withDatabase(at: .postgres(admin), logger: logger) { db in
            try await db.read { try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
        }
    }
}
