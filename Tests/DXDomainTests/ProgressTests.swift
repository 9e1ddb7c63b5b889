import DXDomain
import Testing

@Suite struct ProgressTests {
    static let percent = Indicator(code: "p", nameVi: "Tỷ lệ", nameEn: "Share", pillar: .digitalGovernment, valueType: .percentage,
                                   aggregation: .ratioOfSums, direction: .higherIsBetter, decimals: 1, unitVi: "%")
    static let count = Indicator(code: "c", nameVi: "Số giao dịch", nameEn: "Transactions", pillar: .digitalEconomy, valueType: .count,
                                 aggregation: .sum, direction: .higherIsBetter, decimals: 0, unitVi: "giao dịch")
    static let rank = Indicator(code: "r", nameVi: "Hạng", nameEn: "Rank", pillar: .general, valueType: .rank,
                                aggregation: .last, direction: .lowerIsBetter, decimals: 0, unitVi: "hạng")

    static func target(_ shape: TargetShape, _ value: TargetValue, horizon: Int = 2025, start: LocalDate? = nil) -> Target {
        Target(code: "t", planCode: "p", indicatorCode: "p", shape: shape, value: value, horizon: .year(horizon)!, startDate: start)
    }

    static func year(_ y: Int, _ v: Double) -> Observation { Observation(.year(y)!, v) }
    static func date(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }

    func r(_ x: Double?, _ places: Double) -> Double? { x.map { ($0 * places).rounded() / places } }

    /// The running example of progress-and-index.md: b = 20 (2021), T = 80 (2025), v = 45 (2023).
    @Test func theWorkedExampleExactly() {
        let a = ProgressEvaluator.assess(Self.target(.atLeast, .single(80)), indicator: Self.percent, level: nil,
                                         series: [Self.year(2021, 20), Self.year(2023, 45)], asOf: Self.date(2024, 1, 15))
        #expect(r(a.distanceCovered, 1000) == 0.417)
        #expect(r(a.timeElapsed, 1000) == 0.5)
        #expect(r(a.scheduleRatio, 100) == 0.83)
        #expect(r(a.requiredPace, 10) == 17.5)
        #expect(r(a.observedPace, 10) == 12.5)
        #expect(r(a.requiredPace! / a.observedPace!, 10) == 1.4)
        #expect(r(a.cagrObserved, 1000) == 0.5)
        #expect(r(a.cagrRequired, 1000) == 0.414)
        #expect(r(a.cagrRatio, 1000) == 1.207)
        #expect(CAGRClass(ratio: a.cagrRatio!) == .substantial)
        #expect(r(a.projection, 10) == 70)
        // Ahead on an exponential path, behind on a straight line: the status names its model.
        #expect(a.status == .behind && a.method == "linear")
        #expect(a.explanationVi.contains { $0.contains("70,0") && $0.contains("cần tăng tốc") })
        #expect(a.explanationVi.contains { $0.contains("R = 1,207") })
    }

    @Test func metEarlyMetOrMissedAtTheHorizonAndNoData() {
        let t = Self.target(.atLeast, .single(80))
        #expect(ProgressEvaluator.assess(t, indicator: Self.percent, level: nil, series: [Self.year(2021, 20), Self.year(2023, 82)], asOf: Self.date(2024, 1, 1)).status == .met)
        #expect(ProgressEvaluator.assess(t, indicator: Self.percent, level: nil, series: [Self.year(2021, 20), Self.year(2025, 79)], asOf: Self.date(2026, 2, 1)).status == .missed)
        #expect(ProgressEvaluator.assess(t, indicator: Self.percent, level: nil, series: [Self.year(2025, 80), Self.year(2026, 60)], asOf: Self.date(2027, 2, 1)).status == .met,
                "judged on the horizon's figure, not later ones")
        #expect(ProgressEvaluator.assess(t, indicator: Self.percent, level: nil, series: [], asOf: Self.date(2024, 1, 1)).status == .noData)
        #expect(ProgressEvaluator.assess(t, indicator: Self.percent, level: nil, series: [Self.year(2023, 50)], asOf: Self.date(2024, 1, 1)).method == "single point")
    }

    @Test func onTrackWhenTheLineReachesTheTarget() {
        let a = ProgressEvaluator.assess(Self.target(.atLeast, .single(80)), indicator: Self.percent, level: nil,
                                         series: [Self.year(2021, 20), Self.year(2022, 40), Self.year(2023, 60)], asOf: Self.date(2024, 1, 1))
        #expect(a.status == .onTrack)
        #expect(r(a.projection, 10) == 100, "projections are clamped to 100%")
    }

    @Test func strictlyAboveAndLowerIsBetter() {
        let above = Self.target(.above, .single(2), horizon: 2023)
        #expect(ProgressEvaluator.assess(above, indicator: Self.percent, level: nil, series: [Self.year(2023, 2)], asOf: Self.date(2024, 2, 1)).status == .missed)
        #expect(ProgressEvaluator.assess(above, indicator: Self.percent, level: nil, series: [Self.year(2023, 2.01)], asOf: Self.date(2024, 2, 1)).status == .met)
        let fewerDays = Self.target(.atMost, .single(3))
        let a = ProgressEvaluator.assess(fewerDays, indicator: Self.count, level: nil,
                                         series: [Self.year(2021, 10), Self.year(2023, 6)], asOf: Self.date(2024, 1, 1))
        #expect(r(a.distanceCovered, 1000) == 0.571) // (6 − 10) / (3 − 10)
        #expect(a.status == .onTrack) // 10 → 6 in two years projects to 2 by 2025
    }

    /// "duy trì 100%": every year of the plan's window, each on the year's figure; a year
    /// over that missed is final, the year under way is only behind.
    @Test func maintainMustHoldInEveryYearOfThePlan() {
        let t = Self.target(.maintain, .single(100))
        let held = [Self.year(2022, 100), Self.year(2023, 100), Self.year(2024, 100)]
        let since = Self.date(2022, 1, 1)
        #expect(ProgressEvaluator.assess(t, indicator: Self.percent, level: nil, series: [], yearly: held, since: since, asOf: Self.date(2025, 1, 10)).status == .onTrack)
        var dip = held
        dip[1].value = 99.5
        let a = ProgressEvaluator.assess(t, indicator: Self.percent, level: nil, series: [], yearly: dip, since: since, asOf: Self.date(2025, 1, 10))
        #expect(a.status == .missed, "2023 missed, though 2024 is back at 100")
        #expect(a.explanationVi[0].contains("năm 2023"))
        // The year under way short so far: behind, not yet missed.
        let now = ProgressEvaluator.assess(t, indicator: Self.percent, level: nil, series: [], yearly: held + [Self.year(2025, 98)], since: since,
                                           asOf: Self.date(2025, 7, 10))
        #expect(now.status == .behind)
        #expect(ProgressEvaluator.assess(t, indicator: Self.percent, level: nil, series: [], yearly: held + [Self.year(2025, 100)], since: since,
                                         asOf: Self.date(2026, 3, 1)).status == .met)
        // A year before the plan's window does not count.
        #expect(ProgressEvaluator.assess(t, indicator: Self.percent, level: nil, series: [], yearly: [Self.year(2021, 80)] + held, since: since,
                                         asOf: Self.date(2025, 1, 10)).status == .onTrack)
    }

    /// "duy trì … top 10" is a rank held every year, not the latest rank alone.
    @Test func aMaintainedRankIsJudgedOnEveryYear() {
        var t = Self.target(.rankAtMost, .single(10))
        t.maintained = true
        let ranks = [Self.year(2021, 5), Self.year(2022, 12), Self.year(2023, 4)]
        let a = ProgressEvaluator.assess(t, indicator: Self.rank, level: nil, series: ranks, since: Self.date(2021, 1, 1), asOf: Self.date(2024, 3, 1))
        #expect(a.status == .missed, "12th in 2022, though 4th in 2023")
        t.maintained = false
        #expect(ProgressEvaluator.assess(t, indicator: Self.rank, level: nil, series: ranks, asOf: Self.date(2024, 3, 1)).status == .onTrack)
    }

    @Test func aboutIsMetOnItsGoodSide() {
        let t = Self.target(.about(tolerance: 1.5), .single(15))
        #expect(ProgressEvaluator.assess(t, indicator: Self.percent, level: nil, series: [Self.year(2025, 13.6)], asOf: Self.date(2026, 1, 5)).status == .met)
        #expect(ProgressEvaluator.assess(t, indicator: Self.percent, level: nil, series: [Self.year(2025, 13.4)], asOf: Self.date(2026, 1, 5)).status == .missed)
        #expect(ProgressEvaluator.assess(t, indicator: Self.percent, level: nil, series: [Self.year(2025, 22)], asOf: Self.date(2026, 1, 5)).status == .met,
                "exceeding a higher-is-better target is no miss")
    }

    @Test func rankTargetsReadARanking() {
        let t = Self.target(.rankAtMost, .single(10))
        #expect(ProgressEvaluator.assess(t, indicator: Self.rank, level: nil, series: [Self.year(2021, 5), Self.year(2022, 12)], asOf: Self.date(2023, 8, 1)).status == .behind)
        #expect(ProgressEvaluator.assess(t, indicator: Self.rank, level: nil, series: [Self.year(2024, 12), Self.year(2025, 9)], asOf: Self.date(2026, 8, 1)).status == .met)
    }

    /// "×7 so với năm trước": the year's total against the previous year's total.
    @Test func timesSevenComparesYearlyTotals() {
        let t = Self.target(.growthVersusPreviousYear, .single(7), horizon: 2022)
        let quarters = [Observation(.quarter(2022, 4)!, 6_000), Observation(.quarter(2021, 4)!, 100)]
        let met = ProgressEvaluator.assess(t, indicator: Self.count, level: nil, series: quarters,
                                           yearly: [Self.year(2021, 1_000), Self.year(2022, 7_200)], asOf: Self.date(2023, 1, 20))
        #expect(met.status == .met && r(met.growthFactor, 100) == 7.2, "not Q4 against Q4 (×60)")
        #expect(ProgressEvaluator.assess(t, indicator: Self.count, level: nil, series: quarters,
                                         yearly: [Self.year(2021, 1_000), Self.year(2022, 6_900)], asOf: Self.date(2023, 1, 20)).status == .missed)
        // Before the year ends: the year so far against the whole previous year.
        let running = ProgressEvaluator.assess(t, indicator: Self.count, level: nil, series: [Observation(.quarter(2022, 2)!, 750)],
                                               yearly: [Self.year(2021, 1_000), Self.year(2022, 3_000)], asOf: Self.date(2022, 7, 10))
        #expect(running.status == .behind && running.explanationVi[0].contains("đến nay"))
        #expect(ProgressEvaluator.assess(t, indicator: Self.count, level: nil, series: [], yearly: [Self.year(2022, 7_200)],
                                         asOf: Self.date(2023, 1, 20)).status == .noData)
    }

    @Test func perLevelTargetsApplyByTheUnitsLevel() {
        let t = Self.target(.atLeast, .perLevel([.province: 90, .district: 80, .commune: 60]))
        let series = [Self.year(2025, 70)]
        #expect(ProgressEvaluator.assess(t, indicator: Self.percent, level: .commune, series: series, asOf: Self.date(2026, 1, 5)).status == .met)
        #expect(ProgressEvaluator.assess(t, indicator: Self.percent, level: .district, series: series, asOf: Self.date(2026, 1, 5)).status == .missed)
        #expect(ProgressEvaluator.assess(t, indicator: Self.percent, level: .district, series: series, asOf: Self.date(2026, 1, 5)).threshold == 80)
    }

    @Test func figuresBeforeTheStartDateDoNotCount() {
        let t = Self.target(.atLeast, .single(100), horizon: 2022, start: Self.date(2022, 6, 1))
        let series = [Observation(.quarter(2022, 1)!, 20), Observation(.quarter(2022, 3)!, 90), Observation(.quarter(2022, 4)!, 95)]
        let a = ProgressEvaluator.assess(t, indicator: Self.percent, level: nil, series: series, asOf: Self.date(2022, 12, 20))
        #expect(a.baseline?.period.id == "2022Q3")
    }

    @Test func guardsAgainstUndefinedFigures() {
        // Target equal to the baseline: no distance; baseline 0: no CAGR.
        let flat = ProgressEvaluator.assess(Self.target(.atLeast, .single(50)), indicator: Self.percent, level: nil,
                                            series: [Self.year(2021, 0), Self.year(2023, 10)], asOf: Self.date(2024, 1, 1))
        #expect(flat.cagrRatio == nil)
        #expect(flat.distanceCovered != nil)
        let same = ProgressEvaluator.assess(Self.target(.atLeast, .single(50)), indicator: Self.percent, level: nil,
                                            series: [Self.year(2021, 50.0 - 1e-9), Self.year(2023, 40)], asOf: Self.date(2024, 1, 1))
        #expect(same.status == .behind)
    }

    @Test func statusesHaveVietnameseNames() {
        #expect(ProgressStatus.allCases.map(\.nameVi) == ["Đạt", "Đúng tiến độ", "Chậm tiến độ", "Không đạt", "Chưa có số liệu"])
    }
}
