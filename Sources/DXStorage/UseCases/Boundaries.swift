import DXDomain
import Foundation

/// Units' outlines for the indicator map: all of a file or none, every unit checked.
public struct Boundaries: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// Saves the outlines (replacing a unit's earlier one) with one audit record; throws every
    /// unknown unit, as `features[i]` in the order given, and writes nothing.
    public func save(_ boundaries: [Boundary], by user: String) async throws {
        let dialect = db.dialect
        try await db.transaction { sql in
            let known = try await OrgUnitStore(sql).names()
            let problems = boundaries.enumerated().filter { known[$0.element.unitCode] == nil }.map { i, b in
                DomainError.unknown(.unit, code: b.unitCode).at(field: "features[\(i)].properties")
            }
            guard problems.isEmpty else { throw DomainErrors(problems) }
            try await BoundaryStore(sql).save(boundaries)
            try await AuditLog.append([AuditRecord(actor: user, action: "boundaries.import", entity: "boundaries",
                                                   after: boundaries.map(\.unitCode).sorted().joined(separator: ","))], on: sql, dialect: dialect)
        }
    }
}
