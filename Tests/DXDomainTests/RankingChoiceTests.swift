import DXDomain
import Testing

@Suite struct RankingChoiceTests {
    static func target(_ indicator: String, _ kinds: [OrgUnitKind]) -> Target {
        Target(code: "KH.\(indicator)", planCode: "KH", indicatorCode: indicator, shape: .atLeast, value: .single(80), horizon: .year(2026)!, unitKinds: kinds)
    }

    static func value(_ unit: String, _ indicator: String, _ period: String) -> DataValue {
        DataValue(unitCode: unit, indicatorCode: indicator, period: try! Period(period), value: 1)
    }

    static let kinds: [String: OrgUnitKind] = ["S1": .department, "S2": .department, "X1": .commune, "X2": .commune]

    @Test func opensOnTheFirstTargetTwoUnitsOfItsKindReportedAtTheirLatestSharedPeriod() {
        let targets = [Self.target("empty", [.department]), Self.target("one", [.department]), Self.target("both", [.commune, .department])]
        let latest = [Self.value("S1", "one", "2026Q2"),
                      Self.value("X1", "both", "2026Q3"), Self.value("X2", "both", "2026Q2"),
                      Self.value("S1", "both", "2026Q2"), Self.value("S2", "both", "2026Q2")]
        // "one" has a single department; "both" has two communes but no period they share,
        // so the departments' 2026Q2.
        #expect(RankingChoice.firstWithData(targets: targets, latest: latest, kindOf: Self.kinds)
                == RankingChoice(indicator: "both", kind: .department, period: try! Period("2026Q2")))
    }

    @Test func nothingToRankLeavesTheChoiceToThePage() {
        #expect(RankingChoice.firstWithData(targets: [Self.target("a", [.commune])], latest: [Self.value("X1", "a", "2026Q1")], kindOf: Self.kinds) == nil)
        #expect(RankingChoice.firstWithData(targets: [Self.target("a", [])], latest: [Self.value("X1", "a", "2026Q1"), Self.value("X2", "a", "2026Q1")],
                                            kindOf: Self.kinds) == nil, "a province-wide target ranks no kind")
    }
}
