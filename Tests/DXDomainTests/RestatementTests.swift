import DXDomain
import Testing

/// Carrying former units' values onto today's units, with the method shown.
@Suite struct RestatementTests {
    static let q = try! Period("2024Q4")
    static let effective = LocalDate(year: 2025, month: 7, day: 1)!
    static func indicator(_ aggregation: AggregationType, _ type: ValueType = .count) -> Indicator {
        Indicator(code: "x", nameVi: "x", nameEn: "x", pillar: .general, valueType: type, aggregation: aggregation,
                  direction: .higherIsBetter, decimals: 1, unitVi: "")
    }

    @Test func aSplitSharesCountsAndBothPartsOfARatio() {
        let split = [OrgUnitChange(predecessorCode: "178", successorCode: "05983", kind: .split, effective: Self.effective, share: 0.4),
                     OrgUnitChange(predecessorCode: "178", successorCode: "05986", kind: .split, effective: Self.effective, share: 0.6)]
        let count = Restatement.restate([DataValue(unitCode: "178", indicatorCode: "x", period: Self.q, value: 1000)], indicator: Self.indicator(.sum), changes: split)
        #expect(count.map(\.value.unitCode) == ["05983", "05986"] && count.map(\.value.value) == [400, 600])
        #expect(count[0].methodVi == "178 → 05983 (tách, tỷ lệ 0,400)" && count[0].from == "178")
        let ratio = Restatement.restate([DataValue(unitCode: "178", indicatorCode: "x", period: Self.q, value: 37.8, numerator: 378, denominator: 1000)],
                                        indicator: Self.indicator(.ratioOfSums, .percentage), changes: split)
        #expect(zip(ratio.compactMap(\.value.numerator), [151.2, 226.8]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(ratio.map(\.value.denominator) == [400, 600])
        #expect(ratio.allSatisfy { $0.value.value == 37.8 }, "the ratio itself is kept")
        let stock = Restatement.restate([DataValue(unitCode: "178", indicatorCode: "x", period: Self.q, value: 12)], indicator: Self.indicator(.last), changes: split)
        #expect(stock.map(\.value.value) == [12, 12])
    }

    @Test func withoutSharesASplitIsEqualAndSaysSo() {
        let split = ["a", "b", "c", "d"].map { OrgUnitChange(predecessorCode: "P", successorCode: $0, kind: .split, effective: Self.effective) }
        let r = Restatement.restate([DataValue(unitCode: "P", indicatorCode: "x", period: Self.q, value: 100)], indicator: Self.indicator(.sum), changes: split)
        #expect(r.map(\.value.value) == [25, 25, 25, 25] && r[0].methodVi.contains("chia đều"))
    }

    @Test func mergersAndRenamesChainAndOnlyCarryEarlierValues() {
        let changes = [OrgUnitChange(predecessorCode: "A", successorCode: "M", kind: .merge, effective: Self.effective),
                       OrgUnitChange(predecessorCode: "B", successorCode: "M", kind: .merge, effective: Self.effective),
                       OrgUnitChange(predecessorCode: "M", successorCode: "N", kind: .rename, effective: LocalDate(year: 2026, month: 1, day: 1)!)]
        let values = [DataValue(unitCode: "A", indicatorCode: "x", period: Self.q, value: 3), DataValue(unitCode: "B", indicatorCode: "x", period: Self.q, value: 4),
                      DataValue(unitCode: "M", indicatorCode: "x", period: try! Period("2026Q1"), value: 9)]
        let r = Restatement.restate(values, indicator: Self.indicator(.sum), changes: changes)
        #expect(r.map(\.value.unitCode) == ["N", "N", "M"], "M's own 2026Q1 value came after the rename took effect: it stays")
        #expect(r[0].methodVi == "A → M (sáp nhập); M → N (đổi tên)")
    }
}
