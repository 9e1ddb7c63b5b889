import DXDomain
import Foundation
import SQLKit

/// The information-system registry: entries checked and written all or nothing, every
/// change audited like a value, and the indicators computed from it kept up to date.
public struct Registry: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    public func systems(within root: String? = nil) async throws -> [InformationSystem] {
        try await db.read { try await RegistryStore($0).systems(within: root) }
    }

    public struct Outcome: Sendable, Equatable {
        public var added = 0
        public var updated = 0
        public var unchanged = 0
    }

    /// Writes new and changed entries. Each entry must be valid, owned by a known unit
    /// inside `scope` (when given), and not take over the code of a system owned outside
    /// it. Throws every problem as `systems[i].field`, writing nothing.
    @discardableResult
    public func save(_ systems: [InformationSystem], by user: String, within scope: String? = nil, dryRun: Bool = false,
                     today: LocalDate) async throws -> Outcome {
        let dialect = db.dialect
        let outcome: Outcome = try await db.transaction { sql in
            let units = try await OrgUnitStore(sql).find(codes: Set(systems.map(\.ownerUnit)))
            var allowed: Set<String>? = nil
            if let scope { allowed = Set(try await OrgUnitStore(sql).subtree(of: scope)) }
            let before = try await RegistryStore(sql).find(codes: Set(systems.map(\.code)))
            var problems: [DomainError] = []
            for (i, s) in systems.enumerated() {
                let at = "systems[\(i)]"
                problems += s.validate().map { $0.at(field: "\(at).\($0.field ?? "code")") }
                if units[s.ownerUnit] == nil {
                    problems.append(DomainError.unknown(.unit, code: s.ownerUnit).at(field: "\(at).ownerUnit"))
                }
                for owner in [s.ownerUnit, before[s.code]?.ownerUnit].compactMap({ $0 }) where allowed.map({ !$0.contains(owner) }) ?? false {
                    problems.append(DomainError(code: "forbidden", field: "\(at).ownerUnit",
                                                vi: "Hệ thống \(s.code): đơn vị \(owner) nằm ngoài phạm vi của tài khoản.",
                                                en: "System \(s.code): unit \(owner) is outside this account's scope.", kind: .forbidden))
                }
            }
            guard problems.isEmpty else { throw DomainErrors(problems) }
            let changed = systems.filter { before[$0.code] != $0 }
            var outcome = Outcome()
            outcome.added = changed.filter { before[$0.code] == nil }.count
            outcome.updated = changed.count - outcome.added
            outcome.unchanged = systems.count - changed.count
            guard !dryRun, !changed.isEmpty else { return outcome }
            try await RegistryStore(sql).save(changed, by: user)
            try await AuditLog.append(changed.map { s in
                AuditRecord(actor: user, action: before[s.code] == nil ? "registry.create" : "registry.update", entity: "system:\(s.code)",
                            before: before[s.code].map(Self.json), after: Self.json(s))
            }, on: sql, dialect: dialect)
            return outcome
        }
        if !dryRun && outcome.added + outcome.updated > 0 { try await ComputedValues(db).recompute(.registry, today: today) }
        return outcome
    }

    static func json(_ s: InformationSystem) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(s)) ?? Data(), as: UTF8.self)
    }
}
