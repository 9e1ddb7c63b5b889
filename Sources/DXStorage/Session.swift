import Logging
import NIOCore
import PostgresNIO
import SQLKit
import SQLiteNIO

/// The `SQLDatabase` every query in dxtrack runs on: SQLKit's, plus the driver's
/// connection behind it, for the paths that move a national data set at once: writing
/// values and audit records (``Session/insert(into:columns:updatingOn:cells:)``) and
/// reading values (``Session/all(_:)``, ``Session/rows(_:_:)``, and ``Session/each(_:_:_:)``
/// for every value at once).
///
/// Those paths bind and read through the driver directly. SQLKit's builder turns each
/// bind into an `Encodable` and each row into a keyed decoder; for ten million values
/// that bookkeeping cost more than SQLite's own work. The SQL text is the same on both
/// databases but for the placeholders (`?` and `$1`), which is all SQLKit varies too.
struct Session: SQLDatabase {
    enum Driver: Sendable {
        case sqlite(SQLiteConnection)
        case postgres(PostgresConnection)
    }

    let base: any SQLDatabase
    let driver: Driver

    init(_ connection: SQLiteConnection) {
        base = connection.sql(queryLogLevel: .trace)
        driver = .sqlite(connection)
    }

    init(_ connection: PostgresConnection) {
        base = connection.sql(queryLogLevel: .trace)
        driver = .postgres(connection)
    }

    /// The session behind `sql`; every database dxtrack opens hands out sessions.
    static func of(_ sql: any SQLDatabase) -> Session {
        guard let session = sql as? Session else { preconditionFailure("\(type(of: sql)) is not a dxtrack session") }
        return session
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await base.execute(sql: query, onRow)
    }
}

/// One value bound to a placeholder, or read from a row.
enum Cell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case integer(Int)
    case null
}

/// A Swift value that binds as one ``Cell``; nil binds as NULL.
protocol CellConvertible: Sendable {
    var cell: Cell { get }
}

extension String: CellConvertible { var cell: Cell { .text(self) } }
extension Double: CellConvertible { var cell: Cell { .number(self) } }
extension Int: CellConvertible { var cell: Cell { .integer(self) } }
extension Optional: CellConvertible where Wrapped: CellConvertible {
    var cell: Cell { self?.cell ?? .null }
}

extension Session {
    /// Inserts `cells` (row after row, `columns.count` to a row) in multi-row statements;
    /// with `key`, a row whose key exists replaces the stored one's other columns.
    ///
    /// 1,000 rows to a statement: one statement per row is ~15× slower through sqlite-nio,
    /// and 1,000 rows stay under both databases' bind limits (SQLite 32,766; PostgreSQL
    /// 65,535) for up to 32 columns.
    func insert(into table: String, columns: [String], updatingOn key: [String]? = nil, cells: [Cell]) async throws {
        precondition(!columns.isEmpty && cells.count % columns.count == 0)
        let width = columns.count, rowsPerStatement = 1000
        var start = 0
        while start < cells.count {
            let end = min(start + rowsPerStatement * width, cells.count)
            let text = Self.insertText(table: table, columns: columns, key: key, rows: (end - start) / width)
            try await run(text, cells[start..<end])
            start = end
        }
    }

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

    /// `text` with its `?` placeholders numbered (`$1`, `$2`, …), as PostgreSQL takes them.
    /// dxtrack's own statements hold no `?` anywhere else.
    static func numbered(_ text: String) -> String {
        var out = "", n = 0
        out.reserveCapacity(text.utf8.count * 2)
        for c in text.unicodeScalars {
            if c == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The rows `text` returns, its `?` placeholders bound to `binds`.
    func rows(_ text: String, _ binds: [Cell]) async throws -> [CellRow] {
        try await run(text, binds[...])
    }

    /// The rows a query built with SQLKit returns, read through the driver; its binds
    /// are text and numbers.
    func all(_ query: any SQLExpression) async throws -> [CellRow] {
        let (text, binds) = serialize(query)
        var cells: [Cell] = []
        cells.reserveCapacity(binds.count)
        for bind in binds {
            switch bind {
            case let s as String: cells.append(.text(s))
            case let x as Double: cells.append(.number(x))
            case let i as Int: cells.append(.integer(i))
            default: throw SessionError("cannot bind \(type(of: bind)) in \(text)")
            }
        }
        return try await run(text, cells[...], placeholders: .native)
    }

    /// How a statement's text writes its placeholders: `?` (dxtrack's own statements), or
    /// already as the driver takes them (SQLKit's).
    private enum Placeholders { case questionMarks, native }

    @discardableResult
    private func run(_ text: String, _ cells: ArraySlice<Cell>, placeholders: Placeholders = .questionMarks) async throws -> [CellRow] {
        switch driver {
        case .sqlite(let conn):
            let rows = try await conn.query(text, cells.map(Self.sqliteData))
            guard let first = rows.first else { return [] }
            let columns = CellRow.Columns(first.columns.map(\.name))
            return rows.map { row in CellRow(columns: columns, cells: row.columns.map { Self.cell($0.data) }) }
        case .postgres(let conn):
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
        case .sqlite(let conn):
            try await conn.query(text, binds.map(Self.sqliteData)) { row in body(row.columns.map { Self.cell($0.data) }) }
        case .postgres(let conn):
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
            case .null: binds.appendNull()
            }
        }
        return PostgresQuery(unsafeSQL: placeholders == .native ? text : Self.numbered(text), binds: binds)
    }

    private static func sqliteData(_ cell: Cell) -> SQLiteData {
        switch cell {
        case .text(let s): .text(s)
        case .number(let x): .float(x)
        case .integer(let i): .integer(i)
        case .null: .null
        }
    }

    private static func cell(_ data: SQLiteData) -> Cell {
        switch data {
        case .text(let s): .text(s)
        case .float(let x): .number(x)
        case .integer(let i): .integer(i)
        case .null, .blob: .null
        }
    }

    private static func cell(_ cell: PostgresCell) throws -> Cell {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .float8, .float4: return .number(try cell.decode(Double.self))
        case .int8, .int4, .int2: return .integer(try cell.decode(Int.self))
        default: return .text(try cell.decode(String.self))
        }
    }
}

/// A row as ``Session`` reads it: its cells, found by column name.
struct CellRow: Sendable {
    /// The column names, shared by every row of a result.
    final class Columns: Sendable {
        let index: [String: Int]

        init(_ names: [String]) {
            index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    let columns: Columns
    let cells: [Cell]

    func text(_ column: String) throws -> String {
        guard case .text(let s) = try cell(column) else { throw mismatch(column, "text") }
        return s
    }

    func optionalText(_ column: String) throws -> String? {
        switch try cell(column) {
        case .text(let s): return s
        case .null: return nil
        default: throw mismatch(column, "text")
        }
    }

    func number(_ column: String) throws -> Double? {
        switch try cell(column) {
        case .number(let x): return x
        case .integer(let i): return Double(i)
        case .null: return nil
        case .text: throw mismatch(column, "a number")
        }
    }

    private func cell(_ column: String) throws -> Cell {
        guard let i = columns.index[column] else { throw SessionError("the result has no column \(column)") }
        return cells[i]
    }

    private func mismatch(_ column: String, _ expected: String) -> SessionError {
        SessionError("column \(column) holds \(cells[columns.index[column]!]), not \(expected)")
    }
}

/// A statement dxtrack built that its driver-level paths cannot run: a programming error.
struct SessionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
