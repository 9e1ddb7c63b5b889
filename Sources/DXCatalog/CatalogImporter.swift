import DXDomain
import DXStorage

/// Writes a checked catalog to the database in one transaction.
///
/// Importing is idempotent: entries are matched by code and written only when
/// new or changed, so importing the same catalog twice changes nothing, and an
/// edited catalog updates exactly what was edited. Entries missing from the file
/// are kept (values may refer to them).
public struct CatalogImporter: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// What an import did, per kind of entry.
    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        public var added: [String: Int] = [:]
        public var updated: [String: Int] = [:]
        public var unchanged: [String: Int] = [:]

        public var description: String {
            ["indicators", "plans", "targets", "units", "changes", "forms", "rules", "campaigns", "provinceMergers"].map { k in
                "\(k): \(added[k, default: 0]) mới/new, \(updated[k, default: 0]) cập nhật/updated, \(unchanged[k, default: 0]) không đổi/unchanged"
            }.joined(separator: "\n")
        }
    }

    /// Checks the catalog, then imports it. Throws the problems, writing nothing, when there are any.
    public func `import`(_ catalog: Catalog) async throws -> Summary {
        let problems = catalog.check()
        guard problems.isEmpty else { throw CatalogProblems(problems) }
        return try await db.transaction { sql in
            let units = OrgUnitStore(sql), store = CatalogStore(sql)
            var summary = Summary()
            func diff<T: Equatable, K: Hashable>(_ name: String, _ new: [T], _ old: [T], key: (T) -> K) -> [T] {
                let existing = Dictionary(old.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
                let changed = new.filter { existing[key($0)] != $0 }
                summary.added[name] = changed.filter { existing[key($0)] == nil }.count
                summary.updated[name] = changed.count - summary.added[name]!
                summary.unchanged[name] = new.count - changed.count
                return changed
            }
            try await units.save(diff("units", catalog.units.map(\.value), try await units.all(), key: \.code))
            try await units.saveChanges(diff("changes", catalog.changes.map(\.value), try await units.changes()) {
                "\($0.predecessorCode)→\($0.successorCode)"
            })
            try await store.save(indicators: diff("indicators", catalog.indicators.map(\.value), try await store.indicators(), key: \.code))
            try await store.save(plans: diff("plans", catalog.plans.map(\.value), try await store.plans(), key: \.code))
            try await store.save(targets: diff("targets", catalog.targets.map(\.value), try await store.targets(), key: \.code))
            try await FormStore(sql).save(diff("forms", catalog.forms.map(\.value), try await FormStore(sql).forms(), key: \.code))
            try await FormStore(sql).save(rules: diff("rules", catalog.rules.map(\.value), try await FormStore(sql).rules(), key: \.code))
            try await CampaignStore(sql).save(diff("campaigns", catalog.campaigns.map(\.value), try await CampaignStore(sql).all(), key: \.code))
            try await store.save(provinceMergers: diff("provinceMergers", catalog.provinceMergers.map(\.value),
                                                       try await store.provinceMergers(), key: \.formerProvince))
            return summary
        }
    }
}

/// The problems that stopped an import.
public struct CatalogProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [CatalogProblem]

    public init(_ problems: [CatalogProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
