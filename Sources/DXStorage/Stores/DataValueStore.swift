import DXDomain
import SQLKit

/// Reported values, over one connection or transaction.
public struct DataValueStore: Sendable {
    let sql: Session

    public init(_ sql: Session) { self.sql = sql }

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
        return try await read(q.orderBy("unit_code").orderBy("indicator_code").orderBy("period_start").orderBy("period_type")
            .limit(filter.limit))
    }

    /// Every value of `indicators`.
    ///
    /// The values are clustered by unit (`stored_values`' key begins with it: that is how
    /// reports and files arrive); naming every unit lets both databases seek each unit's
    /// values of these indicators instead of reading them all.
    public func values(ofIndicators indicators: Set<String>) async throws -> [DataValue] {
        guard !indicators.isEmpty else { return [] }
        return try await read(sql.select().column("*").from("data_values")
            .where(SQLColumn("unit_code"), .in, SQLGroupExpression(SQLRaw("SELECT code FROM org_units")))
            .where("indicator_code", .in, Array(indicators)))
    }

    /// For each unit and indicator (in the subtree of `root` when given), the value of its latest period.
    public func latest(withinSubtreeOf root: String? = nil) async throws -> [DataValue] {
        let scope: SQLQueryString = root.map { "WHERE d.unit_code IN (\(Self.subtree(of: $0)))" } ?? ""
        return try await read(sql.raw("""
            SELECT d.* FROM data_values d
            JOIN (SELECT unit_code, indicator_code, MAX(period_end) AS last_end
                  FROM data_values GROUP BY unit_code, indicator_code) m
              ON m.unit_code = d.unit_code AND m.indicator_code = d.indicator_code AND m.last_end = d.period_end
            \(scope)
            ORDER BY d.unit_code, d.indicator_code, d.period_type
            """))
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
    }

    /// The stored values among `values`' keys (before they are overwritten), with the
    /// write that stored each, looked up key by key in the primary key, 1,000 keys to a query.
    func existing(_ values: [DataValue]) async throws -> [Key: StoredValue] {
        let keys = Array(Set(values.map(Key.init)))
        var found: [Key: StoredValue] = [:]
        let session = sql
        var start = 0
        while start < keys.count {
            let chunk = keys[start..<min(start + 1000, keys.count)]
            let list = Array(repeating: "(?, ?, ?)", count: chunk.count).joined(separator: ", ")
            let text = """
                SELECT d.unit_code, d.indicator_code, d.period, d.value, d.numerator, d.denominator, d.comment, d.revision
                FROM stored_values d JOIN (VALUES \(list)) k
                  ON d.unit_code = k.column1 AND d.indicator_code = k.column2 AND d.period = k.column3
                """
            for row in try await session.rows(text, chunk.flatMap { [.text($0.unit), .text($0.indicator), .text($0.period)] }) {
                let v = DataValue(unitCode: try row.text("unit_code"), indicatorCode: try row.text("indicator_code"),
                                  period: try Period(row.text("period")), value: try row.number("value"), numerator: try row.number("numerator"),
                                  denominator: try row.number("denominator"), comment: try row.optionalText("comment"))
                found[Key(v)] = (v, Int64(try row.number("revision") ?? 0))
            }
            start += 1000
        }
        return found
    }

    public func count() async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM stored_values").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The values a `SELECT * FROM data_values …` built with SQLKit returns, read through the
    /// driver (``Session/all(_:)``): the rollup and the dashboard read a country's quarter at once.
    func read(_ query: some SQLQueryBuilder) async throws -> [DataValue] {
        try await sql.all(query.query).map(Self.value)
    }

    static func value(_ row: CellRow) throws -> DataValue {
        DataValue(unitCode: try row.text("unit_code"), indicatorCode: try row.text("indicator_code"),
                  period: try Period(row.text("period")), value: try row.number("value"),
                  numerator: try row.number("numerator"), denominator: try row.number("denominator"),
                  comment: try row.optionalText("comment"), storedBy: try row.optionalText("stored_by"),
                  updatedAt: try row.optionalText("updated_at"))
    }
}
