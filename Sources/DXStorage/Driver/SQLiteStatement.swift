import Foundation
import VaporCSQLite

/// A statement prepared on an ``SQLiteHandle``, bound and stepped for many rows.
///
/// Binds and reads go straight through SQLite's C interface: for the path that moves a
/// national data set row by row (``Session/storeValues(_:revision:periodIDs:)``), an enum
/// per bind and a keyed decoder per row cost more than SQLite's own work.
final class SQLiteStatement {
    private let db: OpaquePointer
    private var statement: OpaquePointer?
    let text: String

    init(_ db: OpaquePointer, _ text: String) throws {
        self.db = db
        self.text = text
        // Persistent: the statement is kept in its connection's cache and used many times.
        var rest = ""
        let code = text.withCString { start in
            var tail: UnsafePointer<CChar>?
            let code = sqlite_nio_sqlite3_prepare_v3(db, start, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            if let tail { rest = String(cString: tail) }
            return code
        }
        guard code == SQLITE_OK else { throw SQLiteFailure(code: code, message: SQLiteFailure.message(db), sql: text) }
        // SQLite compiles the first statement of a text; a second one would be dropped unseen.
        guard rest.allSatisfy({ $0.isWhitespace || $0 == ";" }) else {
            throw SQLiteFailure(code: SQLITE_MISUSE, message: "more than one statement in one text", sql: text)
        }
    }

    deinit { sqlite_nio_sqlite3_finalize(statement) }

    /// Binds `cells` to the placeholders in order.
    func bind(_ cells: some Collection<Cell>) throws {
        guard cells.count == Int(sqlite_nio_sqlite3_bind_parameter_count(statement)) else {
            throw SQLiteFailure(code: SQLITE_RANGE, message: "\(cells.count) values for \(sqlite_nio_sqlite3_bind_parameter_count(statement)) placeholders", sql: text)
        }
        for (i, cell) in zip(Int32(1)..., cells) { bind(i, cell) }
    }

    func bind(_ index: Int32, _ cell: Cell) {
        switch cell {
        case .text(let s): bind(index, s)
        case .number(let x): sqlite_nio_sqlite3_bind_double(statement, index, x)
        case .integer(let i): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(i))
        case .blob(let data):
            _ = data.withUnsafeBytes { sqlite_nio_sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), Self.transient) }
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    func bind(_ index: Int32, _ text: String) {
        // The length, not the terminating zero, ends the text: a comment may hold a zero byte.
        var text = text
        _ = text.withUTF8 { sqlite_nio_sqlite3_bind_text(statement, index, $0.baseAddress, Int32($0.count), Self.transient) }
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
            let failure = SQLiteFailure(code: sqlite_nio_sqlite3_extended_errcode(db), message: SQLiteFailure.message(db), sql: text)
            sqlite_nio_sqlite3_reset(statement)
            throw failure
        }
    }

    /// Rows the last statement on the connection inserted, updated or deleted.
    var changes: Int32 { sqlite_nio_sqlite3_changes(db) }

    func reset() { sqlite_nio_sqlite3_reset(statement) }

    /// Resets the statement and lets go of its binds, so that a kept statement holds no
    /// pointer into texts that may be freed before its next use.
    func finish() {
        sqlite_nio_sqlite3_reset(statement)
        sqlite_nio_sqlite3_clear_bindings(statement)
    }

    var columnNames: [String] {
        (0..<sqlite_nio_sqlite3_column_count(statement)).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) }
    }

    /// The current row's cells, in the statement's column order.
    var cells: [Cell] {
        (0..<sqlite_nio_sqlite3_column_count(statement)).map(cell)
    }

    func cell(_ column: Int32) -> Cell {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: .number(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT: text(column).map(Cell.text) ?? .null
        case SQLITE_BLOB: .blob(blob(column))
        default: .null
        }
    }

    func double(_ column: Int32) -> Double? {
        sqlite_nio_sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite_nio_sqlite3_column_double(statement, column)
    }

    /// The text in `column`, read by its length, as it was bound: a zero byte inside it stays.
    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite_nio_sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func blob(_ column: Int32) -> Data {
        let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
        guard count > 0, let bytes = sqlite_nio_sqlite3_column_blob(statement, column) else { return Data() }
        return Data(bytes: bytes, count: count)
    }

    func int64(_ column: Int32) -> Int64 { sqlite_nio_sqlite3_column_int64(statement, column) }

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
