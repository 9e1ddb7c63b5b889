import ArgumentParser
import DXDomain
import DXSignature
import DXStorage
import Foundation
import Logging

/// `--data-dir` / `--database`, shared by every command that opens the database, and
/// `--config`, the deployment's configuration file (``Settings``).
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Tệp cấu hình / Configuration file (also DXTRACK_CONFIG; default /etc/dxtrack/dxtrack.yaml if it exists).",
                               valueName: "file"))
    var config: String?

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

    /// The settings in force: these flags, the environment, the configuration file.
    func settings() throws -> Settings {
        do { return try Settings.load(config: config) } catch { throw ValidationError(error.errors.map { "\($0.vi)\n\($0.en)" }.joined(separator: "\n")) }
    }

    /// A data directory given as a flag names SQLite, whatever the environment or file say of PostgreSQL.
    func location() throws -> DatabaseLocation {
        let settings = try settings()
        let url = databaseURL ?? (dataDirectory == nil ? settings.value(.database) : nil)
        do {
            return try DatabaseLocation.resolve(databaseURL: url, dataDirectory: url == nil ? settings.value(.dataDir, flag: dataDirectory) : nil)
        } catch {
            throw ValidationError("\(error.vi)\n\(error.en)")
        }
    }

    /// The signing secret: `signing-secret` (`DXTRACK_SIGNING_SECRET`), else the file
    /// `signing-secret-file` names, else the `signing-secret` file of the SQLite data
    /// directory. With `create`, a new secret is written there (0600) when there is none;
    /// PostgreSQL deployments give every instance the same one.
    func signingSeal(create: Bool = false) throws -> KeySeal? {
        let settings = try settings()
        var text = settings.value(.signingSecret)
        if text == nil, let file = settings.value(.signingSecretFile) {
            guard let read = try? String(contentsOfFile: file, encoding: .utf8) else { throw ValidationError("Không đọc được / Cannot read \(file)") }
            text = read
        }
        if let text {
            guard let seal = KeySeal(secret: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw ValidationError("signing-secret (DXTRACK_SIGNING_SECRET) cần 64 chữ số hex hoặc base64 của 32 byte / must be 64 hex digits or base64 of 32 bytes.")
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

/// A logger at the configured level (`log-level`, `LOG_LEVEL`; info by default).
func makeLogger(_ label: String = "dxtrack", settings: Settings? = nil) -> Logger {
    var logger = Logger(label: label)
    let level = settings?.value(.logLevel) ?? ProcessInfo.processInfo.environment["LOG_LEVEL"]
    logger.logLevel = level.flatMap(Logger.Level.init(rawValue:)) ?? .info
    return logger
}
