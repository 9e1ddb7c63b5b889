import DXDomain
import Testing

@Suite struct AggregationTests {
    static let share = ProgressTests.percent
    static let count = ProgressTests.count

    static func v(_ unit: String, _ p: String, value: Double? = nil, n: Double? = nil, d: Double? = nil) -> DataValue {
        DataValue(unitCode: unit, indicatorCode: "x", period: try! Period(p), value: value, numerator: n, denominator: d)
    }

    @Test func percentagesAreRatiosOfSumsNeverMeansOfPercentages() {
        // A commune at 50% of 50 households and a ward at 90% of 5,000.
        let values = [Self.v("xa", "2025Q1", n: 25, d: 50), Self.v("phuong", "2025Q1", n: 4_500, d: 5_000)]
        let a = Aggregation.combine(values, Self.share)
        #expect(a.numerator == 4_525 && a.denominator == 5_050)
        #expect(abs(a.value! - 4_525.0 / 5_050 * 100) < 1e-9)
        #expect(abs(a.value! - 70) > 19, "the mean of percentages (70%) would be badly wrong")
    }

    @Test func countsSumAndStocksTakeTheLatestPeriod() throws {
        let flows = [Self.v("a", "2025Q1", value: 10), Self.v("a", "2025Q2", value: 20), Self.v("b", "2025Q2", value: 5)]
        #expect(Aggregation.combine(flows, Self.count, over: try Period("2025")).value == 35)
        let coverage = [Self.v("a", "2025Q1", n: 10, d: 100), Self.v("a", "2025Q4", n: 60, d: 100), Self.v("b", "2025Q3", n: 20, d: 100)]
        let year = Aggregation.combine(coverage, Self.share, over: try Period("2025"))
        #expect(year.numerator == 80 && year.denominator == 200 && year.value == 40)
        #expect(Aggregation.combine([DataValue](), Self.share).value == nil)
    }

    /// A series is each period combined on its own, whatever the mix of periods and types.
    @Test(arguments: AggregationType.allCases)
    func aSeriesIsEachPeriodCombined(_ aggregation: AggregationType) throws {
        var random = SplitMix64(seed: 17)
        var indicator = aggregation == .ratioOfSums ? Self.share : Self.count
        indicator.aggregation = aggregation
        // More than 32 periods among the values: the series finds them by hashing past that many.
        let months = (2023...2025).flatMap { y in (1...12).map { "\(y)" + ($0 < 10 ? "0\($0)" : "\($0)") } }
        let periods = ["2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2024", "2025", "2025S1"] + months
        for _ in 0..<20 {
            var seen = Set<String>()
            let values = (0..<240).compactMap { _ -> DataValue? in
                let unit = "u\(random.next() % 8)", period = periods[Int(random.next() % UInt64(periods.count))]
                guard seen.insert(unit + period).inserted else { return nil }
                let x = Double(random.next() % 1000)
                return aggregation == .ratioOfSums ? Self.v(unit, period, n: x, d: x + Double(random.next() % 500) + 1) : Self.v(unit, period, value: x)
            }
            for type in [PeriodType.quarterly, .yearly, .sixMonthly, .monthly] {
                let span = Period.series(type, endingBy: try Period("2025Q4").end)
                let expected = span.compactMap { p in Aggregation.combine(values, indicator, over: p).value.map { Observation(p, $0) } }
                let series = Aggregation.series(values, indicator, periods: span)
                #expect(series.map(\.period) == expected.map(\.period))
                for (a, b) in zip(series, expected) { #expect(abs(a.value - b.value) <= 1e-9 * max(1, abs(b.value)), "\(a.period.id)") }
            }
        }
    }

    /// A target's members' figures (the unit a place among them) aggregate to the very bits their
    /// values do, given in the same order: the lean form judgments read changes nothing they show.
    @Test(arguments: AggregationType.allCases)
    func membersFiguresAggregateAsTheirValuesDo(_ aggregation: AggregationType) throws {
        var random = SplitMix64(seed: 23)
        var indicator = aggregation == .ratioOfSums ? Self.share : Self.count
        indicator.aggregation = aggregation
        let periods = ["2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2025", "2025S1"]
        let units = (0..<9).map { "u\($0)" }
        for _ in 0..<20 {
            var seen = Set<String>()
            // Member by member, as the columns give them.
            let values = units.flatMap { unit in
                periods.compactMap { period -> DataValue? in
                    guard random.next() % 3 != 0, seen.insert(unit + period).inserted else { return nil }
                    let x = Double(random.next() % 1000) / 7
                    return aggregation == .ratioOfSums ? Self.v(unit, period, n: x, d: x + Double(random.next() % 500) + 1) : Self.v(unit, period, value: x)
                }
            }
            let figures = values.map { v in
                NumberedFigure(unit: Int32(units.firstIndex(of: v.unitCode)!), period: v.period, value: v.value, numerator: v.numerator, denominator: v.denominator)
            }
            for type in [PeriodType.quarterly, .yearly, .sixMonthly] {
                let span = Period.series(type, endingBy: try Period("2025Q4").end)
                #expect(Aggregation.series(figures, indicator, periods: span) == Aggregation.series(values, indicator, periods: span))
                for p in span { #expect(Aggregation.combine(figures, indicator, over: p) == Aggregation.combine(values, indicator, over: p)) }
            }
            #expect(NumberedFigure.reporters(figures.shuffled(), among: units.count) == Set(values.map(\.unitCode)).count)
        }
    }

    @Test func aSeriesSkipsPeriodsWithoutData() throws {
        let values = [Self.v("a", "2025Q1", n: 1, d: 2), Self.v("a", "2025Q3", n: 3, d: 4)]
        let s = Aggregation.series(values, Self.share, periods: try Period("2025").periods(of: .quarterly))
        #expect(s.map(\.period.id) == ["2025Q1", "2025Q3"])
        #expect(s.map(\.value) == [50, 75])
    }
}

@Suite struct RankingTests {
    @Test func bestFirstByDirectionWithTiesAtTheShownDecimals() {
        let higher = Ranking.rank(["a": 80.04, "b": 80.01, "c": 95, "d": 60], indicator: ProgressTests.percent) // 1 decimal
        #expect(higher.map { "\($0.rank)\($0.unitCode)" } == ["1c", "2a", "2b", "4d"])
        var days = ProgressTests.count
        days.direction = .lowerIsBetter
        let lower = Ranking.rank(["a": 3, "b": 10, "c": 3, "d": 1], indicator: days)
        #expect(lower.map { "\($0.rank)\($0.unitCode)" } == ["1d", "2a", "2c", "4b"])
        #expect(Ranking.rank([:], indicator: days).isEmpty)
    }
}
