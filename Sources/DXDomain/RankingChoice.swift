/// What a ranking page opens on when the reader has not picked: the first indicator a
/// target sets for a kind of unit (in the catalogue's order) that at least two units of
/// that kind have reported, at the latest period they reported it for. Opening on an
/// empty ranking, as it did on the year just ended, tells a reader nothing.
public struct RankingChoice: Hashable, Sendable {
    public var indicator: String
    public var kind: OrgUnitKind
    public var period: Period

    public init(indicator: String, kind: OrgUnitKind, period: Period) {
        (self.indicator, self.kind, self.period) = (indicator, kind, period)
    }

    /// `latest` holds each unit's latest value of each indicator; `kindOf` a unit's kind.
    public static func firstWithData(targets: [Target], latest: [DataValue], kindOf: [String: OrgUnitKind]) -> RankingChoice? {
        let byIndicator = Dictionary(grouping: latest, by: \.indicatorCode)
        for target in targets {
            for kind in target.unitKinds {
                let reported = (byIndicator[target.indicatorCode] ?? []).filter { kindOf[$0.unitCode] == kind && $0.value != nil }
                guard reported.count >= 2 else { continue }
                // The latest period at least two of them reported for.
                let counts = Dictionary(grouping: reported, by: \.period).mapValues(\.count)
                if let period = counts.filter({ $0.value >= 2 }).keys.max(by: { $0.end < $1.end }) {
                    return RankingChoice(indicator: target.indicatorCode, kind: kind, period: period)
                }
            }
        }
        return nil
    }
}
