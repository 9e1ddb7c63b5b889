import Foundation
import NIOPosix
import VaporCSQLite

/// One connection to an SQLite file, opened, stepped and closed by dxtrack itself through
/// SQLite's C interface: the copy sqlite-nio bundles, whose symbols carry a `sqlite_nio_`
/// prefix so that no other SQLite in the process can clash with it.
///
/// Owning the handle is what lets the paths that move a national data set prepare a
/// statement once and step it for every row (``ValueWrite``). Every statement is prepared
/// once per connection and text and kept (``statement(_:)``), as GRDB's `cachedStatement`
/// does: SQLKit's builders give the same text for the same query shape, so the dashboard's
/// queries and the migrator's are compiled once, not on every request.
///
/// SQLite's calls block, so they run on NIO's thread pool (``run(_:)``), never on the
/// cooperative threads Swift's tasks share.
///
/// `@unchecked Sendable` is safe here because one task at a time uses a handle: its
/// ``SQLitePool`` hands each connection to one holder and takes it back before handing it
/// on, and that holder runs its calls one after another, awaiting each. The statement cache,
/// the only mutable state, is touched only inside those calls. SQLite is moreover opened in
/// its serialized mode (`SQLITE_OPEN_FULLMUTEX`), so even two threads calling at once could
/// not corrupt the connection.
final class SQLiteHandle: @unchecked Sendable {
    private let db: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]
    private var isClosed = false

    /// Statements kept per connection: enough for every query shape dxtrack has; beyond it
    /// (texts that vary with their data, a bulk insert's last short chunk) the cache starts over.
    static let cachedStatements = 200

    init(path: String) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let failure = SQLiteFailure(code: code, message: handle.map(SQLiteFailure.message) ?? "out of memory", sql: nil)
            sqlite_nio_sqlite3_close_v2(handle)
            throw failure
        }
        db = handle
    }

    deinit { close() }

    /// Runs `body` with this connection on NIO's thread pool.
    ///
    /// The call runs to its end even when the calling task is cancelled meanwhile: a
    /// `ROLLBACK` skipped that way would leave the writer inside a transaction.
    func run<T: Sendable>(_ body: @escaping @Sendable (SQLiteHandle) throws -> T) async throws -> T {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        return try await NIOThreadPool.singleton.runIfActive(eventLoop: loop) { try body(self) }.get()
    }

    /// The statement for `text`, prepared on the first call and kept for the next.
    func statement(_ text: String) throws -> SQLiteStatement {
        if let kept = statements[text] { return kept }
        if statements.count >= Self.cachedStatements { statements = [:] }
        let made = try SQLiteStatement(db, text)
        statements[text] = made
        return made
    }

    /// Runs `text` with its placeholders (`?` or `?NNN`) bound to `binds`, handing each row to `row`.
    func query(_ text: String, _ binds: some Collection<Cell>, _ row: (CellRow) throws -> Void) throws {
        let statement = try statement(text)
        defer { statement.finish() }
        try statement.bind(binds)
        var columns: CellRow.Columns?
        while try statement.step() {
            let names = columns ?? CellRow.Columns(statement.columnNames)
            columns = names
            try row(CellRow(columns: names, cells: statement.cells))
        }
    }

    /// The rows `text` returns.
    func rows(_ text: String, _ binds: some Collection<Cell>) throws -> [CellRow] {
        var rows: [CellRow] = []
        try query(text, binds) { rows.append($0) }
        return rows
    }

    /// Runs a statement that needs no binds (a pragma, `BEGIN`, `COMMIT`), ignoring what it returns.
    func execute(_ text: String) throws {
        try query(text, [Cell]()) { _ in }
    }

    /// Finalizes every kept statement and closes the connection.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        statements = [:]
        sqlite_nio_sqlite3_close_v2(db)
    }
}

/// An error SQLite reported, with its extended result code (`SQLITE_CONSTRAINT_UNIQUE`,
/// `SQLITE_BUSY`, …), its message, and the statement it came from.
struct SQLiteFailure: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    let sql: String?

    var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " in \($0.prefix(300))" } ?? "")
    }

    static func message(_ db: OpaquePointer) -> String { String(cString: sqlite_nio_sqlite3_errmsg(db)) }
}
