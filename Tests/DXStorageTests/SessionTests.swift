import DXTestSupport
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
                [.text("k\(i)"), .text("tên \(i) – ư\"'?"), i % 3 == 0 ? .null : .number(Double(i) / 8), .integer(i * 1_000_000)]
            }
            let read = try await db.transaction { sql in
                let session = Session.of(sql)
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
            let count = try await db.read { try await Session.of($0).rows("SELECT COUNT(*) AS c FROM session_probe WHERE k <> ?", [.text("none")]) }
            #expect(try count.first?.number("c") == 2_500)
        }
    }

    @Test(arguments: TestBackend.available)
    func aBindItCannotPassIsRefusedNotGuessed(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            await #expect(throws: SessionError.self) {
                try await db.read { sql in try await Session.of(sql).all(sql.select().column("*").from("org_units").where("code", .equal, Optional<String>.none).query) }
            }
            let wrong = try await db.read { try await Session.of($0).rows("SELECT code FROM org_units WHERE 1 = 0 UNION ALL SELECT 'x'", []) }
            #expect(throws: SessionError.self) { try wrong.first?.number("code") }
        }
    }
}
