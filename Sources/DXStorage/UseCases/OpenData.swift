import DXDomain
import SQLKit

/// The province's open data (cổng dữ liệu mở): approved values of the indicators the
/// catalog publishes, for anyone, without signing in; each with the day it was approved,
/// and none before its indicator's release day (``Indicator/releaseDay(of:)``).
public struct OpenData: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    public struct Entry: Sendable {
        public var indicator: Indicator
        public var valueCount: Int
        public var latest: Period?
        /// When its newest value was approved, for a harvester's `modified`.
        public var lastApproved: LocalDate?
        /// How often it is reported: the shortest period of the forms that ask for it (nil: no form does).
        public var frequency: PeriodType?
    }

    /// An approved value as it is published.
    public struct Published: Sendable, Hashable {
        public var value: DataValue
        /// The day the report holding it was approved (for a value no form asks for, a
        /// coordinator's official figure, the day it was written); nil if unknown.
        public var approvedOn: LocalDate?
    }

    /// Every published indicator with how many values are public today and the latest period.
    public func indicators(today: LocalDate) async throws -> [Entry] {
        try await db.read { sql in
            let published = try await CatalogStore(sql).indicators().filter(\.isPublished)
            let values = try await Self.published(published, today: today, sql: sql)
            let byIndicator = Dictionary(grouping: values, by: \.value.indicatorCode)
            let forms = try await FormStore(sql).forms()
            return published.map { i in
                let mine = byIndicator[i.code] ?? []
                return Entry(indicator: i, valueCount: mine.count, latest: mine.max { $0.value.period.end < $1.value.period.end }?.value.period,
                             lastApproved: mine.compactMap(\.approvedOn).max(),
                             frequency: forms.filter { $0.indicators.contains(i.code) }.map(\.periodType).min())
            }
        }
    }

    /// The public values of one published indicator, newest period first; an unknown or
    /// unpublished indicator is not found (the two are not told apart).
    public func values(indicator code: String, today: LocalDate) async throws -> (Indicator, [Published]) {
        try await db.read { sql in
            guard let indicator = try await CatalogStore(sql).indicator(code), indicator.isPublished else {
                throw DomainErrors([DomainError.unknown(.indicator, code: code)])
            }
            let values = try await Self.published([indicator], today: today, sql: sql)
            return (indicator, values.sorted { ($0.value.period.start, $0.value.unitCode) > ($1.value.period.start, $1.value.unitCode) })
        }
    }

    /// The province as a whole, for an indicator's page: its top unit's figure (its subtree
    /// added up by the indicator's rule, on approved values) in each of `periods`, oldest
    /// first, and the targets set on the indicator. `periods` must be released ones: the
    /// periods of the values ``values(indicator:today:)`` gave.
    public func provinceTotals(_ indicator: Indicator, periods: [Period]) async throws -> (unit: OrgUnit, totals: [(Period, Double?)], targets: [Target])? {
        let (root, targets) = try await db.read { sql in
            (try await OrgUnitStore(sql).all().first { $0.parentCode == nil }, try await CatalogStore(sql).targets(indicator: indicator.code))
        }
        guard let root else { return nil }
        var totals: [(Period, Double?)] = []
        for p in periods.sorted() {
            totals.append((p, try await Analytics(db).aggregate(indicator: indicator.code, unit: root.code, period: p).aggregate.value))
        }
        return (root, totals, targets)
    }

    static func published(_ indicators: [Indicator], today: LocalDate, sql: Session) async throws -> [Published] {
        guard !indicators.isEmpty else { return [] }
        let byCode = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = try await DataValueStore(sql).values(ofIndicators: Set(byCode.keys))
        let units = try await OrgUnitStore(sql).find(codes: Set(rows.map(\.unitCode)))
        let approved = try await Analytics.accepted(rows, units: units, includeSubmitted: false, sql: sql)
            .filter { v in v.value != nil && byCode[v.indicatorCode].map { today >= $0.releaseDay(of: v.period) } ?? false }
        // The day each report was approved, for the forms that ask for these values.
        let forms = try await FormStore(sql).forms().filter { !Set(byCode.keys).isDisjoint(with: $0.indicators) }
        var decided: [String: LocalDate] = [:]
        if !forms.isEmpty, !approved.isEmpty {
            let reports = try await sql.select().column("*").from("submissions").where("form_code", .in, forms.map(\.code))
                .where("status", .equal, SubmissionStatus.approved.rawValue).all().map(FormStore.submission)
            for r in reports { decided["\(r.formCode)|\(r.unitCode)|\(r.period.id)"] = r.decidedAt.flatMap(LocalDate.init(vietnamDayOf:)) }
        }
        return approved.map { v in
            let covering = Workflow.coveringForms(v, unitKind: units[v.unitCode]?.kind, forms: forms)
            let day = covering.isEmpty ? v.updatedAt.flatMap(LocalDate.init(vietnamDayOf:))
                                       : covering.compactMap { decided["\($0.code)|\(v.unitCode)|\(v.period.id)"] }.min()
            return Published(value: v, approvedOn: day)
        }
    }
}
