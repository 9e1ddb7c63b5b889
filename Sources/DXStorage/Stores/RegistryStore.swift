import DXDomain
import Foundation
import SQLKit

/// The information-system registry, over one connection or transaction.
public struct RegistryStore: Sendable {
    let sql: Session

    public init(_ sql: Session) { self.sql = sql }

    static let columns = ["code", "name", "owner_unit", "purpose", "information", "kind", "personal_data_subjects", "proposed_level",
                          "approved_level", "decision_number", "decision_date", "approver", "protection_plan", "protection_plan_date",
                          "hosting", "hosted_since", "monitored", "monitored_since", "status", "in_operation_since", "retired_on",
                          "updated_by", "updated_at"]

    func save(_ systems: [InformationSystem], by user: String) async throws {
        let now = Timestamp.now()
        try await Upsert(table: "information_systems", columns: Self.columns, key: ["code"]).run(systems.map { s in
            [s.code, s.name, s.ownerUnit, s.purpose, s.information.rawValue, s.kind.rawValue, s.personalDataSubjects, s.proposedLevel,
             s.approvedLevel, s.decisionNumber, s.decisionDate?.iso, s.approver, s.protectionPlan, s.protectionPlanDate?.iso,
             s.hosting.rawValue, s.hostedSince?.iso, s.monitored ? 1 : 0, s.monitoredSince?.iso, s.status.rawValue,
             s.inOperationSince?.iso, s.retiredOn?.iso, user, now] as [any CellConvertible]
        }, on: sql)
    }

    /// The systems owned by units of `root`'s subtree (every system without a root).
    public func systems(within root: String? = nil) async throws -> [InformationSystem] {
        let scope: SQLQueryString = root.map { "WHERE owner_unit IN (\(DataValueStore.subtree(of: $0)))" } ?? ""
        return try await sql.raw("SELECT * FROM information_systems \(scope) ORDER BY owner_unit, code").all().map(Self.system)
    }

    public func find(codes: Set<String>) async throws -> [String: InformationSystem] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await sql.select().column("*").from("information_systems").where("code", .in, Array(codes)).all()
        return Dictionary(uniqueKeysWithValues: try rows.map(Self.system).map { ($0.code, $0) })
    }

    static func system(_ row: any SQLRow) throws -> InformationSystem {
        func date(_ c: String) throws -> LocalDate? { try row.optionalText(c).map { try LocalDate(iso: $0) } }
        func int(_ c: String) throws -> Int? { try row.decode(column: c, as: Int?.self) }
        return InformationSystem(
            code: try row.text("code"), name: try row.text("name"), ownerUnit: try row.text("owner_unit"), purpose: try row.optionalText("purpose"),
            information: try enumValue(row, "information"), kind: try enumValue(row, "kind"), personalDataSubjects: try int("personal_data_subjects"),
            proposedLevel: try int("proposed_level"), approvedLevel: try int("approved_level"), decisionNumber: try row.optionalText("decision_number"),
            decisionDate: try date("decision_date"), approver: try row.optionalText("approver"), protectionPlan: try row.optionalText("protection_plan"),
            protectionPlanDate: try date("protection_plan_date"), hosting: try enumValue(row, "hosting"), hostedSince: try date("hosted_since"),
            monitored: try row.decode(column: "monitored", as: Int.self) != 0, monitoredSince: try date("monitored_since"),
            status: try enumValue(row, "status"), inOperationSince: try date("in_operation_since"), retiredOn: try date("retired_on"))
    }
}
