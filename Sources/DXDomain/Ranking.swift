/// Units ranked on one indicator: best first by the indicator's direction, ties (at
/// the decimals people read) sharing a rank, competition style (1, 2, 2, 4).
public struct RankedUnit: Hashable, Sendable {
    public var rank: Int
    public var unitCode: String
    public var value: Double
}

public enum Ranking {
    public static func rank(_ values: [String: Double], indicator: Indicator) -> [RankedUnit] {
        let scale = (0..<indicator.decimals).reduce(1.0) { acc, _ in acc * 10 }
        let shown = { (x: Double) in (x * scale).rounded() }
        let better = { (a: Double, b: Double) in indicator.direction == .higherIsBetter ? a > b : a < b }
        let ordered = values.sorted { a, b in shown(a.value) != shown(b.value) ? better(shown(a.value), shown(b.value)) : a.key < b.key }
        var out: [RankedUnit] = []
        for (i, (unit, value)) in ordered.enumerated() {
            let rank = i > 0 && shown(ordered[i - 1].value) == shown(value) ? out[i - 1].rank : i + 1
            out.append(RankedUnit(rank: rank, unitCode: unit, value: value))
        }
        return out
    }
}
