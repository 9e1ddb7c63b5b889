import DXTestSupport
import Foundation
@testable import DXStorage
import SQLKit
import Testing

/// The driver-level paths (bulk insert, reads without SQLKit's decoder) give back what
/// they were given, on both databases.
@Suite struct SessionTests {
    @Test(arguments: TestBackend.available)
    func rowsRoundTripAcrossStatementsAndUpsert(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            // 2,500 rows: three statements, the last one short.
            let rows = (0..<2_500).map { i -> [Cell] in
                let x: Cell = i % 3 == 0 ? .null : .number(Double(i) / 8)
                return [.text("k\(i)"), .text("tên \(i) – ư\"'?"), x, .integer(i * 1_000_000)]
            }
            let read = try await db.transaction { sql in
                let session = sql
                try await sql.raw("CREATE TABLE session_probe (k TEXT PRIMARY KEY, name TEXT, x DOUBLE PRECISION, n BIGINT)").run()
                try await session.insert(into: "session_probe", columns: ["k", "name", "x", "n"], cells: rows.flatMap { $0 })
                // The key exists: the other columns are replaced.
                try await session.insert(into: "session_probe", columns: ["k", "name", "x", "n"], updatingOn: ["k"],
                                         cells: [.text("k7"), .text("đổi"), .number(-1.5), .null])
                return try await session.all(sql.select().column("*").from("session_probe").where("k", .in, ["k7", "k9"]).orderBy("k").query)
            }
            #expect(read.count == 2)
            #expect(try read.map { try $0.text("name") } == ["đổi", "tên 9 – ư\"'?"])
            #expect(try read.map { try $0.number("x") } == [-1.5, nil])
            #expect(try read.map { try $0.number("n") } == [nil, 9_000_000])
            let count = try await db.read { try await $0.rows("SELECT COUNT(*) AS c FROM session_probe WHERE k <> ?", [.text("none")]) }
            #expect(try count.first?.number("c") == 2_500)
        }
    }

    /// A pair of numbers: something no SQL value holds, which SQLKit would still pass on as a bind.
    private struct Pair: Encodable, Sendable { let a = 1, b = 2 }

    @Test(arguments: TestBackend.available)
    func aBindItCannotPassIsRefusedNotGuessed(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            await #expect(throws: CellError.self) {
                try await db.read { sql in try await sql.all(sql.select().column("*").from("org_units").where("code", .equal, Pair()).query) }
            }
            // Nothing (nil) is a value: NULL, which equals nothing.
            let none = try await db.read { sql in
                try await sql.all(sql.select().column("*").from("org_units").where("code", .equal, Optional<String>.none).query)
            }
            #expect(none.isEmpty)
            let wrong = try await db.read { try await $0.rows("SELECT code FROM org_units WHERE 1 = 0 UNION ALL SELECT 'x'", []) }
            #expect(throws: CellError.self) { try wrong.first?.number("code") }
        }
    }

    /// SQLKit's own decoding reads the driver's rows: text with a zero byte and accents as bound,
    /// bytes, flags, whole numbers and nothing, on both databases.
    @Test(arguments: TestBackend.available)
    func sqlKitRowsDecodeWhatWasBound(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            // PostgreSQL's text holds no zero byte; SQLite's does, and must give it back.
            let text = (db.dialect == .sqlite ? "a\u{0}b" : "ab") + " – Lạng Sơn ? '?'"
            let bytes = Data([0, 1, 2, 255])
            let row = try await db.transaction { sql in
                try await sql.raw("CREATE TABLE decode_probe (t TEXT, b \(unsafeRaw: db.dialect == .sqlite ? "BLOB" : "BYTEA"), n BIGINT, x DOUBLE PRECISION, z TEXT)").run()
                try await sql.raw("INSERT INTO decode_probe (t, b, n, x, z) VALUES (\(bind: text), \(bind: bytes), \(bind: 42), \(bind: 2.5), \(bind: Optional<String>.none))").run()
                return try await sql.raw("SELECT t, b, n, x, z FROM decode_probe").first()
            }
            let found = try #require(row)
            #expect(try found.decode(column: "t", as: String.self) == text)
            #expect(try found.decode(column: "b", as: Data.self) == bytes)
            #expect(try found.decode(column: "n", as: Int.self) == 42)
            #expect(try found.decode(column: "x", as: Double.self) == 2.5)
            #expect(try found.decode(column: "z", as: String?.self) == nil)
            #expect(try found.decodeNil(column: "z"))
        }
    }

    /// A `?` inside a literal, a quoted name or a comment is not a placeholder: PostgreSQL's
    /// `$n` numbering leaves it alone.
    @Test func placeholdersAreNumberedOutsideLiteralsOnly() {
        #expect(Placeholders.numbered("SELECT '?', \"a?\" FROM t WHERE x = ? AND y = 'it''s ?' -- why?\n AND z = ? /* ? */ AND w = ?")
                == "SELECT '?', \"a?\" FROM t WHERE x = $1 AND y = 'it''s ?' -- why?\n AND z = $2 /* ? */ AND w = $3")
    }

    /// SQLite compiles one statement of a text; a second would be dropped without a word, so it is refused.
    @Test func aSecondStatementInOneTextIsRefused() throws {
        let path = Fixtures.temporaryDirectory() + ".sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try SQLiteHandle(path: path)
        #expect(throws: SQLiteFailure.self) { try handle.execute("CREATE TABLE a (x); DROP TABLE a") }
        try handle.execute("CREATE TABLE a (x);  ")
        #expect(try handle.rows("SELECT count(*) AS n FROM a", [Cell]()).first?.number("n") == 0)
    }
}
