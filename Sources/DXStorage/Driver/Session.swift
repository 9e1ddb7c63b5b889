import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import SQLKit
import SQLiteKit

/// The connection every query in dxtrack runs on, handed out by ``Database``: an
/// `SQLDatabase` for SQLKit's builders, plus the driver behind it, for the paths that move
/// a national data set at once: writing values and audit records
/// (``insert(into:columns:updatingOn:cells:)``) and reading values (``all(_:)``,
/// ``rows(_:_:)``, and ``each(_:_:_:)`` for every value at once).
///
/// Those paths bind and read through the driver directly. SQLKit's builder turns each
/// bind into an `Encodable` and each row into a keyed decoder; for ten million values
/// that bookkeeping cost more than the database's own work. The SQL text is the same on
/// both databases but for the placeholders (`?` here, `$1` for PostgreSQL:
/// ``Placeholders``), which is all SQLKit varies too.
///
/// On SQLite the connection is dxtrack's own (``SQLiteHandle``); on PostgreSQL it is
/// PostgresNIO's, and SQLKit's queries go through postgres-kit.
public struct Session: SQLDatabase {
    enum Driver: Sendable {
        case sqlite(SQLiteHandle)
        /// The connection, and postgres-kit's `SQLDatabase` over it.
        case postgres(PostgresConnection, any SQLDatabase)
    }

    let driver: Driver
    public let logger: Logger

    init(_ handle: SQLiteHandle, logger: Logger) {
        driver = .sqlite(handle)
        self.logger = logger
    }

    init(_ connection: PostgresConnection) {
        driver = .postgres(connection, connection.sql(queryLogLevel: .trace))
        logger = connection.logger
    }

    public var eventLoop: any EventLoop {
        switch driver {
        case .sqlite: MultiThreadedEventLoopGroup.singleton.any()
        case .postgres(_, let sql): sql.eventLoop
        }
    }

    public var version: (any SQLDatabaseReportedVersion)? {
        switch driver {
        case .sqlite: nil
        case .postgres(_, let sql): sql.version
        }
    }

    public var dialect: any SQLDialect {
        switch driver {
        case .sqlite: SQLiteDialect()
        case .postgres(_, let sql): sql.dialect
        }
    }

    public var queryLogLevel: Logger.Level? { .trace }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        switch driver {
        case .sqlite(let handle):
            let (text, binds) = serialize(query)
            let cells = try binds.map(Cell.init(binding:))
            logger.trace("\(text)")
            try await handle.run { try $0.query(text, cells) { onRow($0) } }
        case .postgres(_, let sql):
            try await sql.execute(sql: query, onRow)
        }
    }
}

extension Session {
    /// Inserts `cells` (row after row, `columns.count` to a row) in multi-row statements;
    /// with `key`, a row whose key exists replaces the stored one's other columns.
    ///
    /// On PostgreSQL 1,000 rows go to a statement: a round trip per row would cost more than
    /// the rows, and 1,000 rows stay under its bind limit (65,535) for up to 65 columns. On
    /// SQLite the rows are stepped through two statements kept on the connection, one of
    /// ``rowsPerInsert`` rows and one of a single row, in one call to the thread pool.
    func insert(into table: String, columns: [String], updatingOn key: [String]? = nil, cells: [Cell]) async throws {
        precondition(!columns.isEmpty && cells.count % columns.count == 0)
        let width = columns.count
        switch driver {
        case .sqlite(let handle):
            let many = Self.insertText(table: table, columns: columns, key: key, rows: Self.rowsPerInsert)
            let one = Self.insertText(table: table, columns: columns, key: key, rows: 1)
            try await handle.run { handle in
                var start = 0
                while start < cells.count {
                    let rows = (cells.count - start) / width >= Self.rowsPerInsert ? Self.rowsPerInsert : 1
                    let end = start + rows * width
                    try handle.query(rows == 1 ? one : many, cells[start..<end]) { _ in }
                    start = end
                }
            }
        case .postgres:
            let rowsPerStatement = 1000
            var start = 0
            while start < cells.count {
                let end = min(start + rowsPerStatement * width, cells.count)
                let text = Self.insertText(table: table, columns: columns, key: key, rows: (end - start) / width)
                try await run(text, cells[start..<end])
                start = end
            }
        }
    }

    /// Rows to one SQLite insert: a statement per row costs its own dispatch; 32 rows share one.
    static let rowsPerInsert = 32

    static func insertText(table: String, columns: [String], key: [String]?, rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        var text = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
        if let key {
            let set = columns.filter { !key.contains($0) }.map { "\($0) = excluded.\($0)" }
            text += " ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET " + set.joined(separator: ", ")
        }
        return text
    }

    /// The rows `text` returns, its `?` placeholders bound to `binds`.
    func rows(_ text: String, _ binds: [Cell]) async throws -> [CellRow] {
        try await run(text, binds[...])
    }

    /// The rows a query built with SQLKit returns, read through the driver.
    func all(_ query: any SQLExpression) async throws -> [CellRow] {
        let (text, binds) = serialize(query)
        return try await run(text, try binds.map(Cell.init(binding:))[...], placeholders: .native)
    }

    @discardableResult
    private func run(_ text: String, _ cells: ArraySlice<Cell>, placeholders: Placeholders = .questionMarks) async throws -> [CellRow] {
        switch driver {
        case .sqlite(let handle):
            return try await handle.run { try $0.rows(text, cells) }
        case .postgres(let conn, _):
            let rows = try await conn.query(postgresQuery(text, cells, placeholders), logger: logger).collect()
            guard let first = rows.first else { return [] }
            let columns = CellRow.Columns(first.map(\.columnName))
            return try rows.map { row in CellRow(columns: columns, cells: try row.map(Self.cell)) }
        }
    }

    /// Hands each row `text` returns to `body` as it is read, its cells in the order of the
    /// statement's columns, never holding the whole result: for reading every value at once.
    func each(_ text: String, _ binds: [Cell], _ body: @escaping @Sendable ([Cell]) -> Void) async throws {
        switch driver {
        case .sqlite(let handle):
            try await handle.run { try $0.query(text, binds) { body($0.cells) } }
        case .postgres(let conn, _):
            for try await row in try await conn.query(postgresQuery(text, binds[...], .questionMarks), logger: logger) {
                body(try row.map(Self.cell))
            }
        }
    }

    private func postgresQuery(_ text: String, _ cells: ArraySlice<Cell>, _ placeholders: Placeholders) -> PostgresQuery {
        var binds = PostgresBindings(capacity: cells.count)
        for cell in cells {
            switch cell {
            case .text(let s): binds.append(s)
            case .number(let x): binds.append(x)
            case .integer(let i): binds.append(i)
            case .blob(let data): binds.append(ByteBuffer(bytes: data))
            case .null: binds.appendNull()
            }
        }
        return PostgresQuery(unsafeSQL: placeholders == .native ? text : Placeholders.numbered(text), binds: binds)
    }

    private static func cell(_ cell: PostgresCell) throws -> Cell {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .float8, .float4: return .number(try cell.decode(Double.self))
        case .int8, .int4, .int2: return .integer(try cell.decode(Int.self))
        case .bytea: return .blob(Data(buffer: try cell.decode(ByteBuffer.self)))
        default: return .text(try cell.decode(String.self))
        }
    }
}

/// A statement dxtrack built that its driver-level paths cannot run: a programming error.
struct SessionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
