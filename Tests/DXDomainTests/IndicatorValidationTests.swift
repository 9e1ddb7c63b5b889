import DXDomain
import Testing

@Suite struct IndicatorValidationTests {
    static func indicator(_ type: ValueType, _ aggregation: AggregationType = .sum) -> Indicator {
        Indicator(code: "x", nameVi: "Chỉ tiêu thử", nameEn: "Test", pillar: .digitalGovernment, valueType: type,
                  aggregation: aggregation, direction: .higherIsBetter, unitVi: "%")
    }

    static let percent = indicator(.percentage, .ratioOfSums)
    static let q1 = try! Period("2025Q1")

    func value(value: Double? = nil, numerator: Double? = nil, denominator: Double? = nil) -> DataValue {
        DataValue(unitCode: "20", indicatorCode: "x", period: Self.q1, value: value, numerator: numerator, denominator: denominator)
    }

    func problems(_ i: Indicator, _ v: DataValue) -> [String] {
        switch i.check(v) {
        case .success: []
        case .failure(let e): e.errors.map { "\($0.code)@\($0.field ?? "")" }
        }
    }

    @Test func derivesThePercentageFromNumeratorAndDenominator() throws {
        let v = try Self.percent.check(value(numerator: 378, denominator: 1000)).get()
        #expect(v.value == 37.8)
        #expect(try Self.percent.check(value(numerator: 0, denominator: 0)).get().value == nil)
    }

    @Test func aNumeratorAboveItsDenominatorIsRejected() {
        #expect(problems(Self.percent, value(numerator: 5, denominator: 4)) == ["numerator_above_denominator@numerator"])
    }

    @Test func fractionsNeedBothParts() {
        #expect(problems(Self.percent, value(numerator: 5)) == ["required@denominator"])
        #expect(problems(Self.percent, value(value: 50)) == ["required@numerator", "required@denominator"])
    }

    @Test func negativeFractionPartsAndZeroDenominators() {
        #expect(problems(Self.percent, value(numerator: -1, denominator: 4)) == ["negative@numerator"])
        #expect(problems(Self.percent, value(numerator: 1, denominator: 0)) == ["numerator_above_denominator@numerator", "zero_denominator@denominator"])
    }

    @Test func aGivenValueMustMatchItsFraction() {
        #expect(problems(Self.percent, value(value: 37.8, numerator: 378, denominator: 1000)).isEmpty)
        #expect(problems(Self.percent, value(value: 40, numerator: 378, denominator: 1000)) == ["value_mismatch@value"])
    }

    @Test func percentagesEnteredDirectlyStayWithin0And100() {
        let direct = Self.indicator(.percentage, .average)
        #expect(problems(direct, value(value: 100.5)) == ["out_of_range@value"])
        #expect(problems(direct, value(value: -1)) == ["out_of_range@value"])
        #expect(problems(direct, value(value: 100)).isEmpty)
        #expect(problems(direct, value(numerator: 1, denominator: 2)) == ["required@value"])
    }

    @Test func countsAreWholeAndNotNegative() {
        let count = Self.indicator(.count)
        #expect(problems(count, value(value: -3)) == ["negative@value"])
        #expect(problems(count, value(value: 2.5)) == ["not_whole@value"])
        #expect(problems(count, value(value: 7776)).isEmpty)
        #expect(problems(count, value(value: 1, numerator: 1, denominator: 1)) == ["unexpected_fraction@numerator"])
    }

    @Test func amountsRatiosYesNoAndRanks() {
        #expect(problems(Self.indicator(.amount), value(value: -1)) == ["negative@value"])
        #expect(problems(Self.indicator(.ratio, .average), value(value: 7)).isEmpty)
        #expect(problems(Self.indicator(.yesNo, .last), value(value: 2)) == ["out_of_range@value"])
        #expect(problems(Self.indicator(.yesNo, .last), value(value: 1)).isEmpty)
        #expect(problems(Self.indicator(.rank, .last), value(value: 0)) == ["out_of_range@value"])
        #expect(problems(Self.indicator(.rank, .last), value(value: 10.5)) == ["out_of_range@value"])
        #expect(problems(Self.indicator(.rank, .last), value(value: 5)).isEmpty)
    }

    @Test func nonFiniteNumbersAreRejected() {
        #expect(problems(Self.indicator(.amount), value(value: .infinity)).contains("invalid_number@value"))
    }

    @Test func messagesAreInBothLanguagesAndNameTheIndicator() throws {
        guard case .failure(let e) = Self.percent.check(value(numerator: 5, denominator: 4)) else {
            Issue.record("expected a failure"); return
        }
        #expect(e.errors[0].vi.hasPrefix("Chỉ tiêu thử – Tử số"))
        #expect(e.errors[0].en.hasPrefix("Test – The numerator"))
        #expect(e.errors[0].en.contains("greater than the denominator"))
    }

    @Test func definitionsThatCannotAddUpAreRejected() {
        #expect(Self.indicator(.count, .ratioOfSums).validate().map(\.code) == ["aggregation_mismatch"])
        #expect(Self.indicator(.rank, .sum).validate().map(\.code) == ["aggregation_mismatch"])
        var bad = Self.percent
        bad.decimals = 9
        bad.code = " "
        bad.releaseAfterDays = 400
        #expect(bad.validate().map(\.code) == ["required", "invalid_release_days", "invalid_decimals"])
        #expect(Self.percent.validate().isEmpty)
        var embargoed = Self.percent
        embargoed.releaseAfterDays = 30
        #expect(embargoed.validate().isEmpty)
        #expect(embargoed.releaseDay(of: Period.quarter(2025, 1)!) == LocalDate(year: 2025, month: 4, day: 30))
        #expect(Self.percent.releaseDay(of: Period.quarter(2025, 1)!) == LocalDate(year: 2025, month: 1, day: 1), "no embargo: from the period's start")
    }

    @Test func directionIsRequiredWhenDecoding() {
        let json = #"{"code":"x","nameVi":"a","nameEn":"a","pillar":"kinh_te_so","valueType":"count","aggregation":"sum","decimals":0,"unitVi":"cái"}"#
        #expect(throws: DecodingError.self) { try JSONRoundTrip.decode(Indicator.self, json) }
    }
}
