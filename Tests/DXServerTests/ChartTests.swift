@testable import DXServer
import DXDomain
import Testing

/// What a chart's axes say: round values, periods as people write them, labels that fit.
@Suite struct ChartTests {
    @Test func axesRunBetweenRoundValues() {
        #expect(Chart.ticks(0, 94.6) == [0, 25, 50, 75, 100])
        #expect(Chart.ticks(0, 7.9) == [0, 2, 4, 6, 8])
        #expect(Chart.ticks(0, 1_234) == [0, 500, 1_000, 1_500])
        #expect(Chart.ticks(1, 17, whole: true) == [0, 5, 10, 15, 20])
        #expect(Chart.ticks(0, 0.3) == [0, 0.1, 0.2, 0.3])
        #expect(Chart.ticks(5, 5) == [5])
    }

    @Test func periodsOnAnAxisAreShortAndTheLabelsDoNotCollide() throws {
        let (q3, year) = (try Period("2026Q3"), try Period("2026"))
        #expect(Lang.vi.axis(q3) == "Q3/2026" && Lang.vi.axis(year) == "2026")
        let quarters = (0..<24).map { Period(type: .quarterly, containing: LocalDate(year: 2021, month: 1, day: 1)!.adding(days: 92 * $0)) }
        let chart = LineChart(title: "t", desc: "d", xLabels: quarters.map(Lang.vi.axis), series: [.init(label: "x", values: quarters.map { _ in 90 })],
                              ceiling: 100, format: { Lang.vi.number($0, decimals: 0) }, width: 260, height: 130)
        let svg = chart.svg(id: "c")
        let shown = quarters.map(Lang.vi.axis).filter { svg.contains(">\($0)</text>") }
        // 24 quarters on a 260-pixel chart: a few labels, the latest among them, the axis round.
        #expect(shown.count <= 4 && shown.last == Lang.vi.axis(quarters.last!), "\(shown)")
        #expect(svg.contains(">100</text>") && svg.contains(">50</text>") && !svg.contains(">110</text>"))
    }
}
