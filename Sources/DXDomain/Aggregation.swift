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
        var perUnit = values
        if let span, indicator.aggregation != .sum {
            var latest: [String: DataValue] = [:]
            for v in values where span.contains(v.period) {
                if let cur = latest[v.unitCode], cur.period >= v.period { continue }
                latest[v.unitCode] = v
            }
            perUnit = Array(latest.values)
        } else if let span {
            perUnit = values.filter { span.contains($0.period) }
        }
        let scale = indicator.valueType == .percentage ? 100.0 : 1.0
        switch indicator.aggregation {
        case .ratioOfSums:
            let parts = perUnit.filter { $0.numerator != nil && $0.denominator != nil }
            let n = parts.reduce(0) { $0 + $1.numerator! }, d = parts.reduce(0) { $0 + $1.denominator! }
            return Aggregate(value: d > 0 ? n / d * scale : nil, numerator: n, denominator: d, count: parts.count)
        case .sum, .last:
            let xs = perUnit.compactMap(\.value)
            return Aggregate(value: xs.isEmpty ? nil : xs.reduce(0, +), count: xs.count)
        case .average:
            let xs = perUnit.compactMap(\.value)
            return Aggregate(value: xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count), count: xs.count)
        case .min:
            let xs = perUnit.compactMap(\.value)
            return Aggregate(value: xs.min(), count: xs.count)
        case .max:
            let xs = perUnit.compactMap(\.value)
            return Aggregate(value: xs.max(), count: xs.count)
        }
    }

    /// The series of `periods` (each aggregated over the values inside it), skipping periods without data.
    public static func series(_ values: [DataValue], _ indicator: Indicator, periods: [Period]) -> [Observation] {
        periods.compactMap { p in
            combine(values, indicator, over: p).value.map { Observation(p, $0) }
        }
    }
}
