import DXDomain
import SQLKit

/// Reported values, over one connection or transaction.
public struct DataValueStore: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    static let columns = ["unit_code", "indicator_code", "period", "period_type", "period_start", "period_end",
                          "value", "numerator", "denominator", "comment", "stored_by", "updated_at", "revision"]

    /// Inserts or replaces values (key: unit, indicator, period), in batches, marked with a
    /// newly claimed data version so that ``ValueColumns`` can read just what changed.
    public func save(_ values: [DataValue]) async throws {
        guard !values.isEmpty else { return }
        let revision = Cell.integer(Int(try await DataVersion.claim(on: sql)))
        var cells: [Cell] = []
        cells.reserveCapacity(values.count * Self.columns.count)
        var periods: [Period: [Cell]] = [:]
        let now = Timestamp.now()
        for v in values {
            cells.append(.text(v.unitCode))
            cells.append(.text(v.indicatorCode))
            // A file holds a few periods: their four columns are written out once each.
            if periods[v.period] == nil {
                periods[v.period] = [.text(v.period.id), .text(v.period.type.rawValue), .text(v.period.start.iso), .text(v.period.end.iso)]
            }
            cells.append(contentsOf: periods[v.period]!)
            cells.append(v.value.cell)
            cells.append(v.numerator.cell)
            cells.append(v.denominator.cell)
            cells.append(v.comment.cell)
            cells.append(v.storedBy.cell)
            cells.append(.text(v.updatedAt ?? now))
            cells.append(revision)
        }
        try await Session.of(sql).insert(into: "data_values", columns: Self.columns,
                                         updatingOn: ["unit_code", "indicator_code", "period"], cells: cells)
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
        return try await Self.read(q.orderBy("unit_code").orderBy("indicator_code").orderBy("period_start").orderBy("period_type")
            .limit(filter.limit))
    }

    /// For each unit and indicator (in the subtree of `root` when given), the value of its latest period.
    public func latest(withinSubtreeOf root: String? = nil) async throws -> [DataValue] {
        let scope: SQLQueryString = root.map { "WHERE d.unit_code IN (\(Self.subtree(of: $0)))" } ?? ""
        return try await Self.read(sql.raw("""
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

        /// How the audit log names the value.
        public var entity: String { "value:\(unit)|\(indicator)|\(period)" }
    }

    /// The stored values among `values`' keys (before they are overwritten), looked up
    /// key by key in the primary key, 1,000 keys to a query.
    func existing(_ values: [DataValue]) async throws -> [Key: DataValue] {
        let keys = Array(Set(values.map(Key.init)))
        var found: [Key: DataValue] = [:]
        let session = Session.of(sql)
        var start = 0
        while start < keys.count {
            let chunk = keys[start..<min(start + 1000, keys.count)]
            let list = Array(repeating: "(?, ?, ?)", count: chunk.count).joined(separator: ", ")
            let text = """
                SELECT d.* FROM data_values d JOIN (VALUES \(list)) k
                  ON d.unit_code = k.column1 AND d.indicator_code = k.column2 AND d.period = k.column3
                """
            for row in try await session.rows(text, chunk.flatMap { [.text($0.unit), .text($0.indicator), .text($0.period)] }) {
                let v = try Self.value(row)
                found[Key(v)] = v
            }
            start += 1000
        }
        return found
    }

    public func count() async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM data_values").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The values a `SELECT * FROM data_values …` built with SQLKit returns, read through the
    /// driver (``Session/all(_:)``): the rollup and the dashboard read a country's quarter at once.
    static func read(_ query: some SQLQueryBuilder) async throws -> [DataValue] {
        try await Session.of(query.database).all(query.query).map(value)
    }

    static func value(_ row: CellRow) throws -> DataValue {
        DataValue(unitCode: try row.text("unit_code"), indicatorCode: try row.text("indicator_code"),
                  period: try Period(row.text("period")), value: try row.number("value"),
                  numerator: try row.number("numerator"), denominator: try row.number("denominator"),
                  comment: try row.optionalText("comment"), storedBy: try row.optionalText("stored_by"),
                  updatedAt: try row.optionalText("updated_at"))
    }
}
