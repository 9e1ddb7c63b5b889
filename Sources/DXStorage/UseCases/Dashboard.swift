import DXDomain

/// What the operations-centre view of a unit (usually the province) shows, read in one go:
/// targets and their progress, units below target, the DTI ranking over the years, and
/// where this period's reports stand.
public struct Dashboard: Sendable {
    public struct Reporting: Sendable {
        public var form: ReportForm
        public var period: Period
        public var reports: [Submissions.Report]

        public var owed: Int { reports.count }
        public var sent: Int { reports.filter { $0.status == .submitted || $0.status == .approved }.count }
        public var approved: Int { reports.filter { $0.status == .approved }.count }
        public var overdue: [Submissions.Report] { reports.filter { $0.timeliness == .missing } }
    }

    public var unit: OrgUnit
    public var asOf: Period
    /// The day it was computed on: what is overdue, what is due.
    public var today: LocalDate
    /// Every target of the plans that apply, in force or not (see ``inForce``, ``past``).
    public var progress: [Analytics.TargetProgress]
    public var plans: [String: Plan]
    public var below: [Analytics.UnitBelowTarget]
    /// The unit's DTI rank (indicator th_xep_hang_dti), year by year.
    public var dtiRank: [Observation]
    /// Per form: the period being reported now (its deadline passed or coming).
    public var reporting: [Reporting]
    /// Deadlines from today, within 45 days.
    public var upcoming: [Reporting]
    public var unitNames: [String: String]
    /// The province's own quarterly report to its People's Committee, for `asOf`.
    public var committee: CommitteeReport?

    public static let dtiRankIndicator = "th_xep_hang_dti"

    /// The targets in force in `asOf`: today's status, what the headline counts.
    public var inForce: [Analytics.TargetProgress] { progress.filter { $0.tense == .inForce } }
    /// The targets whose horizon or plan is over: final results, shown apart.
    public var past: [Analytics.TargetProgress] { progress.filter { $0.tense == .past } }
    public var headline: StatusCounts { StatusCounts(inForce.map(\.assessment.status)) }
    public var pastResults: [PastResult] { PastResult.of(past.map { ($0.target, $0.assessment.status) }) }
    /// The DTI rank's change on the year before (negative: up the ranking).
    public var dtiChange: Double? {
        guard dtiRank.count >= 2 else { return nil }
        return dtiRank[dtiRank.count - 1].value - dtiRank[dtiRank.count - 2].value
    }
    /// Reports owed and sent this period, over every form.
    public var owed: Int { reporting.reduce(0) { $0 + $1.owed } }
    public var sent: Int { reporting.reduce(0) { $0 + $1.sent } }
    public var overdue: [Submissions.Report] { reporting.flatMap(\.overdue) }

    public static func load(_ db: Database, unit code: String, asOf: Period, today: LocalDate,
                            includeSubmitted: Bool = false) async throws -> Dashboard {
        try await db.derived("dashboard|\(code)|\(asOf.id)|\(today.iso)|\(includeSubmitted)") {
            try await compute(db, unit: code, asOf: asOf, today: today, includeSubmitted: includeSubmitted)
        }
    }

    private static func compute(_ db: Database, unit code: String, asOf: Period, today: LocalDate,
                                includeSubmitted: Bool) async throws -> Dashboard {
        let analytics = Analytics(db)
        // What the catalog and the units say, kept until one of them changes: a province's unit names alone are thousands of rows.
        let (unit, names, forms, plans) = try await db.derived("dashboard-structure|\(code)", reads: .structure) {
            try await db.read { sql in
                guard let unit = try await OrgUnitStore(sql).find(code) else { throw DomainErrors([DomainError.unknown(.unit, code: code)]) }
                return (unit, try await OrgUnitStore(sql).names(), try await FormStore(sql).forms(), try await CatalogStore(sql).plansByCode())
            }
        }
        let progress = try await analytics.progress(unit: code, asOf: asOf, includeSubmitted: includeSubmitted)
        let below = try await analytics.unitsBelowTarget(within: code, asOf: asOf, includeSubmitted: includeSubmitted)
        let hasRank = try await db.derived("has-indicator|\(dtiRankIndicator)", reads: .structure) {
            try await db.read { try await CatalogStore($0).indicator(dtiRankIndicator) } != nil
        }
        let dti = hasRank ? try await db.derived("dti|\(code)|\(asOf.id)|\(includeSubmitted)", reads: FigureScope(indicators: [dtiRankIndicator])) {
            try await analytics.series(indicator: dtiRankIndicator, unit: code, through: asOf, includeSubmitted: includeSubmitted).1
        } : []
        var reporting: [Reporting] = [], upcoming: [Reporting] = []
        let submissions = Submissions(db)
        for form in forms {
            let current = Period(type: form.periodType, containing: today)
            for period in [current.previous, current] {
                let deadline = form.deadline.deadline(for: period)
                let reports = try await db.derived("obligations|\(form.code)|\(period.id)|\(code)|\(today.iso)", reads: FigureScope(forms: [form.code])) {
                    try await submissions.obligations(form: form.code, period: period, within: code, today: today)
                }
                guard !reports.isEmpty else { continue }
                let r = Reporting(form: form, period: period, reports: reports)
                if period == current.previous { reporting.append(r) }
                if deadline >= today && today.days(until: deadline) <= 45 { upcoming.append(r) }
            }
        }
        return Dashboard(unit: unit, asOf: asOf, today: today, progress: progress, plans: plans,
                         below: below, dtiRank: dti,
                         reporting: reporting, upcoming: upcoming.sorted { $0.reports[0].deadline < $1.reports[0].deadline }, unitNames: names,
                         committee: unit.kind == .province && asOf.type == .quarterly ? try await CommitteeReports(db).report(unit: code, period: asOf) : nil)
    }
}
