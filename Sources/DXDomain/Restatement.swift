/// Restating history onto today's units after a reorganisation (the 2025 merger of
/// provinces and abolition of districts): a former unit's values are carried to its
/// successors through the change links, so a commune created in 2025 has a series
/// back to 2021. Each restated value says how it was made.
///
/// - rename, merge: the value moves to the successor whole (merged units' values then
///   add up by the indicator's rule: counts sum, ratios Σ numerators / Σ denominators);
/// - split: counts, and both parts of a ratio, are multiplied by the successor's share
///   (the ratio itself is kept); other kinds (averages, ranks, stocks as levels) are
///   carried unchanged. Without recorded shares a split is shared equally.
public enum Restatement {
    public struct Restated: Hashable, Sendable {
        public var value: DataValue
        /// The unit that reported it.
        public var from: String
        /// "178 → 05983 (tách, tỷ lệ 0,4)", one step per change crossed.
        public var methodVi: String
        public var methodEn: String
    }

    /// `values` carried forward through `changes` until each lands on a unit with no
    /// later change, in at most 8 steps (a chain of renames and mergers).
    public static func restate(_ values: [DataValue], indicator: Indicator, changes: [OrgUnitChange]) -> [Restated] {
        let byPredecessor = Dictionary(grouping: changes, by: \.predecessorCode)
        var out: [Restated] = []
        for original in values {
            var frontier = [(value: original, vi: [String](), en: [String]())]
            for _ in 0..<8 {
                var next: [(value: DataValue, vi: [String], en: [String])] = []
                var moved = false
                for item in frontier {
                    // Only changes that took effect after the value's period carry it.
                    let links = (byPredecessor[item.value.unitCode] ?? []).filter { $0.effective > item.value.period.end }
                    guard !links.isEmpty else { next.append(item); continue }
                    moved = true
                    let splits = links.filter { $0.kind == .split }
                    for link in links {
                        var v = item.value
                        v.unitCode = link.successorCode
                        var vi = "\(link.predecessorCode) → \(link.successorCode)", en = vi
                        if link.kind == .split {
                            let share = link.share ?? 1 / Double(splits.count)
                            let note = VietnameseNumber.format(share, decimals: 3)
                            vi += " (tách, tỷ lệ \(note)\(link.share == nil ? ", chia đều" : ""))"
                            en += " (split, share \(share)\(link.share == nil ? ", equal shares" : ""))"
                            switch indicator.aggregation {
                            case .sum: v.value = v.value.map { $0 * share }
                            case .ratioOfSums:
                                v.numerator = v.numerator.map { $0 * share }
                                v.denominator = v.denominator.map { $0 * share }
                            case .last, .average, .min, .max: break
                            }
                        } else {
                            vi += link.kind == .merge ? " (sáp nhập)" : " (đổi tên)"
                            en += link.kind == .merge ? " (merger)" : " (renamed)"
                        }
                        next.append((v, item.vi + [vi], item.en + [en]))
                    }
                }
                frontier = next
                if !moved { break }
            }
            out += frontier.map { Restated(value: $0.value, from: original.unitCode, methodVi: $0.vi.joined(separator: "; "), methodEn: $0.en.joined(separator: "; ")) }
        }
        return out
    }
}
