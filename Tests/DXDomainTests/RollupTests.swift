import DXDomain
import Testing

@Suite struct RollupTests {
    /// One indicator of each aggregation type.
    static let indicators: [Indicator] = AggregationType.allCases.map { type in
        Indicator(code: type.rawValue, nameVi: type.rawValue, nameEn: type.rawValue, pillar: .general,
                  valueType: type == .ratioOfSums ? .percentage : .count, aggregation: type,
                  direction: .higherIsBetter, decimals: 1, unitVi: "")
    }

    /// A random tree of `n` units (each unit's parent comes before it) with random
    /// values over the quarters of 2024–2025, some missing, some without a denominator.
    static func world(seed: UInt64, units n: Int) throws -> (parents: [String: String], values: [DataValue]) {
        var rng = SplitMix64(seed: seed)
        var parents: [String: String] = [:]
        for i in 1..<n { parents["u\(i)"] = "u\(Int(rng.next() % UInt64(i)))" }
        let quarters = try Period("2024").periods(of: .quarterly) + Period("2025").periods(of: .quarterly)
        var values: [DataValue] = []
        for i in 0..<n {
            for indicator in indicators {
                for q in quarters where rng.unit() < 0.6 {
                    let fraction = indicator.aggregation == .ratioOfSums
                    let d = rng.unit() < 0.1 ? nil : Double(rng.next() % 200 + 1)
                    values.append(DataValue(unitCode: "u\(i)", indicatorCode: indicator.code, period: q,
                                            value: fraction ? nil : Double(rng.next() % 1_000) - 100,
                                            numerator: fraction ? d.map { Double(rng.next() % UInt64($0 + 1)) } : nil,
                                            denominator: fraction ? d : nil))
                }
            }
        }
        return (parents, values)
    }

    static func subtree(_ root: String, _ parents: [String: String]) -> Set<String> {
        var inside: Set<String> = [root], grew = true
        while grew {
            grew = false
            for (child, parent) in parents where inside.contains(parent) && !inside.contains(child) {
                inside.insert(child)
                grew = true
            }
        }
        return inside
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func equalsCombiningEachSubtree(seed: UInt64) throws {
        let (parents, values) = try Self.world(seed: seed, units: 40)
        let byCode = Dictionary(uniqueKeysWithValues: Self.indicators.map { ($0.code, $0) })
        for span in [try Period("2025"), try Period("2024Q3"), try Period("2024S2")] {
            let rollup = Rollup(values, indicators: byCode, parentOf: parents, over: span)
            for unit in (0..<40).map({ "u\($0)" }) {
                let inside = Self.subtree(unit, parents)
                for indicator in Self.indicators {
                    let expected = Aggregation.combine(values.filter { inside.contains($0.unitCode) && $0.indicatorCode == indicator.code },
                                                       indicator, over: span)
                    let got = rollup[unit, indicator.code]
                    #expect((got?.count ?? 0) == expected.count, "\(unit) \(indicator.code) \(span.id)")
                    #expect(got?.value == expected.value || abs((got?.value ?? .nan) - (expected.value ?? .nan)) < 1e-9,
                            "\(unit) \(indicator.code) \(span.id): \(String(describing: got?.value)) vs \(String(describing: expected.value))")
                }
            }
        }
    }

    @Test func unknownIndicatorsAndUnitsOutsideTheSpanAreLeftOut() throws {
        let q = try Period("2025Q1")
        let values = [DataValue(unitCode: "a", indicatorCode: "sum", period: q, value: 5),
                      DataValue(unitCode: "a", indicatorCode: "unknown", period: q, value: 7),
                      DataValue(unitCode: "b", indicatorCode: "sum", period: try Period("2024Q4"), value: 9)]
        let byCode = Dictionary(uniqueKeysWithValues: Self.indicators.map { ($0.code, $0) })
        let r = Rollup(values, indicators: byCode, parentOf: ["a": "root", "b": "root"], over: q)
        #expect(r["root", "sum"]?.value == 5)
        #expect(r["root", "unknown"] == nil)
        #expect(r["b", "sum"] == nil)
        #expect(Set(r.units) == ["a", "root"])
    }

    /// Figures numbered as the in-memory columns number them (lists that hold codes without
    /// values, and codes no indicator has) roll up to what their values do.
    @Test func numberedFiguresRollUpAsTheirValuesDo() throws {
        let (parents, values) = try Self.world(seed: 8, units: 30)
        let byCode = Dictionary(uniqueKeysWithValues: Self.indicators.map { ($0.code, $0) })
        let units = ["nobody"] + (0..<30).map { "u\($0)" }.shuffled(), codes = ["unknown"] + Self.indicators.map(\.code).shuffled()
        let numbered = NumberedFigures(units: units, indicators: codes, figures: values.map { v in
            NumberedFigure(unit: Int32(units.firstIndex(of: v.unitCode)!), indicator: Int32(codes.firstIndex(of: v.indicatorCode)!),
                           period: v.period, value: v.value, numerator: v.numerator, denominator: v.denominator)
        } + [NumberedFigure(unit: 0, indicator: 0, period: try Period("2025Q1"), value: 1)])
        for span in [try Period("2025"), try Period("2024Q3")] {
            let expected = Rollup(values, indicators: byCode, parentOf: parents, over: span)
            let got = Rollup(numbered, indicators: byCode, parentOf: parents, over: span)
            #expect(Set(got.units) == Set(expected.units) && got.count == expected.count)
            for unit in expected.units {
                for indicator in Self.indicators { #expect(got[unit, indicator.code] == expected[unit, indicator.code], "\(unit) \(indicator.code)") }
            }
        }
    }

    @Test func aCycleInTheTreeEndsTheWalk() throws {
        let q = try Period("2025Q1")
        let byCode = Dictionary(uniqueKeysWithValues: Self.indicators.map { ($0.code, $0) })
        let r = Rollup([DataValue(unitCode: "a", indicatorCode: "sum", period: q, value: 1)], indicators: byCode,
                       parentOf: ["a": "b", "b": "a"], over: q)
        #expect(r["b", "sum"]?.count ?? 0 >= 1)
    }
}
