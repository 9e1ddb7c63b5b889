import SQLKit

/// Writes rows in multi-row `INSERT … ON CONFLICT (key) DO UPDATE` statements.
///
/// One statement per row is ~15× slower through sqlite-nio than 1,000-row
/// batches; batches also stay under both databases' bind-parameter limits
/// (SQLite 32,766; PostgreSQL 65,535) for tables of up to 32 columns.
struct Upsert {
    let table: String
    let columns: [String]
    let key: [String]

    func run(_ rows: [[any Encodable & Sendable]], on sql: any SQLDatabase, batchSize: Int = 1000) async throws {
        let updated = columns.filter { !key.contains($0) }
        var start = 0
        while start < rows.count {
            let end = min(start + batchSize, rows.count)
            let insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<end] { insert.values(row) }
            insert.onConflict(with: key) { conflict in
                updated.reduce(conflict) { $0.set(excludedValueOf: $1) }
            }
            try await insert.run()
            start = end
        }
    }
}

extension SQLRow {
    func text(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalText(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func number(_ column: String) throws -> Double? { try decode(column: column, as: Double?.self) }
}
