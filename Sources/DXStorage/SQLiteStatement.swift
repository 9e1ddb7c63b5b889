import Foundation
import SQLiteNIO
import VaporCSQLite

/// A statement prepared once on a connection's `sqlite3` handle and stepped for many rows.
///
/// sqlite-nio prepares every statement it runs anew and binds through an array of enums;
/// for the one path that moves a national data set row by row, storing values
/// (``Session/storeValues(_:revision:)``), that cost more than SQLite's own work. This is
/// the C interface, used only there and only inside a transaction the caller holds, so
/// nothing else steps the connection meanwhile (sqlite-nio opens it fully mutexed anyway).
final class SQLiteStatement {
    private let db: OpaquePointer
    private var statement: OpaquePointer?

    init(_ db: OpaquePointer, _ text: String) throws {
        self.db = db
        guard sqlite_nio_sqlite3_prepare_v2(db, text, -1, &statement, nil) == SQLITE_OK else {
            throw SessionError("\(Self.message(db)) in \(text)")
        }
    }

    deinit { sqlite_nio_sqlite3_finalize(statement) }

    func bind(_ index: Int32, _ text: String) {
        // The length, not the terminating zero, ends the text: a comment may hold a zero byte.
        _ = text.withCString { sqlite_nio_sqlite3_bind_text(statement, index, $0, Int32(text.utf8.count), Self.transient) }
    }

    /// Binds text SQLite does not copy: `text` must outlive the statement's use of it (``SQLiteTexts``).
    func bind(_ index: Int32, static text: UnsafePointer<CChar>) {
        sqlite_nio_sqlite3_bind_text(statement, index, text, -1, nil)
    }

    func bind(_ index: Int32, _ text: String?) {
        if let text { bind(index, text) } else { sqlite_nio_sqlite3_bind_null(statement, index) }
    }

    func bind(_ index: Int32, _ x: Double?) {
        if let x { sqlite_nio_sqlite3_bind_double(statement, index, x) } else { sqlite_nio_sqlite3_bind_null(statement, index) }
    }

    func bind(_ index: Int32, _ i: Int64) { sqlite_nio_sqlite3_bind_int64(statement, index, i) }

    /// Runs the statement to its next row; false when it is done. Resets it when done.
    func step() throws -> Bool {
        switch sqlite_nio_sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE:
            sqlite_nio_sqlite3_reset(statement)
            return false
        default:
            let message = Self.message(db)
            sqlite_nio_sqlite3_reset(statement)
            throw SessionError(message)
        }
    }

    /// Rows the last statement on the connection inserted, updated or deleted.
    var changes: Int32 { sqlite_nio_sqlite3_changes(db) }

    func reset() { sqlite_nio_sqlite3_reset(statement) }

    func double(_ column: Int32) -> Double? {
        sqlite_nio_sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite_nio_sqlite3_column_double(statement, column)
    }

    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite_nio_sqlite3_column_text(statement, column) else { return nil }
        return String(cString: bytes)
    }

    func int64(_ column: Int32) -> Int64 { sqlite_nio_sqlite3_column_int64(statement, column) }

    private static func message(_ db: OpaquePointer) -> String { String(cString: sqlite_nio_sqlite3_errmsg(db)) }
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// Texts bound many times over (a batch's unit, indicator and period codes), each made
/// into a C string once and bound as it is: SQLite copies a transient text on every bind,
/// three allocations per value stored.
final class SQLiteTexts {
    private var made: [String: UnsafeMutablePointer<CChar>] = [:]

    func pointer(_ text: String) -> UnsafePointer<CChar> {
        if let p = made[text] { return UnsafePointer(p) }
        let p = strdup(text)!
        made[text] = p
        return UnsafePointer(p)
    }

    deinit { for p in made.values { free(p) } }
}

extension SQLiteConnection {
    /// The `sqlite3` handle sqlite-nio keeps internal, found by reflection. A test checks
    /// that it is found, so that an sqlite-nio that moves it fails there, not in use.
    var rawHandle: OpaquePointer? {
        Mirror(reflecting: self).descendant("handle", "raw") as? OpaquePointer
    }
}
