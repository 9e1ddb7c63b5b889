import DXDomain
import Foundation
import SQLKit

/// Keeps the values of computed indicators in step with what they are computed from.
///
/// A computed value is stored like a reported one (so progress, rankings, aggregates,
/// exports and DHIS2 see it with no special case), written by `dxtrack` with its method
/// and inputs in the comment. It is recomputed when its inputs change (a registry
/// entry, a report sent, a value written), except once frozen: when the unit's report
/// for the period is approved, the value it had then stays.
public struct ComputedValues: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// Who the audit trail names for computed values.
    public static let writer = "dxtrack"

    /// Which computed indicators to bring up to date.
    public enum Scope: Sendable {
        case all
        case registry
        case records
        /// Formulas reading any of these indicators.
        case formulasReading(Set<String>)
        case indicators(Set<String>)
    }

    /// Recomputes the indicators in `scope` for every quarter from 2021 to the one
    /// containing `today` (as of `today` for that one). Returns how many values changed.
    @discardableResult
    public func recompute(_ scope: Scope = .all, today: LocalDate) async throws -> Int {
        // Most writes touch nothing computed: decide on the catalog alone before loading the rest.
        let indicators = try await db.read { try await CatalogStore($0).computedIndicators() }
        let chosen = indicators.filter { i in
            guard let c = i.computed else { return false }
            switch (scope, c) {
            case (.all, _), (.registry, .registry), (.records, .records): return true
            case (.formulasReading(let codes), .formula(let f)): return f.operands.contains { codes.contains($0.indicator) }
            case (.indicators(let codes), _): return codes.contains(i.code)
            default: return false
            }
        }
        guard !chosen.isEmpty else { return 0 }
        let input = try await db.read { try await Inputs.load($0) }
        let last = Period(type: .quarterly, containing: today)
        var computed: [DataValue] = []
        for indicator in chosen.sorted(by: { $0.code < $1.code }) {
            computed += try await values(of: indicator, input: input, through: last, today: today)
        }
        return try await write(computed, indicators: Set(chosen.map(\.code)))
    }

    /// Everything a computation reads, loaded once.
    struct Inputs: Sendable {
        var units: [String: OrgUnit]
        var children: [String: [OrgUnit]]
        var indicators: [String: Indicator]
        var plans: [String: Plan]
        var targets: [Target]
        var forms: [ReportForm]
        var submissions: [String: SubmissionRecord]
        var systems: [InformationSystem]
        var reporters: [(unit: String, createdOn: LocalDate)]

        static func load(_ sql: Session) async throws -> Inputs {
            let units = try await OrgUnitStore(sql).all()
            let catalog = CatalogStore(sql)
            let subs = try await sql.raw("SELECT * FROM submissions").all().map(FormStore.submission)
            let reporters = try await sql.raw("SELECT unit_code, created_at FROM users WHERE role = 'reporter' AND disabled = 0 AND unit_code IS NOT NULL")
                .all().map { row in
                    (unit: try row.text("unit_code"), createdOn: try LocalDate(iso: String(try row.text("created_at").prefix(10))))
                }
            return Inputs(units: Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) }),
                          children: Dictionary(grouping: units.filter { $0.parentCode != nil }, by: { $0.parentCode! }),
                          indicators: Dictionary(uniqueKeysWithValues: try await catalog.indicators().map { ($0.code, $0) }),
                          plans: try await catalog.plansByCode(),
                          targets: try await catalog.targets(), forms: try await FormStore(sql).forms(),
                          submissions: Dictionary(subs.map { ("\($0.formCode)|\($0.unitCode)|\($0.period.id)", $0) }, uniquingKeysWith: { a, _ in a }),
                          systems: try await RegistryStore(sql).systems(), reporters: reporters)
        }

        func subtree(_ code: String) -> [OrgUnit] {
            guard let u = units[code] else { return [] }
            return [u] + (children[code] ?? []).flatMap { subtree($0.code) }
        }

        /// The units a computed indicator is computed for: those its targets apply to
        /// (the plan's own unit when a target names no kind), each over its own subtree.
        func assigned(_ indicator: String) -> [OrgUnit] {
            var out: [String: OrgUnit] = [:]
            for t in targets where t.indicatorCode == indicator {
                guard let root = plans[t.planCode]?.unitCode else { continue }
                let members = t.unitKinds.isEmpty ? [units[root]].compactMap { $0 } : subtree(root).filter { t.unitKinds.contains($0.kind) }
                for m in members { out[m.code] = m }
            }
            return out.values.sorted { $0.code < $1.code }
        }
    }

    func values(of indicator: Indicator, input: Inputs, through last: Period, today: LocalDate) async throws -> [DataValue] {
        switch indicator.computed {
        case .formula(let f): return try await formulaValues(indicator, f, through: last)
        case .registry, .records:
            var out: [DataValue] = []
            for unit in input.assigned(indicator.code) {
                var p = Period(type: .quarterly, containing: Period.seriesStart)
                while p <= last {
                    defer { p = p.next }
                    guard unit.isActive(during: p) else { continue }
                    let asOf = min(p.end, today)
                    guard let (n, d, how) = Self.share(indicator.computed!, unit: unit, period: p, asOf: asOf, input: input), d > 0 else { continue }
                    out.append(DataValue(unitCode: unit.code, indicatorCode: indicator.code, period: p, value: n / d * 100, numerator: n,
                                         denominator: d, comment: "\(indicator.computed!.describeVi) — \(how)", storedBy: Self.writer))
                }
            }
            return out
        case nil: return []
        }
    }

    /// Numerator, denominator and what they counted, for a registry or records metric.
    static func share(_ c: Computation, unit: OrgUnit, period p: Period, asOf d: LocalDate, input: Inputs) -> (Double, Double, String)? {
        let inside = input.subtree(unit.code)
        switch c {
        case .registry(let metric):
            let codes = Set(inside.map(\.code))
            let operating = input.systems.filter { codes.contains($0.ownerUnit) && $0.operating(on: d) }
            let counted = operating.filter { s in
                switch metric {
                case .classified: s.classified(on: d)
                case .provincialCloud: s.onProvincialCloud(on: d)
                case .monitored: s.isMonitored(on: d)
                }
            }
            return (Double(counted.count), Double(operating.count),
                    "\(counted.count)/\(operating.count) hệ thống ngày \(d.formattedVietnamese): \(counted.map(\.code).joined(separator: ", "))")
        case .records(.reportsOnTime):
            var due = 0, onTime = 0
            for form in input.forms {
                var q = Period(type: form.periodType, containing: p.start).previous.previous
                while q.start <= p.end {
                    defer { q = q.next }
                    let deadline = form.deadline.deadline(for: q)
                    guard deadline >= p.start, deadline <= d else { continue }
                    for u in inside where form.isOwed(by: u, for: q) {
                        due += 1
                        let r = input.submissions["\(form.code)|\(u.code)|\(q.id)"]
                        if Timeliness.of(submittedOn: r?.sentOn, deadline: deadline, today: d) == .onTime { onTime += 1 }
                    }
                }
            }
            return (Double(onTime), Double(due), "\(onTime)/\(due) báo cáo đến hạn từ \(p.start.formattedVietnamese) đến \(d.formattedVietnamese) được gửi đúng hạn")
        case .records(let metric):
            let owing = inside.filter { u in u.isActive(during: p) && input.forms.contains { $0.unitKinds.contains(u.kind) } }
            let yes = owing.filter { u in
                metric == .activeReporters
                    ? input.reporters.contains { $0.unit == u.code && $0.createdOn <= d }
                    : input.submissions.values.contains { r in r.unitCode == u.code && r.sentOn.map { $0 <= d } == true }
            }
            return (Double(yes.count), Double(owing.count), "\(yes.count)/\(owing.count) đơn vị ngày \(d.formattedVietnamese)")
        case .formula: return nil
        }
    }

    /// A formula over each unit's own stored values: for every period of the first
    /// operand's values, where every operand (at its offset) has a value.
    func formulaValues(_ indicator: Indicator, _ f: Formula, through last: Period) async throws -> [DataValue] {
        let codes = Set(f.operands.map(\.indicator))
        let stored = try await db.read { sql in
            try await DataValueStore(sql).values(ofIndicators: codes)
        }
        let byKey = Dictionary(stored.map { ("\($0.unitCode)|\($0.indicatorCode)|\($0.period.id)", $0) }, uniquingKeysWith: { a, _ in a })
        guard let first = f.operands.first else { return [] }
        var out: [DataValue] = []
        for v in stored where v.indicatorCode == first.indicator {
            var p = v.period
            for _ in 0..<abs(first.offset) { p = first.offset < 0 ? p.next : p.previous }
            guard p.end <= last.end else { continue }
            var inputs: [String] = []
            let x = f.evaluate { op in
                var q = p
                for _ in 0..<abs(op.offset) { q = op.offset < 0 ? q.previous : q.next }
                let value = byKey["\(v.unitCode)|\(op.indicator)|\(q.id)"]?.value
                inputs.append("#{\(op.indicator)}[\(q.id)] = \(value.map { VietnameseNumber.format($0) } ?? "–")")
                return value
            }
            guard let x else { continue }
            out.append(DataValue(unitCode: v.unitCode, indicatorCode: indicator.code, period: p, value: x,
                                 comment: "Công thức: \(f.text) — \(inputs.joined(separator: "; "))", storedBy: Self.writer))
        }
        return out
    }

    /// Writes what changed, leaving frozen values (the unit's report approved) as they were.
    func write(_ computed: [DataValue], indicators: Set<String>) async throws -> Int {
        let dialect = db.dialect
        // The values are all it changes, and their write records them.
        return try await db.transaction(changingOnly: { sql in
            let existing = try await DataValueStore(sql).values(ofIndicators: indicators)
            let before = Dictionary(existing.map { (DataValueStore.Key($0), $0) }, uniquingKeysWith: { a, _ in a })
            let approved = Set(try await sql.raw("SELECT unit_code, period FROM submissions WHERE status = 'approved'").all()
                .map { "\(try $0.text("unit_code"))|\(try $0.text("period"))" })
            let changed = computed.filter { v in
                guard let old = before[DataValueStore.Key(v)] else { return true }
                if approved.contains("\(v.unitCode)|\(v.period.id)") { return false }
                return old.value != v.value || old.numerator != v.numerator || old.denominator != v.denominator || old.comment != v.comment
            }
            guard !changed.isEmpty else { return (0, FigureScope()) }
            try await ValueWrite.store(changed, by: Self.writer, action: "values.compute", on: sql, dialect: dialect)
            return (changed.count, FigureScope())
        })
    }
}
