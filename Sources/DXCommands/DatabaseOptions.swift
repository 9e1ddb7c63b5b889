import ArgumentParser
import DXDomain
import DXSignature
import DXStorage
import Foundation
import Logging

/// `--data-dir` / `--database`, shared by every command that opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"),
            help: "Thư mục chứa tệp SQLite / Directory of the SQLite file (default ./dxtrack-data).")
    var dataDirectory: String?

    @Option(name: .customLong("database"),
            help: "URL PostgreSQL, ví dụ postgres://user:pass@127.0.0.1:5432/dxtrack / PostgreSQL URL (also DXTRACK_DATABASE_URL).")
    var databaseURL: String?

    func validate() throws {
        if dataDirectory != nil && databaseURL != nil {
            throw ValidationError("Chỉ dùng một trong --data-dir và --database / Use either --data-dir or --database, not both.")
        }
    }

    func location() throws -> DatabaseLocation {
        let url = databaseURL ?? (dataDirectory == nil ? ProcessInfo.processInfo.environment["DXTRACK_DATABASE_URL"] : nil)
        do {
            return try DatabaseLocation.resolve(databaseURL: url, dataDirectory: dataDirectory)
        } catch {
            throw ValidationError("\(error.vi)\n\(error.en)")
        }
    }

    /// The signing secret: `DXTRACK_SIGNING_SECRET`, else the `signing-secret` file of
    /// the SQLite data directory. With `create`, a new secret is written there (0600)
    /// when there is none; PostgreSQL deployments set the variable on every instance.
    func signingSeal(create: Bool = false) throws -> KeySeal? {
        if let text = ProcessInfo.processInfo.environment["DXTRACK_SIGNING_SECRET"] {
            guard let seal = KeySeal(secret: text) else {
                throw ValidationError("DXTRACK_SIGNING_SECRET cần 64 chữ số hex hoặc base64 của 32 byte / must be 64 hex digits or base64 of 32 bytes.")
            }
            return seal
        }
        guard case .sqlite(let dir) = try location() else { return nil }
        let path = (dir as NSString).appendingPathComponent("signing-secret")
        if let text = try? String(contentsOfFile: path, encoding: .utf8) { return KeySeal(secret: text) }
        guard create else { return nil }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let secret = KeySeal.newSecret()
        guard FileManager.default.createFile(atPath: path, contents: Data((secret + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("Không ghi được / Cannot write \(path)")
        }
        return KeySeal(secret: secret)
    }

    /// Opens the database, brings its schema up to date, and runs `body`.
    func withMigratedDatabase<T: Sendable>(logger: Logger, _ body: @Sendable (Database) async throws -> T) async throws -> T {
        try await Database.withDatabase(at: try location(), logger: logger) { db in
            try await Migrator(db).migrate()
            return try await body(db)
        }
    }
}

func makeLogger(_ label: String = "dxtrack") -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    return logger
}
