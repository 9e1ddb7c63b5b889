import DXDomain
import SQLKit

/// Org units and the changes of the map, over one connection or transaction.
public struct OrgUnitStore: Sendable {
    let sql: Session

    public init(_ sql: Session) { self.sql = sql }

    private static let upsert = Upsert(
        table: "org_units", columns: ["code", "name", "kind", "parent_code", "valid_from", "valid_to"], key: ["code"])

    public func save(_ units: [OrgUnit]) async throws {
        try await Self.upsert.run(units.map {
            [$0.code, $0.name, $0.kind.rawValue, $0.parentCode, $0.validFrom?.iso, $0.validTo?.iso]
        }, on: sql)
    }

    public func saveChanges(_ changes: [OrgUnitChange]) async throws {
        try await Upsert(table: "org_unit_changes",
                         columns: ["predecessor_code", "successor_code", "kind", "effective", "share"],
                         key: ["predecessor_code", "successor_code"])
            .run(changes.map { [$0.predecessorCode, $0.successorCode, $0.kind.rawValue, $0.effective.iso, $0.share] }, on: sql)
    }

    /// Every unit, ordered by code.
    public func all() async throws -> [OrgUnit] {
        try await sql.raw("SELECT * FROM org_units ORDER BY code").all().map(Self.unit)
    }

    /// Every unit's name by its code, for tables that show names.
    public func names() async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await all().map { ($0.code, $0.name) })
    }

    public func find(_ code: String) async throws -> OrgUnit? {
        try await sql.raw("SELECT * FROM org_units WHERE code = \(bind: code)").first().map(Self.unit)
    }

    /// The direct children of `code`, ordered by code.
    public func children(of code: String) async throws -> [OrgUnit] {
        try await sql.raw("SELECT * FROM org_units WHERE parent_code = \(bind: code) ORDER BY code").all().map(Self.unit)
    }

    public func changes() async throws -> [OrgUnitChange] {
        try await sql.raw("SELECT * FROM org_unit_changes ORDER BY effective, predecessor_code, successor_code").all().map { row in
            OrgUnitChange(predecessorCode: try row.text("predecessor_code"), successorCode: try row.text("successor_code"),
                          kind: try enumValue(row, "kind"), effective: try LocalDate(iso: row.text("effective")),
                          share: try row.number("share"))
        }
    }

    static func unit(_ row: any SQLRow) throws -> OrgUnit {
        OrgUnit(code: try row.text("code"), name: try row.text("name"), kind: try enumValue(row, "kind"),
                parentCode: try row.optionalText("parent_code"),
                validFrom: try row.optionalText("valid_from").map { try LocalDate(iso: $0) },
                validTo: try row.optionalText("valid_to").map { try LocalDate(iso: $0) })
    }
}

/// Reads an enum stored by its raw value, failing loudly on a value this build does not know.
func enumValue<E: RawRepresentable>(_ row: any SQLRow, _ column: String) throws -> E where E.RawValue == String {
    let raw = try row.text(column)
    guard let value = E(rawValue: raw) else { throw StorageError.unknownValue(column: column, value: raw) }
    return value
}

public enum StorageError: Error, CustomStringConvertible {
    case unknownValue(column: String, value: String)

    public var description: String {
        switch self {
        case .unknownValue(let c, let v): "Stored value \"\(v)\" in column \(c) is not known to this dxtrack."
        }
    }
}

extension OrgUnitStore {
    /// The units among `codes`, keyed by code.
    public func find(codes: Set<String>) async throws -> [String: OrgUnit] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await sql.select().column("*").from("org_units").where("code", .in, Array(codes)).all()
        return Dictionary(uniqueKeysWithValues: try rows.map(Self.unit).map { ($0.code, $0) })
    }
}

extension OrgUnitStore {
    /// The codes from `code` up to the root: the unit itself first, then its parent, and so on.
    /// Empty when the unit does not exist.
    public func ancestry(of code: String) async throws -> [String] {
        try await sql.raw("""
            WITH RECURSIVE up (code, parent_code, depth) AS (
                SELECT code, parent_code, 0 FROM org_units WHERE code = \(bind: code)
                UNION ALL
                SELECT o.code, o.parent_code, up.depth + 1 FROM org_units o JOIN up ON o.code = up.parent_code
                WHERE up.depth < 32
            )
            SELECT code FROM up ORDER BY depth
            """).all().map { try $0.text("code") }
    }
}

extension OrgUnitStore {
    /// The unit and its ancestors, the unit first.
    public func ancestors(of code: String) async throws -> [OrgUnit] {
        let codes = try await ancestry(of: code)
        let units = try await find(codes: Set(codes))
        return codes.compactMap { units[$0] }
    }

    /// The codes of `root` and every unit below it.
    public func subtree(of root: String) async throws -> [String] {
        try await sql.raw(DataValueStore.subtree(of: root)).all().map { try $0.text("code") }
    }
}

extension OrgUnitStore {
    /// The unit's administrative level, or the first one up its ancestry: a school
    /// or hospital counts at the level of the department or commune it belongs to.
    public func adminLevel(of code: String) async throws -> AdminLevel? {
        for c in try await ancestry(of: code) {
            if let level = try await find(c)?.kind.adminLevel { return level }
        }
        return nil
    }
}
