import DXDomain
import SQLKit

/// Aggregates and progress read from the database: approved figures by default,
/// submitted ones too on request.
public struct Analytics: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// A target judged for one unit.
    public struct TargetProgress: Hashable, Sendable {
        public var target: Target
        public var indicator: Indicator
        public var assessment: ProgressAssessment
        /// The units whose figures make up the series.
        public var unitCount: Int
        /// Whether its verdict is today's (in force at `asOf`) or a result of the past.
        public var tense: TargetTense
    }

    /// Every target that applies to `unitCode`, judged on its approved figures up to `asOf`.
    ///
    /// For the province itself, a target set for a kind of unit (departments,
    /// communes) is judged on those units' figures added up; for any other unit,
    /// the targets set for its kind, on its own subtree. `include` narrows the targets
    /// returned (one plan's, one indicator's). Each target is judged once per version of
    /// the data that changed its indicator, and shared by every page that shows it
    /// (see ``Database/derived(_:reads:_:)``): a write of four indicators judges the
    /// targets of those four again, and the others are kept.
    public func progress(unit unitCode: String, asOf: Period, includeSubmitted: Bool = false,
                         include: @Sendable (Target) -> Bool = { _ in true }) async throws -> [TargetProgress] {
        let db = db
        return try await db.derived("progress|\(unitCode)|\(asOf.id)|\(includeSubmitted)") {
            let judged = try await db.derived("progress-targets|\(unitCode)|\(asOf.id)", reads: .structure) {
                try await Analytics(db).targetsJudged(at: unitCode, asOf: asOf)
            }
            var out: [TargetProgress] = []
            for j in judged {
                let key = "target-progress|\(unitCode)|\(j.target.planCode)|\(j.target.code)|\(asOf.id)|\(includeSubmitted)"
                out.append(try await db.derived(key, reads: FigureScope(indicators: [j.indicator.code])) {
                    try await Analytics(db).judge(j, asOf: asOf, includeSubmitted: includeSubmitted)
                })
            }
            return out
        }.filter { include($0.target) }
    }

    /// A target as judged at a unit: on which units' figures, at which level, over which plan's span.
    struct JudgedTarget: Sendable {
        var target: Target
        var indicator: Indicator
        /// The units whose figures judge it, in the order of their codes: made once with the target, not at every judgment.
        var members: [OrgUnit]
        var level: AdminLevel?
        var since: LocalDate?
        var tense: TargetTense
    }

    /// The targets that apply at `unitCode`, each with the units whose figures judge it:
    /// the catalog and the units only, so kept until one of those changes.
    private func targetsJudged(at unitCode: String, asOf: Period) async throws -> [JudgedTarget] {
        try await db.read { sql in
            let units = OrgUnitStore(sql), catalog = CatalogStore(sql)
            guard let unit = try await units.find(unitCode) else { throw DomainErrors([DomainError.unknown(.unit, code: unitCode)]) }
            let ancestry = Set(try await units.ancestry(of: unitCode))
            let subtreeCodes = Set(try await units.subtree(of: unitCode))
            let subtree = try await units.all().filter { subtreeCodes.contains($0.code) }
            let plans = try await catalog.plans().filter { ancestry.contains($0.unitCode) }
            let planCodes = Set(plans.map(\.code))
            let indicators = Dictionary(uniqueKeysWithValues: try await catalog.indicators().map { ($0.code, $0) })
            let level = try await units.adminLevel(of: unitCode)
            let isProvince = unit.kind == .province
            let byCode = Dictionary(uniqueKeysWithValues: subtree.map { ($0.code, $0) })
            let targets = try await catalog.targets()
            let calendar = PlanCalendar(plans: plans, targets: targets)
            var out: [JudgedTarget] = []
            for target in targets where planCodes.contains(target.planCode) {
                guard let indicator = indicators[target.indicatorCode] else { continue }
                guard target.isJudged(at: unit) else { continue }
                let kinds = target.judgedKinds
                // A per-level target at the province is judged at its highest level (provincial units first).
                var members = isProvince ? subtree.filter { kinds.contains($0.kind) } : subtree
                var judgedLevel = level
                if isProvince, case .perLevel(let byLevel) = target.value,
                   let top = AdminLevel.allCases.first(where: { byLevel[$0] != nil }) {
                    judgedLevel = top
                    members = members.filter { $0.adminLevel(among: byCode) == top }
                }
                out.append(JudgedTarget(target: target, indicator: indicator, members: members.sorted { $0.code < $1.code }, level: judgedLevel,
                                        since: calendar.start(of: target), tense: calendar.tense(of: target, during: asOf)))
            }
            return out
        }
    }

    /// One target judged on its members' figures: reads its indicator's values and the reports that make them official.
    private func judge(_ j: JudgedTarget, asOf: Period, includeSubmitted: Bool) async throws -> TargetProgress {
        let end = asOf.end
        let values = try await figures(j.indicator.code, members: j.members, includeSubmitted: includeSubmitted) { $0.end <= end }
        let type: PeriodType = values.contains { $0.period.type == .quarterly } ? .quarterly : (values.first?.period.type ?? .quarterly)
        let series = Aggregation.series(values, j.indicator, periods: Period.series(type, endingBy: end))
        let yearly = Aggregation.series(values, j.indicator, periods: Period.series(.yearly, endingBy: end))
        let assessment = ProgressEvaluator.assess(j.target, indicator: j.indicator, level: j.level, series: series, yearly: yearly,
                                                  since: j.since, asOf: end)
        return TargetProgress(target: j.target, indicator: j.indicator, assessment: assessment,
                              unitCount: NumberedFigure.reporters(values, among: j.members.count), tense: j.tense)
    }

    /// The official figures of `indicator` by `members` (in their order) of the periods `wanted`:
    /// approved only unless `includeSubmitted`; a value no report form covers (entered by a
    /// coordinator as an official figure) counts as approved.
    func figures(_ indicator: String, members: [OrgUnit], includeSubmitted: Bool,
                 periods wanted: @escaping @Sendable (Period) -> Bool) async throws -> [NumberedFigure] {
        guard !members.isEmpty else { return [] }
        let forms = try await db.derived("forms", reads: .structure) { try await db.read { try await FormStore($0).forms() } }
            .filter { $0.indicators.contains(indicator) }
        return try await db.read { sql in
            let all = try await db.figures(of: indicator, members: members.map(\.code), periods: wanted, on: sql)
            guard !forms.isEmpty, !all.isEmpty else { return all }
            let reporting = Set(all.map { members[Int($0.unit)].code })
            let status = try await Self.reportStatus(forms: forms, units: reporting, sql: sql)
            return Workflow.official(all, of: indicator, members: members, forms: forms, includeSubmitted: includeSubmitted) {
                status[ReportKey(form: $0, unit: $1, period: $2)]
            }
        }
    }

    /// A report by its form, unit and period.
    struct ReportKey: Hashable {
        var form: String, unit: String, period: Period
    }

    /// The status of every report of `forms` by `units`.
    static func reportStatus(forms: [ReportForm], units: Set<String>, sql: Session) async throws -> [ReportKey: SubmissionStatus] {
        var status: [ReportKey: SubmissionStatus] = [:]
        let rows = try await sql.select().column("*").from("submissions").where("form_code", .in, forms.map(\.code))
            .where("unit_code", .in, Array(units)).all().map(FormStore.submission)
        for s in rows { status[ReportKey(form: s.formCode, unit: s.unitCode, period: s.period)] = s.status }
        return status
    }

    /// The values of `root`'s subtree for `period` that count as official: approved
    /// (submitted too on request), or not covered by any report form.
    public func officialValues(within root: String, period: Period, includeSubmitted: Bool = false) async throws -> [DataValue] {
        try await db.read { sql in
            let codes = try await OrgUnitStore(sql).subtree(of: root)
            let units = try await OrgUnitStore(sql).find(codes: Set(codes))
            let all = try await DataValueStore(sql).values(.init(period: period, limit: 1_000_000, withinSubtreeOf: root))
            return try await Self.accepted(all, units: units, includeSubmitted: includeSubmitted, sql: sql)
        }
    }

    /// Keeps the values that count as official figures (``Workflow/isOfficial(_:unitKind:forms:includeSubmitted:status:)``).
    static func accepted(_ values: [DataValue], units byCode: [String: OrgUnit], includeSubmitted: Bool,
                         sql: Session) async throws -> [DataValue] {
        let indicators = DataEntry.distinct(values) { $0.indicatorCode }
        let forms = try await FormStore(sql).forms().filter { !indicators.isDisjoint(with: $0.indicators) }
        guard !forms.isEmpty, !values.isEmpty else { return values }
        let status = try await reportStatus(forms: forms, units: DataEntry.distinct(values) { $0.unitCode }, sql: sql)
        return values.filter { v in
            Workflow.isOfficial(v, unitKind: byCode[v.unitCode]?.kind, forms: forms, includeSubmitted: includeSubmitted) { form in
                status[ReportKey(form: form, unit: v.unitCode, period: v.period)]
            }
        }
    }
}

extension Analytics {
    /// The units of `kinds` inside `root` ranked on `indicator` for `period`, each on its
    /// own subtree's approved figures (submitted too on request) added up by the indicator's rule.
    public func rank(indicator code: String, period: Period, within root: String, kinds: [OrgUnitKind],
                     includeSubmitted: Bool = false) async throws -> [RankedUnit] {
        let (indicator, values) = try await unitValues(indicator: code, period: period, within: root, kinds: kinds, includeSubmitted: includeSubmitted)
        return Ranking.rank(values, indicator: indicator)
    }

    /// Each active unit of `kinds` inside `root`, with `indicator` for `period` over its own
    /// subtree (quarters rolled into the period by the indicator's rule); units without figures are left out.
    public func unitValues(indicator code: String, period: Period, within root: String, kinds: [OrgUnitKind],
                           includeSubmitted: Bool = false) async throws -> (Indicator, [String: Double]) {
        try await db.read { sql in
            guard let indicator = try await CatalogStore(sql).indicator(code) else {
                throw DomainErrors([DomainError.unknown(.indicator, code: code)])
            }
            let inside = Set(try await OrgUnitStore(sql).subtree(of: root))
            let all = try await OrgUnitStore(sql).all().filter { inside.contains($0.code) }
            let rollup = try await rollup(indicators: [indicator], units: all, period: period, includeSubmitted: includeSubmitted, sql: sql)
            var values: [String: Double] = [:]
            for unit in all where kinds.contains(unit.kind) && unit.isActive(during: period) {
                if let v = rollup[unit.code, code]?.value { values[unit.code] = v }
            }
            return (indicator, values)
        }
    }

    /// Every indicator for `period` over every unit's subtree, the whole hierarchy at once.
    public func rollup(period: Period, includeSubmitted: Bool = false) async throws -> Rollup {
        try await db.read { sql in
            try await rollup(indicators: try await CatalogStore(sql).indicators(), units: try await OrgUnitStore(sql).all(),
                             period: period, includeSubmitted: includeSubmitted, sql: sql)
        }
    }

    /// `indicators` over the subtrees of `units`, from the official values inside `period`.
    func rollup(indicators: [Indicator], units: [OrgUnit], period: Period, includeSubmitted: Bool,
                sql: Session) async throws -> Rollup {
        let byCode = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) })
        let (start, end) = (period.start, period.end), codes = Set(indicators.map(\.code))
        var inPeriod = try await db.numbered(ValueSelection(indicators: codes, units: Set(byCode.keys),
                                                            periods: { $0.start >= start && $0.end <= end }), on: sql)
        inPeriod.figures = try await Self.accepted(inPeriod, of: codes, units: byCode, includeSubmitted: includeSubmitted, sql: sql)
        return Rollup(inPeriod, indicators: Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0) }),
                      parentOf: byCode.compactMapValues(\.parentCode), over: period)
    }

    /// The numbered figures of `indicators` that count as official, by the rule ``accepted(_:units:includeSubmitted:sql:)`` keeps values by.
    static func accepted(_ numbered: NumberedFigures, of indicators: Set<String>, units byCode: [String: OrgUnit], includeSubmitted: Bool,
                         sql: Session) async throws -> [NumberedFigure] {
        let figures = numbered.figures
        let forms = try await FormStore(sql).forms().filter { !indicators.isDisjoint(with: $0.indicators) }
        guard !forms.isEmpty, !figures.isEmpty else { return figures }
        // Each numbered unit looked up once, not once per figure.
        let kinds = numbered.units.map { byCode[$0]?.kind }
        var reports = [Bool](repeating: false, count: numbered.units.count)
        for f in figures { reports[Int(f.unit)] = true }
        let status = try await reportStatus(forms: forms, units: Set(reports.indices.filter { reports[$0] }.map { numbered.units[$0] }), sql: sql)
        return figures.filter { f in
            let unit = numbered.units[Int(f.unit)]
            return Workflow.isOfficial(indicator: numbered.indicators[Int(f.indicator)], period: f.period, unitKind: kinds[Int(f.unit)],
                                       forms: forms, includeSubmitted: includeSubmitted) { status[ReportKey(form: $0, unit: unit, period: f.period)] }
        }
    }
}

extension Analytics {
    public struct AggregateResult: Sendable {
        public var indicator: Indicator
        public var unit: String
        public var period: Period
        public var aggregate: Aggregate
        /// Values of former units carried onto units of the subtree, each with its method.
        public var restated: [Restatement.Restated]
    }

    /// One indicator over `unit`'s subtree and `period` (its quarters rolled into a
    /// half-year or year by the indicator's rule), approved figures only unless
    /// `includeSubmitted`. With `restate`, values of units that ceased before the
    /// reorganisation and whose successors are in the subtree are carried onto them.
    public func aggregate(indicator code: String, unit: String, period: Period, includeSubmitted: Bool = false,
                          restate: Bool = false) async throws -> AggregateResult {
        let db = db
        return try await db.derived("aggregate|\(code)|\(unit)|\(period.id)|\(includeSubmitted)|\(restate)") {
            try await Analytics(db).computeAggregate(indicator: code, unit: unit, period: period, includeSubmitted: includeSubmitted, restate: restate)
        }
    }

    private func computeAggregate(indicator code: String, unit: String, period: Period, includeSubmitted: Bool,
                                  restate: Bool) async throws -> AggregateResult {
        try await db.read { sql in
            guard let indicator = try await CatalogStore(sql).indicator(code) else { throw DomainErrors([DomainError.unknown(.indicator, code: code)]) }
            guard try await OrgUnitStore(sql).find(unit) != nil else { throw DomainErrors([DomainError.unknown(.unit, code: unit)]) }
            let inside = Set(try await OrgUnitStore(sql).subtree(of: unit))
            let all = try await OrgUnitStore(sql).all()
            let units = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
            let (start, end) = (period.start, period.end)
            let inPeriod = try await db.values(ValueSelection(indicators: [code], periods: { $0.start >= start && $0.end <= end }), on: sql)
            let values = try await Self.accepted(inPeriod, units: units, includeSubmitted: includeSubmitted, sql: sql)
            var counted = values.filter { inside.contains($0.unitCode) }
            var restated: [Restatement.Restated] = []
            if restate {
                let changes = try await OrgUnitStore(sql).changes()
                let predecessors = Set(changes.map(\.predecessorCode)).subtracting(inside)
                restated = Restatement.restate(values.filter { predecessors.contains($0.unitCode) }, indicator: indicator, changes: changes)
                    .filter { inside.contains($0.value.unitCode) }
                // Keyed apart from the successor's own values, so that taking "each unit's latest
                // period" for a stock keeps every merged predecessor's share.
                counted += restated.map { r in var v = r.value; v.unitCode += "←" + r.from; return v }
            }
            return AggregateResult(indicator: indicator, unit: unit, period: period,
                                   aggregate: Aggregation.combine(counted, indicator, over: period), restated: restated)
        }
    }
}
