import SQLKit

/// The counts `/metrics` reports, each one cheap query (indexed or over small tables).
struct VitalsStore {
    let sql: Session

    func count(_ query: SQLQueryString) async throws -> Int {
        try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func counts(byStatusOf table: String) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for row in try await sql.raw("SELECT status, COUNT(*) AS n FROM \(unsafeRaw: table) GROUP BY status").all() {
            out[try row.text("status")] = try row.decode(column: "n", as: Int.self)
        }
        return out
    }
}
