import SQLKit

/// Inserts or replaces rows of a small table (the catalog, units, campaigns), one
/// `[…]` per row; ``Session/insert(into:columns:updatingOn:cells:)`` writes them.
struct Upsert {
    let table: String
    let columns: [String]
    let key: [String]

    func run(_ rows: [[any CellConvertible]], on sql: Session) async throws {
        try await sql.insert(into: table, columns: columns, updatingOn: key, cells: rows.flatMap { $0.map(\.cell) })
    }
}

extension SQLRow {
    func text(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalText(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func number(_ column: String) throws -> Double? { try decode(column: column, as: Double?.self) }
}
