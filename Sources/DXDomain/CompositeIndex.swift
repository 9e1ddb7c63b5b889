import Foundation

/// One unit's score on a framework.
public struct IndexScore: Hashable, Sendable {
    public var unit: String
    /// Nil when too few components have values (below the availability threshold).
    public var index: Double?
    public var pillars: [String: Double]
    /// Normalised component scores.
    public var components: [String: Double]
    public var missing: [String]
}

/// A unit's place in a ranking, with how far it could move.
public struct RankedScore: Hashable, Sendable {
    public var rank: Int
    public var score: IndexScore
    /// Best and worst rank when weights vary ±25% and the aggregation changes.
    public var rankInterval: ClosedRange<Int>?
}

extension IndexFramework {
    /// Scores one unit from its raw component values (keyed by component code).
    public func score(unit: String, values: [String: Double], weights: [String: Double]? = nil,
                      aggregation: IndexAggregation? = nil) -> IndexScore {
        var normalised: [String: Double] = [:]
        for c in components { if let x = values[c.code] { normalised[c.code] = c.normalisation.apply(x) } }
        let w = weights ?? Dictionary(uniqueKeysWithValues: components.map { ($0.code, $0.weight) })
        let total = components.reduce(0) { $0 + (w[$1.code] ?? 0) }
        let present = components.filter { normalised[$0.code] != nil }.reduce(0) { $0 + (w[$1.code] ?? 0) }
        let missing = components.filter { normalised[$0.code] == nil && (w[$0.code] ?? 0) > 0 }.map(\.code)
        let available = total > 0 && present / total >= availabilityThreshold - 1e-12
        let how = aggregation ?? self.aggregation
        var pillarScores: [String: Double] = [:]
        for p in pillars { if let s = Self.combine(p.components, normalised, w, how) { pillarScores[p.code] = s } }
        return IndexScore(unit: unit, index: available ? Self.combine(components.map(\.code), normalised, w, how) : nil,
                          pillars: pillarScores, components: normalised, missing: missing)
    }

    /// The weighted mean (arithmetic or geometric) of the components that have values.
    static func combine(_ codes: [String], _ x: [String: Double], _ w: [String: Double], _ how: IndexAggregation) -> Double? {
        let parts = codes.compactMap { c in x[c].map { (value: $0, weight: w[c] ?? 0) } }.filter { $0.weight > 0 }
        let total = parts.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        switch how {
        case .arithmetic:
            return parts.reduce(0) { $0 + $1.value * $1.weight } / total
        case .geometric:
            // Rescaled to [0.01, 1] so that a zero does not wipe out the whole score.
            let logSum = parts.reduce(0.0) { $0 + $1.weight * log(0.01 + 0.99 * $1.value) }
            return exp(logSum / total)
        }
    }

    /// Ranks units by index, ties sharing a rank (competition ranking: 1, 2, 2, 4).
    /// Values are compared as published, at 4 decimals. Units without a score come last, unranked.
    public func rank(_ values: [String: [String: Double]], withStability: Bool = false) -> [RankedScore] {
        let scores = values.keys.sorted().map { score(unit: $0, values: values[$0]!) }
        var ranked = Self.competitionRanks(scores)
        if withStability {
            let intervals = stability(values)
            for i in ranked.indices { ranked[i].rankInterval = intervals[ranked[i].score.unit] }
        }
        return ranked
    }

    static func competitionRanks(_ scores: [IndexScore]) -> [RankedScore] {
        let rounded = { (s: IndexScore) in s.index.map { ($0 * 10_000).rounded() } }
        let ordered = scores.sorted { a, b in
            switch (rounded(a), rounded(b)) {
            case let (x?, y?): x != y ? x > y : a.unit < b.unit
            case (_?, nil): true
            case (nil, _?): false
            default: a.unit < b.unit
            }
        }
        var out: [RankedScore] = []
        for (i, s) in ordered.enumerated() {
            let rank = (i > 0 && rounded(ordered[i - 1]) == rounded(s)) ? out[i - 1].rank : i + 1
            out.append(RankedScore(rank: s.index == nil ? 0 : rank, score: s, rankInterval: nil))
        }
        return out
    }

    /// Rank intervals: every unit's best and worst rank over all weight settings
    /// where each component's weight is 75%, 100% or 125% of its own (up to 3⁶
    /// settings; larger frameworks vary their six heaviest components), under both
    /// aggregations.
    public func stability(_ values: [String: [String: Double]]) -> [String: ClosedRange<Int>] {
        let varied = components.filter { $0.weight > 0 }.sorted { $0.weight > $1.weight }.prefix(6).map(\.code)
        var best: [String: Int] = [:], worst: [String: Int] = [:]
        let settings = varied.reduce([[String: Double]]([[:]])) { acc, code in
            acc.flatMap { s in [0.75, 1.0, 1.25].map { f in s.merging([code: f]) { a, _ in a } } }
        }
        for how in IndexAggregation.allCases {
            for factors in settings {
                let w = Dictionary(uniqueKeysWithValues: components.map { ($0.code, $0.weight * (factors[$0.code] ?? 1)) })
                let scores = values.keys.sorted().map { score(unit: $0, values: values[$0]!, weights: w, aggregation: how) }
                for r in Self.competitionRanks(scores) where r.rank > 0 {
                    best[r.score.unit] = min(best[r.score.unit] ?? .max, r.rank)
                    worst[r.score.unit] = max(worst[r.score.unit] ?? 0, r.rank)
                }
            }
        }
        return best.reduce(into: [:]) { $0[$1.key] = $1.value...worst[$1.key]! }
    }
}

/// The figures the ministry publishes beside a ranking.
public struct RankingSummary: Hashable, Sendable {
    public var count: Int
    public var mean: Double
    public var aboveMean: Int
    public var atLeastHalf: Int

    public init(_ ranked: [RankedScore]) {
        let values = ranked.compactMap(\.score.index)
        let m = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        count = values.count
        mean = m
        aboveMean = values.filter { $0 > m }.count
        atLeastHalf = values.filter { $0 >= 0.5 }.count
    }
}

/// The ministry's rule for a merged province (DTI 2024 on the 34-province map):
/// each main index is the unweighted mean of its predecessors' values.
public func mergedMainIndices(_ predecessors: [[String: Double]]) -> [String: Double] {
    var sums: [String: (Double, Int)] = [:]
    for p in predecessors { for (k, v) in p { sums[k, default: (0, 0)].0 += v; sums[k, default: (0, 0)].1 += 1 } }
    return sums.mapValues { $0.0 / Double($0.1) }
}
