import SQLKit

/// The counts `/metrics` reports, each one cheap query (indexed or over small tables).
struct VitalsStore {
    let sql: Session

    func count(_ query: SQLQueryString) async throws -> Int {
        try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Rows of a table counted by one of its columns (`table` and `column` are dxtrack's own names, never input).
    func counts(by column: String = "status", of table: String) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for row in try await sql.raw("SELECT \(unsafeRaw: column) AS k, COUNT(*) AS n FROM \(unsafeRaw: table) GROUP BY \(unsafeRaw: column)").all() {
            out[try row.text("k")] = try row.decode(column: "n", as: Int.self)
        }
        return out
    }
}
