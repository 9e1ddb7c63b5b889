import DXDomain
import SQLKit

/// Reported values, over one connection or transaction.
public struct DataValueStore: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Inserts or replaces values (key: unit, indicator, period), in batches.
    public func save(_ values: [DataValue]) async throws {
        try await Upsert(table: "data_values",
                         columns: ["unit_code", "indicator_code", "period", "period_type", "period_start", "period_end",
                                   "value", "numerator", "denominator", "comment", "stored_by", "updated_at"],
                         key: ["unit_code", "indicator_code", "period"])
            .run(values.map { v in
                [v.unitCode, v.indicatorCode, v.period.id, v.period.type.rawValue, v.period.start.iso, v.period.end.iso,
                 v.value, v.numerator, v.denominator, v.comment, v.storedBy, v.updatedAt ?? Timestamp.now()]
            }, on: sql)
    }

    /// What to read; every field narrows, nil fields do not.
    public struct Filter: Sendable {
        public var unitCode: String?
        public var indicatorCode: String?
        public var period: Period?
        /// Periods starting on or after this date.
        public var from: LocalDate?
        /// Periods ending on or before this date.
        public var to: LocalDate?
        public var limit: Int
        /// Only units in the subtree of this unit (a reader's scope).
        public var withinSubtreeOf: String?

        public init(unitCode: String? = nil, indicatorCode: String? = nil, period: Period? = nil,
                    from: LocalDate? = nil, to: LocalDate? = nil, limit: Int = 10_000, withinSubtreeOf: String? = nil) {
            self.withinSubtreeOf = withinSubtreeOf
            self.unitCode = unitCode
            self.indicatorCode = indicatorCode
            self.period = period
            self.from = from
            self.to = to
            self.limit = limit
        }
    }

    /// Values matching `filter`, ordered by unit, indicator and period start.
    public func values(_ filter: Filter) async throws -> [DataValue] {
        let q = sql.select().column("*").from("data_values")
        if let u = filter.unitCode { q.where("unit_code", .equal, u) }
        if let i = filter.indicatorCode { q.where("indicator_code", .equal, i) }
        if let p = filter.period { q.where("period", .equal, p.id) }
        if let f = filter.from { q.where("period_start", .greaterThanOrEqual, f.iso) }
        if let t = filter.to { q.where("period_end", .lessThanOrEqual, t.iso) }
        if let root = filter.withinSubtreeOf {
            q.where(SQLRaw("unit_code"), .in, SQLGroupExpression(Self.subtree(of: root)))
        }
        return try await q.orderBy("unit_code").orderBy("indicator_code").orderBy("period_start").orderBy("period_type")
            .limit(filter.limit).all().map(Self.value)
    }

    /// For each unit and indicator (in the subtree of `root` when given), the value of its latest period.
    public func latest(withinSubtreeOf root: String? = nil) async throws -> [DataValue] {
        let scope: SQLQueryString = root.map { "WHERE d.unit_code IN (\(Self.subtree(of: $0)))" } ?? ""
        return try await sql.raw("""
            SELECT d.* FROM data_values d
            JOIN (SELECT unit_code, indicator_code, MAX(period_end) AS last_end
                  FROM data_values GROUP BY unit_code, indicator_code) m
              ON m.unit_code = d.unit_code AND m.indicator_code = d.indicator_code AND m.last_end = d.period_end
            \(scope)
            ORDER BY d.unit_code, d.indicator_code, d.period_type
            """).all().map(Self.value)
    }

    /// `SELECT code` of every unit in the subtree of `root`, the root included.
    static func subtree(of root: String) -> SQLQueryString {
        """
        WITH RECURSIVE down (code, depth) AS (
            SELECT code, 0 FROM org_units WHERE code = \(bind: root)
            UNION ALL
            SELECT o.code, down.depth + 1 FROM org_units o JOIN down ON o.parent_code = down.code WHERE down.depth < 32
        )
        SELECT code FROM down
        """
    }

    /// A value's identity: unit, indicator, period.
    public struct Key: Hashable, Sendable {
        public var unit: String
        public var indicator: String
        public var period: String

        public init(_ v: DataValue) {
            unit = v.unitCode
            indicator = v.indicatorCode
            period = v.period.id
        }

        /// How the audit log names the value.
        public var entity: String { "value:\(unit)|\(indicator)|\(period)" }
    }

    /// The stored values among `values`' keys (before they are overwritten).
    func existing(_ values: [DataValue]) async throws -> [Key: DataValue] {
        let keys = Set(values.map(Key.init))
        var found: [Key: DataValue] = [:]
        let units = Array(Set(keys.map(\.unit))), indicators = Array(Set(keys.map(\.indicator)))
        let periods = Array(Set(keys.map(\.period)))
        var start = 0
        while start < periods.count {
            let chunk = Array(periods[start..<min(start + 500, periods.count)])
            let rows = try await sql.select().column("*").from("data_values")
                .where("unit_code", .in, units).where("indicator_code", .in, indicators).where("period", .in, chunk).all()
            for v in try rows.map(Self.value) where keys.contains(Key(v)) { found[Key(v)] = v }
            start += 500
        }
        return found
    }

    public func count() async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM data_values").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func value(_ row: any SQLRow) throws -> DataValue {
        DataValue(unitCode: try row.text("unit_code"), indicatorCode: try row.text("indicator_code"),
                  period: try Period(row.text("period")), value: try row.number("value"),
                  numerator: try row.number("numerator"), denominator: try row.number("denominator"),
                  comment: try row.optionalText("comment"), storedBy: try row.optionalText("stored_by"),
                  updatedAt: try row.optionalText("updated_at"))
    }
}
