import DXDomain
import Testing

@Suite struct ValidationRuleTests {
    static func v(_ code: String, value: Double? = nil, n: Double? = nil, d: Double? = nil) -> DataValue {
        DataValue(unitCode: "u", indicatorCode: code, period: .year(2025)!, value: value, numerator: n, denominator: d)
    }

    @Test(arguments: ValidationRule.Operator.allCases)
    func everyOperatorDecides(_ op: ValidationRule.Operator) {
        let rule = ValidationRule(code: "r", nameVi: "Quy tắc", left: ["a"], operator: op, right: ["b"])
        let expected: [ValidationRule.Operator: [Bool]] = [ // for a = 1, 2, 3 against b = 2
            .equal: [false, true, false], .notEqual: [true, false, true], .greater: [false, false, true],
            .greaterOrEqual: [false, true, true], .less: [true, false, false], .lessOrEqual: [true, true, false],
        ]
        let results = [1.0, 2, 3].map { rule.check([Self.v("a", value: $0), Self.v("b", value: 2)]) == nil }
        #expect(results == expected[op])
    }

    @Test func operandsReadNumeratorsAndDenominatorsAndSidesAreSums() {
        let rule = ValidationRule(code: "r", nameVi: "Ký số ≤ trực tuyến", left: ["ky_so.numerator"], operator: .lessOrEqual,
                                  right: ["truc_tuyen.numerator", "khac"], rightConstant: 1)
        let values = [Self.v("ky_so", n: 50, d: 100), Self.v("truc_tuyen", n: 40, d: 100), Self.v("khac", value: 9)]
        #expect(rule.check(values) == nil) // 50 ≤ 40 + 9 + 1
        let broken = rule.check([Self.v("ky_so", n: 51, d: 100), Self.v("truc_tuyen", n: 40, d: 100), Self.v("khac", value: 9)])
        #expect(broken?.code == "rule_violated" && broken?.field == "rules.r")
        #expect(broken?.vi.contains("51 <= 50") == true)
        #expect(rule.indicators == ["ky_so", "truc_tuyen", "khac"])
    }

    @Test func missingValueStrategies() {
        let values = [Self.v("a", value: 5)]
        func rule(_ s: ValidationRule.MissingValueStrategy) -> ValidationRule {
            ValidationRule(code: "r", nameVi: "r", left: ["a"], operator: .lessOrEqual, right: ["b"], missingValueStrategy: s)
        }
        #expect(rule(.skipIfAnyValueMissing).check(values) == nil)
        #expect(rule(.skipIfAllValuesMissing).check(values) != nil, "b counts as 0: 5 ≤ 0 fails")
        #expect(rule(.skipIfAllValuesMissing).check([]) == nil)
        #expect(rule(.neverSkip).check([]) == nil, "0 ≤ 0 holds")
        #expect(ValidationRule(code: "r", nameVi: "r", left: ["a"], operator: .greater, right: [], missingValueStrategy: .neverSkip).check([]) != nil)
    }
}

@Suite struct OutlierTests {
    @Test func farFromHistoryIsFlaggedNeverBlocked() {
        let count = ProgressTests.count, share = ProgressTests.percent
        #expect(Outlier.check(378, history: [40, 42, 41, 43], indicator: count)?.code == "outlier")
        #expect(Outlier.check(44, history: [40, 42, 41, 43], indicator: count) == nil)
        #expect(Outlier.check(378, history: [40, 42, 41], indicator: count) == nil, "too little history to judge")
        #expect(Outlier.check(45, history: [10, 10, 10, 10], indicator: share) != nil, "a 35-point jump in a percentage")
        #expect(Outlier.check(10, history: [10, 10, 10, 10], indicator: share) == nil)
        let w = Outlier.check(378, history: [40, 42, 41, 43], indicator: count)
        #expect(w?.vi.contains("378") == true && w?.vi.contains("kỳ gần nhất 43") == true)
    }
}
