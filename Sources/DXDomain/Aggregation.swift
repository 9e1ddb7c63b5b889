/// An indicator's value over several units (and periods), with what it was made of.
public struct Aggregate: Hashable, Sendable {
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    /// How many reported values went in.
    public var count: Int
}

/// Adds up reported values by the indicator's aggregation type.
///
/// Over units: a percentage is Σ numerators / Σ denominators — never the mean of
/// the units' percentages, which would give a commune of 50 households the weight
/// of a ward of 5,000 — counts and amounts sum, averages average, min and max pick.
/// Over time (quarters into a year): `sum` adds the periods up (a flow), every
/// other type takes each unit's latest period inside the span (a stock, or a
/// coverage ratio such as "households with fibre").
public enum Aggregation {
    public static func combine(_ values: [DataValue], _ indicator: Indicator, over span: Period? = nil) -> Aggregate {
        combining(values, indicator, over: span)
    }

    /// ``combine(_:_:over:)`` of a target's members' figures.
    public static func combine(_ values: [NumberedFigure], _ indicator: Indicator, over span: Period? = nil) -> Aggregate {
        combining(values, indicator, over: span)
    }

    // Generic inside the module, where each kind of figure gets its own specialised copy.
    private static func combining<F: ReportedFigure>(_ values: [F], _ indicator: Indicator, over span: Period?) -> Aggregate {
        var parts = Accumulator()
        for v in span.map({ counted(values, indicator, over: $0) }) ?? values { parts.add(v) }
        return parts.aggregate(indicator)
    }

    /// The values that count for `span` by the indicator's rule over time: every one inside
    /// it for a flow (`sum`), each unit's latest inside it for anything else.
    static func counted<F: ReportedFigure>(_ values: [F], _ indicator: Indicator, over span: Period) -> [F] {
        guard indicator.aggregation != .sum else { return values.filter { span.contains($0.period) } }
        var latest: [F.Reporter: Int] = [:]
        for (i, v) in values.enumerated() where span.contains(v.period) {
            if let cur = latest[v.reporter], values[cur].period >= v.period { continue }
            latest[v.reporter] = i
        }
        // In the order given, not the dictionary's (seeded afresh in every process): the same
        // values give the same sum to the last bit in every instance.
        return latest.values.sorted().map { values[$0] }
    }

    /// What an aggregate of any type is finished from. Every part adds up, so values can be
    /// added one at a time, and to several totals at once (``Rollup`` adds each to every unit above it).
    struct Accumulator: Sendable {
        var sum = 0.0, count = 0
        var numerator = 0.0, denominator = 0.0, fractions = 0
        var min = Double.infinity, max = -Double.infinity

        mutating func add(_ v: some ReportedFigure) {
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

    /// The series of `periods` (each aggregated over the values inside it, as ``combine(_:_:over:)``
    /// does), skipping periods without data. `values` are of one indicator: a unit has one value
    /// a period.
    ///
    /// The values are grouped by their own period once, so each is looked at for the periods
    /// that hold it rather than for every period of the series: a target's 23 quarters over a
    /// province's thousands of values cost one pass, not 23. This is what a write at a deadline
    /// makes dxtrack compute again for every target of the indicators it wrote.
    public static func series(_ values: [DataValue], _ indicator: Indicator, periods: [Period]) -> [Observation] {
        seriesOf(values, indicator, periods: periods)
    }

    /// ``series(_:_:periods:)`` of a target's members' figures.
    public static func series(_ values: [NumberedFigure], _ indicator: Indicator, periods: [Period]) -> [Observation] {
        seriesOf(values, indicator, periods: periods)
    }

    private static func seriesOf<F: ReportedFigure>(_ values: [F], _ indicator: Indicator, periods: [Period]) -> [Observation] {
        let byPeriod = grouped(values)
        let latestFirst = byPeriod.keys.sorted(by: >)
        return periods.compactMap { p in
            let inside = latestFirst.filter { p.contains($0) }
            var parts = Accumulator()
            if inside.count == 1 {
                // One period of values: each unit's one value, in the order given.
                for i in byPeriod[inside[0]]! { parts.add(values[i]) }
            } else if indicator.aggregation == .sum {
                // Added in the order given, as combine adds them: the same sum to the last bit.
                for i in inside.flatMap({ byPeriod[$0]! }).sorted() { parts.add(values[i]) }
            } else {
                // Each unit's latest period inside the span: the first met, latest first.
                var seen = Set<F.Reporter>()
                for q in inside { for i in byPeriod[q]! where seen.insert(values[i].reporter).inserted { parts.add(values[i]) } }
            }
            return parts.aggregate(indicator).value.map { Observation(p, $0) }
        }
    }

    /// The positions of `values` by their period. A series' values hold a few dozen periods,
    /// met over and over (each unit's quarters in turn): found among those seen by comparing,
    /// which costs less than hashing each value's period; past 32 periods (months over years),
    /// by hashing after all.
    private static func grouped<F: ReportedFigure>(_ values: [F]) -> [Period: [Int]] {
        var seen: [Period] = [], positions: [[Int]] = [], index: [Period: Int] = [:], k = 0
        for i in values.indices {
            let p = values[i].period
            if k >= seen.count || seen[k] != p {
                if let known = seen.count <= 32 ? seen.firstIndex(of: p) : index[p] {
                    k = known
                } else {
                    seen.append(p)
                    positions.append([])
                    k = seen.count - 1
                    if seen.count == 33 { index = Dictionary(uniqueKeysWithValues: zip(seen, seen.indices)) } else if seen.count > 33 { index[p] = k }
                }
            }
            positions[k].append(i)
        }
        return Dictionary(uniqueKeysWithValues: zip(seen, positions))
    }
}
