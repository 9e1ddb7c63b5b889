/// Every unit's aggregate over its own subtree, for many indicators at once, in one
/// pass over the values: each value is added to its unit and to every unit above it.
///
/// It gives exactly what ``Aggregation/combine(_:_:over:)`` gives for each subtree
/// (the tests check this), but costs one pass over the values times the depth of
/// the tree (four levels in Vietnam) instead of one pass per unit: ranking 3,321
/// communes, or aggregating a whole country up its hierarchy, reads the values once.
///
/// ```swift
/// let r = Rollup(values, indicators: byCode, parentOf: parents, over: Period(year: 2025))
/// r["20", "cqs_ho_so_truc_tuyen"]?.value   // the province over all its units
/// ```
public struct Rollup: Sendable {
    /// What an aggregate of any type is finished from; every part adds up, so a
    /// unit's accumulator is the sum of its children's and its own values'.
    struct Accumulator: Sendable {
        var sum = 0.0, count = 0
        var numerator = 0.0, denominator = 0.0, fractions = 0
        var min = Double.infinity, max = -Double.infinity

        mutating func add(_ v: DataValue) {
            if let n = v.numerator, let d = v.denominator {
                numerator += n
                denominator += d
                fractions += 1
            }
            if let x = v.value {
                sum += x
                count += 1
                min = Swift.min(min, x)
                max = Swift.max(max, x)
            }
        }

        func aggregate(_ indicator: Indicator) -> Aggregate {
            let scale = indicator.valueType == .percentage ? 100.0 : 1.0
            switch indicator.aggregation {
            case .ratioOfSums:
                return Aggregate(value: denominator > 0 ? numerator / denominator * scale : nil,
                                 numerator: numerator, denominator: denominator, count: fractions)
            case .sum, .last: return Aggregate(value: count > 0 ? sum : nil, count: count)
            case .average: return Aggregate(value: count > 0 ? sum / Double(count) : nil, count: count)
            case .min: return Aggregate(value: count > 0 ? min : nil, count: count)
            case .max: return Aggregate(value: count > 0 ? max : nil, count: count)
            }
        }
    }

    private let indicators: [Indicator]
    private let indicatorIndex: [String: Int]
    private let unitIndex: [String: Int]
    /// Keyed by unit index × indicator count + indicator index.
    private let cells: [Int: Accumulator]

    /// The units whose aggregates exist: those with values and every unit above them.
    public let units: [String]

    /// - Parameters:
    ///   - parentOf: each unit's parent; a unit missing from it is a root.
    ///   - span: values are rolled into it by each indicator's rule over time (flows add
    ///     up, everything else takes each unit's latest period inside the span).
    public init(_ values: [DataValue], indicators byCode: [String: Indicator], parentOf: [String: String], over span: Period) {
        indicators = Array(byCode.values)
        indicatorIndex = Dictionary(uniqueKeysWithValues: indicators.enumerated().map { ($1.code, $0) })
        var unitIndex: [String: Int] = [:], units: [String] = []
        func index(_ unit: String) -> Int {
            if let i = unitIndex[unit] { return i }
            unitIndex[unit] = units.count
            units.append(unit)
            return units.count - 1
        }
        // Over time first: one value per unit for a stock, all of them for a flow.
        var latest: [Int: DataValue] = [:], flows: [DataValue] = []
        for v in values where span.contains(v.period) {
            guard let i = indicatorIndex[v.indicatorCode] else { continue }
            if indicators[i].aggregation == .sum { flows.append(v); continue }
            let key = index(v.unitCode) * byCode.count + i
            if let cur = latest[key], cur.period >= v.period { continue }
            latest[key] = v
        }
        // Then up the tree. The walk stops after as many steps as there are units, so a
        // cycle in bad data cannot hang it.
        var cells: [Int: Accumulator] = [:]
        let limit = parentOf.count + 1
        for v in flows + latest.values {
            let i = indicatorIndex[v.indicatorCode]!
            var unit: String? = v.unitCode, steps = 0
            while let u = unit, steps <= limit {
                cells[index(u) * byCode.count + i, default: Accumulator()].add(v)
                unit = parentOf[u]
                steps += 1
            }
        }
        self.unitIndex = unitIndex
        self.units = units
        self.cells = cells
    }

    /// How many (unit, indicator) aggregates there are.
    public var count: Int { cells.count }

    /// `unit`'s aggregate of `indicator` over its subtree; nil when no value of the subtree counted.
    public subscript(unit: String, indicator: String) -> Aggregate? {
        guard let u = unitIndex[unit], let i = indicatorIndex[indicator],
              let cell = cells[u * indicators.count + i] else { return nil }
        return cell.aggregate(indicators[i])
    }
}
