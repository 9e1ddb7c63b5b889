import DXDomain
import Foundation
import SQLKit

/// Units' outlines for the map, over one connection or transaction.
public struct BoundaryStore: Sendable {
    let sql: Session

    public init(_ sql: Session) { self.sql = sql }

    public func save(_ boundaries: [Boundary]) async throws {
        try await Upsert(table: "unit_boundaries", columns: ["unit_code", "rings"], key: ["unit_code"])
            .run(try boundaries.map { [$0.unitCode, String(decoding: try JSONEncoder().encode($0.rings), as: UTF8.self)] }, on: sql)
    }

    /// The outlines of these units that have one.
    public func find(codes: [String]) async throws -> [Boundary] {
        guard !codes.isEmpty else { return [] }
        return try await sql.select().column("unit_code").column("rings").from("unit_boundaries").where("unit_code", .in, codes).all().map { row in
            Boundary(unitCode: try row.text("unit_code"), rings: try JSONDecoder().decode([[[Double]]].self, from: Data(try row.text("rings").utf8)))
        }
    }
}
