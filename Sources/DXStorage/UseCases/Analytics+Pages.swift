import DXDomain
import SQLKit

extension Analytics {
    /// `indicator` over `unit`'s subtree, period by period from 2021 up to `asOf`:
    /// quarters when the figures are quarterly, else the figures' own period type.
    public func series(indicator code: String, unit: String, through asOf: Period,
                       includeSubmitted: Bool = false) async throws -> (Indicator, [Observation]) {
        let (indicator, inside) = try await db.read { sql in
            guard let indicator = try await CatalogStore(sql).indicator(code) else {
                throw DomainErrors([DomainError.unknown(.indicator, code: code)])
            }
            return (indicator, try await OrgUnitStore(sql).find(codes: Set(try await OrgUnitStore(sql).subtree(of: unit))))
        }
        let end = asOf.end
        let values = try await figures(code, members: inside.values.sorted { $0.code < $1.code }, includeSubmitted: includeSubmitted) { $0.end <= end }
        let type: PeriodType = values.contains { $0.period.type == .quarterly } ? .quarterly : (values.first?.period.type ?? .quarterly)
        return (indicator, Aggregation.series(values, indicator, periods: Period.series(type, endingBy: end)))
    }

    /// A unit whose latest figure misses the threshold a target sets for its kind and level.
    public struct UnitBelowTarget: Hashable, Sendable {
        public var target: Target
        public var indicator: Indicator
        public var unit: OrgUnit
        public var latest: Observation
        public var threshold: Double

        /// How far below, as a share of the threshold: the lists put the furthest first.
        public var gap: Double { abs(latest.value - threshold) / max(abs(threshold), 1e-9) }
    }

    /// For each target in force at `asOf` set for a kind of unit (departments, communes…) in
    /// the plans that apply to `root`, the units inside `root` whose latest figure (within the
    /// two years up to `asOf`, over their own subtree) misses their level's threshold. The
    /// dashboard and the quarterly report list the same units from here.
    public func unitsBelowTarget(within root: String, asOf: Period, includeSubmitted: Bool = false) async throws -> [UnitBelowTarget] {
        let db = db
        let (inside, targets) = try await db.derived("below-targets|\(root)|\(asOf.id)", reads: .structure) { () -> (Subtree, [(Target, Indicator)]) in
            try await Analytics(db).targetsForUnits(within: root, asOf: asOf)
        }
        var out: [UnitBelowTarget] = []
        for (target, indicator) in targets {
            let key = "below|\(root)|\(target.planCode)|\(target.code)|\(asOf.id)|\(includeSubmitted)"
            out += try await db.derived(key, reads: FigureScope(indicators: [indicator.code])) {
                try await Analytics(db).units(within: inside, below: target, indicator, asOf: asOf, includeSubmitted: includeSubmitted)
            }
        }
        return out.sorted { ($0.target.code, $0.unit.code) < ($1.target.code, $1.unit.code) }
    }

    /// The units inside a unit: in the order of their codes (the members figures are read
    /// for), by code, and each one's place in that order.
    struct Subtree: Sendable {
        var units: [OrgUnit]
        var byCode: [String: OrgUnit]
        var position: [String: Int]

        init(_ byCode: [String: OrgUnit]) {
            self.byCode = byCode
            units = byCode.values.sorted { $0.code < $1.code }
            position = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($1.code, $0) })
        }
    }

    /// The units inside `root`, and the targets in force at `asOf` that are set for a kind of
    /// unit in the plans that apply there: the catalog and the units only.
    private func targetsForUnits(within root: String, asOf: Period) async throws -> (Subtree, [(Target, Indicator)]) {
        try await db.read { sql in
            let store = OrgUnitStore(sql), catalog = CatalogStore(sql)
            let ancestry = Set(try await store.ancestry(of: root))
            let inside = try await store.find(codes: Set(try await store.subtree(of: root)))
            let applying = try await catalog.plans().filter { ancestry.contains($0.unitCode) }
            let plans = Set(applying.map(\.code))
            let targets = try await catalog.targets()
            let calendar = PlanCalendar(plans: applying, targets: targets)
            let indicators = Dictionary(uniqueKeysWithValues: try await catalog.indicators().map { ($0.code, $0) })
            let listed = targets.filter { target in
                guard plans.contains(target.planCode), !target.unitKinds.isEmpty, calendar.tense(of: target, during: asOf) == .inForce else { return false }
                switch target.shape {
                case .atLeast, .above, .atMost, .maintain, .about: return true
                case .rankAtMost, .growthVersusPreviousYear: return false
                }
            }
            return (Subtree(inside), listed.compactMap { t in indicators[t.indicatorCode].map { (t, $0) } })
        }
    }

    /// The units of `inside` whose latest figure misses what `target` sets for their level.
    private func units(within inside: Subtree, below target: Target, _ indicator: Indicator, asOf: Period,
                       includeSubmitted: Bool) async throws -> [UnitBelowTarget] {
        // Each unit of the subtree under the member it counts for (its place among the units).
        func member(_ u: OrgUnit) -> Int? {
            target.unitKinds.contains(u.kind) ? inside.position[u.code] : u.parentCode.flatMap { inside.byCode[$0] }.flatMap(member)
        }
        let counted = inside.units.map(member)
        let since = Period(type: .yearly, containing: asOf.end).previous.start, end = asOf.end
        let values = try await figures(indicator.code, members: inside.units, includeSubmitted: includeSubmitted) { $0.start >= since && $0.end <= end }
        let byMember = Dictionary(grouping: values) { counted[Int($0.unit)] ?? -1 }
        var out: [UnitBelowTarget] = []
        for (position, figures) in byMember where position >= 0 {
            let unit = inside.units[position]
            guard unit.isActive(on: asOf.end),
                  let threshold = target.threshold(for: unit.adminLevel(among: inside.byCode)),
                  let last = figures.max(by: { $0.period.end < $1.period.end })?.period,
                  let value = Aggregation.combine(figures, indicator, over: last).value,
                  target.shape.isMet(observed: value, threshold: threshold, direction: indicator.direction) == false else { continue }
            out.append(UnitBelowTarget(target: target, indicator: indicator, unit: unit, latest: Observation(last, value), threshold: threshold))
        }
        return out
    }
}
