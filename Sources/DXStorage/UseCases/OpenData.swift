import DXDomain
import SQLKit

/// The province's open data (cổng dữ liệu mở): approved values of the indicators the
/// catalog publishes, for anyone, without signing in.
public struct OpenData: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    public struct Entry: Sendable {
        public var indicator: Indicator
        public var valueCount: Int
        public var latest: Period?
    }

    /// Every published indicator with how many approved values it has and the latest period.
    public func indicators() async throws -> [Entry] {
        try await db.read { sql in
            let published = try await CatalogStore(sql).indicators().filter(\.isPublished)
            let values = try await Self.approved(indicators: published.map(\.code), sql: sql)
            let byIndicator = Dictionary(grouping: values, by: \.indicatorCode)
            return published.map { i in
                let mine = byIndicator[i.code] ?? []
                return Entry(indicator: i, valueCount: mine.count, latest: mine.max { $0.period.end < $1.period.end }?.period)
            }
        }
    }

    /// The approved values of one published indicator, by unit and period; an unknown or
    /// unpublished indicator is not found (the two are not told apart).
    public func values(indicator code: String) async throws -> (Indicator, [DataValue]) {
        try await db.read { sql in
            guard let indicator = try await CatalogStore(sql).indicator(code), indicator.isPublished else {
                throw DomainErrors([DomainError.unknown(.indicator, code: code)])
            }
            let values = try await Self.approved(indicators: [code], sql: sql)
            return (indicator, values.sorted { ($0.period.start, $0.unitCode) > ($1.period.start, $1.unitCode) })
        }
    }

    static func approved(indicators: [String], sql: Session) async throws -> [DataValue] {
        guard !indicators.isEmpty else { return [] }
        let rows = try await DataValueStore(sql).values(ofIndicators: Set(indicators))
        let units = try await OrgUnitStore(sql).find(codes: Set(rows.map(\.unitCode)))
        return try await Analytics.accepted(rows, units: units, includeSubmitted: false, sql: sql).filter { $0.value != nil }
    }
}
