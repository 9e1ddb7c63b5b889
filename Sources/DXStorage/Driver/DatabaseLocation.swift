import DXDomain
import Foundation

/// Where dxtrack keeps its data: a SQLite file (the embedded default) or a
/// PostgreSQL server (production, several app instances).
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    /// `dxtrack.sqlite` inside this directory, created if missing.
    case sqlite(directory: String)
    /// A single SQLite file at this path (tests, backups).
    case sqliteFile(path: String)
    case postgres(PostgresURL)

    /// Picks the location the CLI was given: a database URL wins over a data directory.
    /// Accepts `postgres://` and `postgresql://` URLs, and `sqlite:PATH` for a file.
    public static func resolve(databaseURL: String?, dataDirectory: String?) throws(DomainError) -> DatabaseLocation {
        if let url = databaseURL, !url.isEmpty {
            if url.hasPrefix("sqlite:") { return .sqliteFile(path: String(url.dropFirst("sqlite:".count))) }
            return .postgres(try PostgresURL(url))
        }
        return .sqlite(directory: dataDirectory ?? "./dxtrack-data")
    }

    /// Where `dxtrack serve` keeps its values between runs (``ValueSnapshot``): beside the SQLite
    /// file. None for PostgreSQL, whose instances keep nothing of their own; they read every value as they start.
    var valueSnapshotPath: String? {
        switch self {
        case .sqlite(let directory): (directory as NSString).appendingPathComponent("dxtrack.values")
        case .sqliteFile(let path): path + ".values"
        case .postgres: nil
        }
    }

    public var dialect: Dialect {
        switch self {
        case .sqlite, .sqliteFile: .sqlite
        case .postgres: .postgres
        }
    }

    /// Never prints a password.
    public var description: String {
        switch self {
        case .sqlite(let dir): "SQLite \((dir as NSString).appendingPathComponent(DatabaseLocation.sqliteFileName))"
        case .sqliteFile(let path): "SQLite \(path)"
        case .postgres(let url): "PostgreSQL \(url.username)@\(url.host):\(url.port)/\(url.database)"
        }
    }

    public static let sqliteFileName = "dxtrack.sqlite"
}

public enum Dialect: String, Sendable {
    case sqlite, postgres
}

/// The parts of `postgres://user:password@host:port/database` that a client needs.
public struct PostgresURL: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String

    public init(_ text: String) throws(DomainError) {
        guard let url = URL(string: text), ["postgres", "postgresql"].contains(url.scheme ?? ""),
              let host = url.host, !host.isEmpty, let user = url.user, !user.isEmpty
        else {
            throw DomainError(code: "invalid_database_url", field: "database",
                              vi: "Địa chỉ cơ sở dữ liệu không hợp lệ; dạng đúng: postgres://người_dùng:mật_khẩu@máy:cổng/tên_csdl.",
                              en: "Invalid database URL; expected postgres://user:password@host:port/database.")
        }
        self.host = host
        self.port = url.port ?? 5432
        self.username = user.removingPercentEncoding ?? user
        self.password = url.password.map { $0.removingPercentEncoding ?? $0 }
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        self.database = path.isEmpty ? self.username : path
    }
}
