import DXDomain

/// Which values to read: every field narrows, nil fields do not.
struct ValueSelection: Sendable {
    var indicators: Set<String>?
    var units: Set<String>?
    var periods: @Sendable (Period) -> Bool = { _ in true }
}

/// The columns themselves. Units, indicators and periods are numbered as they first
/// appear; each row's numbers and figures sit at the same position of every array.
struct ValueTable {
    // Readable for the snapshot (ValueSnapshot.swift), which writes them whole.
    private(set) var units: [String] = [], unitNumber: [String: Int32] = [:]
    private(set) var indicators: [String] = [], indicatorNumber: [String: Int32] = [:]
    private(set) var periods: [Period] = [], periodNumber: [String: Int32] = [:]

    private(set) var unit: [Int32] = [], indicator: [Int32] = [], period: [Int32] = []
    /// NaN for a missing figure: a stored figure is always finite (`Indicator.check`).
    private(set) var value: [Double] = [], numerator: [Double] = [], denominator: [Double] = []

    /// Rows by unit, by indicator and by period: the three ways into the columns. A unit's
    /// rows are in the order of their indicator's number, then of their period, so that one
    /// indicator's values of a unit are found by halving (``figures(of:members:periods:)``)
    /// and come in the same order in every instance, however the rows arrived.
    private var rowsOfUnit: [[Int32]] = [], rowsOfIndicator: [[Int32]] = [], rowsOfPeriod: [[Int32]] = []
    /// Each period's place among the periods in time (their numbers are in order of first appearance).
    private var periodRank: [Int32] = []

    /// The first row that could not be read, if any.
    private(set) var problem: String?

    /// A table of these codes and columns (as a snapshot holds them), its three ways in built afresh.
    init(units: [String], indicators: [String], periods: [Period], unit: [Int32], indicator: [Int32], period: [Int32],
         value: [Double], numerator: [Double], denominator: [Double]) {
        (self.units, self.indicators, self.periods) = (units, indicators, periods)
        unitNumber = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($1, Int32($0)) })
        indicatorNumber = Dictionary(uniqueKeysWithValues: indicators.enumerated().map { ($1, Int32($0)) })
        periodNumber = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1.id, Int32($0)) })
        (self.unit, self.indicator, self.period) = (unit, indicator, period)
        (self.value, self.numerator, self.denominator) = (value, numerator, denominator)
        rowsOfIndicator = Self.rows(by: indicator, count: indicators.count)
        rowsOfPeriod = Self.rows(by: period, count: periods.count)
        rankPeriods()
        rowsOfUnit = unitRows()
    }

    /// Each unit's rows in order (see `rowsOfUnit`), made in one pass: indicator by indicator,
    /// its rows period by period, each appended to its unit's.
    private func unitRows() -> [[Int32]] {
        var sizes = [Int](repeating: 0, count: units.count)
        for n in unit { sizes[Int(n)] += 1 }
        var rows = sizes.map { size -> [Int32] in var r = [Int32](); r.reserveCapacity(size); return r }
        let inTime = periodRank.indices.sorted { periodRank[$0] < periodRank[$1] }
        for ofIndicator in rowsOfIndicator {
            var byPeriod = [[Int32]](repeating: [], count: periods.count)
            for r in ofIndicator { byPeriod[Int(period[Int(r)])].append(r) }
            for p in inTime { for r in byPeriod[p] { rows[Int(unit[Int(r)])].append(r) } }
        }
        return rows
    }

    private mutating func rankPeriods() {
        periodRank = [Int32](repeating: 0, count: periods.count)
        for (rank, p) in periods.indices.sorted(by: { periods[$0] < periods[$1] }).enumerated() { periodRank[p] = Int32(rank) }
    }

    /// Row numbers grouped by the number in `column`, each group sized before it is filled.
    private static func rows(by column: [Int32], count: Int) -> [[Int32]] {
        var sizes = [Int](repeating: 0, count: count)
        for n in column { sizes[Int(n)] += 1 }
        var rows = sizes.map { size -> [Int32] in var r = [Int32](); r.reserveCapacity(size); return r }
        for (r, n) in column.enumerated() { rows[Int(n)].append(Int32(r)) }
        return rows
    }

    var count: Int { unit.count }

    mutating func fail(_ problem: String) {
        if self.problem == nil { self.problem = problem }
    }

    init(capacity: Int = 0) {
        unit.reserveCapacity(capacity)
        indicator.reserveCapacity(capacity)
        period.reserveCapacity(capacity)
        value.reserveCapacity(capacity)
        numerator.reserveCapacity(capacity)
        denominator.reserveCapacity(capacity)
    }

    /// Adds or replaces one value, read as unit, indicator, period, value, numerator, denominator.
    mutating func apply(_ row: [Cell]) {
        guard problem == nil else { return }
        guard row.count == 6, case .text(let unitCode) = row[0], case .text(let indicatorCode) = row[1],
              case .text(let periodID) = row[2], let p = periodNumber[periodID] ?? addPeriod(periodID) else {
            problem = "unreadable row \(row)"
            return
        }
        let u = Self.number(unitCode, in: &units, &unitNumber, rows: &rowsOfUnit)
        let i = Self.number(indicatorCode, in: &indicators, &indicatorNumber, rows: &rowsOfIndicator)
        let figures = (Self.figure(row[3]), Self.figure(row[4]), Self.figure(row[5]))
        // A unit has a few hundred values at most, in order: found by halving, and needing no key index.
        let at = position(of: (i, periodRank[Int(p)]), among: rowsOfUnit[Int(u)])
        if at < rowsOfUnit[Int(u)].count, case let r = Int(rowsOfUnit[Int(u)][at]), indicator[r] == i, period[r] == p {
            (value[r], numerator[r], denominator[r]) = figures
            return
        }
        let r = Int32(unit.count)
        unit.append(u)
        indicator.append(i)
        period.append(p)
        value.append(figures.0)
        numerator.append(figures.1)
        denominator.append(figures.2)
        rowsOfUnit[Int(u)].insert(r, at: at)
        rowsOfIndicator[Int(i)].append(r)
        rowsOfPeriod[Int(p)].append(r)
    }

    private mutating func addPeriod(_ id: String) -> Int32? {
        guard let parsed = try? Period(id) else { return nil }
        periods.append(parsed)
        rowsOfPeriod.append([])
        periodNumber[id] = Int32(periods.count - 1)
        rankPeriods()
        return Int32(periods.count - 1)
    }

    private static func number(_ code: String, in codes: inout [String], _ numbers: inout [String: Int32], rows: inout [[Int32]]) -> Int32 {
        if let n = numbers[code] { return n }
        codes.append(code)
        rows.append([])
        numbers[code] = Int32(codes.count - 1)
        return Int32(codes.count - 1)
    }

    private static func figure(_ cell: Cell) -> Double {
        switch cell {
        case .number(let x): x
        case .integer(let i): Double(i)
        case .text, .blob, .null: .nan
        }
    }

    /// The first of `rows` (a unit's, in order) at or after `key`: an indicator's number and a period's rank.
    private func position(of key: (Int32, Int32), among rows: [Int32]) -> Int {
        var (low, high) = (0, rows.count)
        while low < high {
            let mid = (low + high) / 2, r = Int(rows[mid])
            if (indicator[r], periodRank[Int(period[r])]) < key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The values of one indicator by `members`, member by member in their order and each
    /// member's in time, of the periods `wanted`: what judging a target reads. Each member's
    /// values are found by halving its rows, so this costs the values returned, not the
    /// indicator's rows over the whole country; and no code is copied per value.
    func figures(of indicatorCode: String, members: [String], periods wanted: (Period) -> Bool) -> [NumberedFigure] {
        guard let i = indicatorNumber[indicatorCode] else { return [] }
        let periodWanted = periods.map(wanted)
        var out: [NumberedFigure] = []
        for (m, code) in members.enumerated() {
            guard let u = unitNumber[code] else { continue }
            let rows = rowsOfUnit[Int(u)]
            var k = position(of: (i, 0), among: rows)
            while k < rows.count, case let r = Int(rows[k]), indicator[r] == i {
                k += 1
                guard periodWanted[Int(period[r])] else { continue }
                out.append(NumberedFigure(unit: Int32(m), period: periods[Int(period[r])], value: Self.optional(value[r]),
                                        numerator: Self.optional(numerator[r]), denominator: Self.optional(denominator[r])))
            }
        }
        return out
    }

    func select(_ selection: ValueSelection) -> [DataValue] {
        var out: [DataValue] = []
        forEachRow(selection) { r, u, i, p in
            out.append(DataValue(unitCode: units[u], indicatorCode: indicators[i], period: periods[p], value: Self.optional(value[r]),
                                 numerator: Self.optional(numerator[r]), denominator: Self.optional(denominator[r])))
        }
        return out
    }

    /// The values `selection` asks for, numbered as the table numbers units and indicators:
    /// no code is copied per value (a national rollup reads hundreds of thousands).
    func numbered(_ selection: ValueSelection) -> NumberedFigures {
        var out: [NumberedFigure] = []
        forEachRow(selection) { r, u, i, p in
            out.append(NumberedFigure(unit: Int32(u), indicator: Int32(i), period: periods[p], value: Self.optional(value[r]),
                                      numerator: Self.optional(numerator[r]), denominator: Self.optional(denominator[r])))
        }
        return NumberedFigures(units: units, indicators: indicators, figures: out)
    }

    /// Each row `selection` asks for, with its unit's, indicator's and period's numbers.
    private func forEachRow(_ selection: ValueSelection, _ body: (_ row: Int, _ unit: Int, _ indicator: Int, _ period: Int) -> Void) {
        let periodWanted = periods.map(selection.periods)
        // Marked from the named codes, so a selection costs what it names, not every unit there is.
        func marks(_ wanted: Set<String>?, _ numbers: [String: Int32], count: Int) -> [Bool]? {
            wanted.map { codes in
                var marks = [Bool](repeating: false, count: count)
                for code in codes { if let n = numbers[code] { marks[Int(n)] = true } }
                return marks
            }
        }
        let indicatorWanted = marks(selection.indicators, indicatorNumber, count: indicators.count)
        let unitWanted = marks(selection.units, unitNumber, count: units.count)
        // In by the narrowest way: the named indicators' rows, the named units' or the periods'.
        var ways: [[[Int32]]] = [periodWanted.indices.filter { periodWanted[$0] }.map { rowsOfPeriod[$0] }]
        if let wanted = selection.indicators { ways.append(wanted.compactMap { indicatorNumber[$0] }.map { rowsOfIndicator[Int($0)] }) }
        if let wanted = selection.units { ways.append(wanted.compactMap { unitNumber[$0] }.map { rowsOfUnit[Int($0)] }) }
        let way = ways.map { ($0, $0.reduce(0) { $0 + $1.count }) }.min { $0.1 < $1.1 }!.0
        for rows in way {
            for r in rows {
                let r = Int(r), p = Int(period[r]), i = Int(indicator[r]), u = Int(unit[r])
                guard periodWanted[p], indicatorWanted?[i] ?? true, unitWanted?[u] ?? true else { continue }
                body(r, u, i, p)
            }
        }
    }

    private static func optional(_ x: Double) -> Double? { x.isNaN ? nil : x }
}

