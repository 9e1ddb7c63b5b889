import DXDomain
import Testing

@Suite struct TargetTests {
    static let plan = Plan(code: "KH135", unitCode: "20", issuer: "UBND tỉnh Lạng Sơn", number: "135/KH-UBND",
                           issuedOn: LocalDate(year: 2020, month: 8, day: 10), title: "Kế hoạch chuyển đổi số",
                           horizon: .year(2030)!)
    static let percent = IndicatorValidationTests.percent
    static let rank = IndicatorValidationTests.indicator(.rank, .last)

    @Test func everyShapeDecidesOneObservation() {
        let up = Direction.higherIsBetter
        #expect(TargetShape.atLeast.isMet(observed: 80, threshold: 80, direction: up) == true)
        #expect(TargetShape.atLeast.isMet(observed: 79.9, threshold: 80, direction: up) == false)
        #expect(TargetShape.above.isMet(observed: 2, threshold: 2, direction: up) == false) // "tối thiểu trên 2%"
        #expect(TargetShape.above.isMet(observed: 2.01, threshold: 2, direction: up) == true)
        #expect(TargetShape.atMost.isMet(observed: 3, threshold: 3, direction: .lowerIsBetter) == true)
        #expect(TargetShape.maintain.isMet(observed: 99.9, threshold: 100, direction: up) == false)
        #expect(TargetShape.rankAtMost.isMet(observed: 10, threshold: 10, direction: .lowerIsBetter) == true)
        #expect(TargetShape.rankAtMost.isMet(observed: 11, threshold: 10, direction: .lowerIsBetter) == false)
        #expect(TargetShape.growthVersusPreviousYear.isMet(observed: 700, threshold: 7, direction: up, base: 100) == true)
        #expect(TargetShape.growthVersusPreviousYear.isMet(observed: 699, threshold: 7, direction: up, base: 100) == false)
        #expect(TargetShape.growthVersusPreviousYear.isMet(observed: 699, threshold: 7, direction: up) == nil)
    }

    /// "khoảng 15%": where higher is better, met from the lower tolerance up, exceeding
    /// it included; where lower is better, met up to the upper tolerance, and below it.
    @Test(arguments: [(14.2, Direction.higherIsBetter, true), (13.9, .higherIsBetter, false), (19, .higherIsBetter, true),
                      (15.9, .lowerIsBetter, true), (16.1, .lowerIsBetter, false), (9, .lowerIsBetter, true)])
    func aboutIsMetOnItsGoodSideInBothDirections(_ observed: Double, _ direction: Direction, _ met: Bool) {
        #expect(TargetShape.about(tolerance: 1).isMet(observed: observed, threshold: 15, direction: direction) == met)
    }

    @Test func perLevelValuesApplyByTheUnitsLevel() {
        let t = Target(code: "t", planCode: "KH135", indicatorCode: "x", shape: .atLeast,
                       value: .perLevel([.province: 90, .district: 80, .commune: 60]), horizon: .year(2025)!)
        #expect(t.threshold(for: .province) == 90)
        #expect(t.threshold(for: .district) == 80)
        #expect(t.threshold(for: .commune) == 60)
        #expect(t.threshold(for: nil) == nil)
        #expect(Target(code: "u", planCode: "p", indicatorCode: "x", shape: .atLeast, value: .single(80),
                       horizon: .year(2025)!).threshold(for: nil) == 80)
    }

    @Test func aTargetIsJudgedAtTheProvinceAndAtTheKindsItIsSetFor() {
        let province = OrgUnit(code: "20", name: "Lạng Sơn", kind: .province)
        let commune = OrgUnit(code: "05983", name: "Lương Văn Tri", kind: .commune, parentCode: "20")
        let department = OrgUnit(code: "20-STTTT", name: "Sở", kind: .department, parentCode: "20")
        var t = Target(code: "t", planCode: "KH135", indicatorCode: "x", shape: .atLeast, value: .single(60), horizon: .year(2025)!)
        #expect(t.judgedKinds == [.province])
        #expect(t.isJudged(at: province) && !t.isJudged(at: commune))
        t.unitKinds = [.commune]
        #expect(t.isJudged(at: province), "at the province, on its communes' figures added up")
        #expect(t.isJudged(at: commune) && !t.isJudged(at: department))
    }

    @Test func shapesMustFitTheirIndicator() {
        func codes(_ shape: TargetShape, _ value: Double, _ indicator: Indicator, horizon: Period = .year(2025)!) -> [String] {
            Target(code: "t", planCode: "KH135", indicatorCode: indicator.code, shape: shape, value: .single(value), horizon: horizon)
                .validate(indicator: indicator, plan: Self.plan).map(\.code)
        }
        #expect(codes(.rankAtMost, 10, Self.rank).isEmpty)
        #expect(codes(.rankAtMost, 10, Self.percent) == ["shape_mismatch"])
        #expect(codes(.atLeast, 10, Self.rank) == ["shape_mismatch"])
        #expect(codes(.growthVersusPreviousYear, 7, Self.percent) == ["shape_mismatch"])
        #expect(codes(.atLeast, 120, Self.percent) == ["out_of_range"])
        #expect(codes(.atLeast, 80, Self.percent, horizon: .year(2019)!) == ["horizon_before_plan"])
        #expect(codes(.atLeast, 80, Self.percent).isEmpty)
    }

    @Test(arguments: [
        #"{"code":"a","horizon":"2025","indicatorCode":"x","planCode":"p","shape":"about","tolerance":2,"value":15}"#,
        #"{"code":"b","horizon":"2025","indicatorCode":"x","perLevel":{"commune":60,"district":80,"province":90},"planCode":"p","shape":"atLeast"}"#,
        #"{"code":"c","horizon":"2022","indicatorCode":"x","planCode":"p","shape":"atLeast","sourceText":"từ ngày 01/6/2022","startDate":"2022-06-01","unitKinds":["department"],"value":100}"#,
        #"{"code":"d","horizon":"2022","indicatorCode":"x","planCode":"p","shape":"growthVersusPreviousYear","value":7}"#,
        #"{"code":"e","horizon":"2025","indicatorCode":"x","planCode":"p","shape":"maintain","value":100}"#,
        #"{"code":"f","horizon":"2025","indicatorCode":"x","planCode":"p","shape":"rankAtMost","value":10}"#,
        #"{"code":"g","horizon":"2023","indicatorCode":"x","planCode":"p","shape":"above","value":2}"#,
    ])
    func targetsReadAsTheirSentenceAndRoundTrip(_ json: String) throws {
        let t = try JSONRoundTrip.decode(Target.self, json)
        #expect(try JSONRoundTrip.encode(t) == json)
    }

    @Test func malformedTargetsAreRejected() {
        #expect(throws: DomainError.self) {
            try JSONRoundTrip.decode(Target.self, #"{"code":"a","horizon":"2025","indicatorCode":"x","planCode":"p","shape":"about","value":15}"#)
        }
        #expect(throws: DomainError.self) {
            try JSONRoundTrip.decode(Target.self, #"{"code":"a","horizon":"2025","indicatorCode":"x","planCode":"p","shape":"roughly","value":15}"#)
        }
        #expect(throws: (any Error).self) {
            try JSONRoundTrip.decode(Target.self, #"{"code":"a","horizon":"2025","indicatorCode":"x","planCode":"p","shape":"atLeast","perLevel":{"hamlet":3}}"#)
        }
        #expect {
            try JSONRoundTrip.decode(Target.self, #"{"code":"a","horizon":"2025Q5","indicatorCode":"x","planCode":"p","shape":"atLeast","value":1}"#)
        } throws: { error in
            // The period's own error travels inside, with the path to the field.
            guard case .dataCorrupted(let ctx) = error as? DecodingError else { return false }
            return (ctx.underlyingError as? DomainError)?.code == "invalid_period" && ctx.codingPath.last?.stringValue == "horizon"
        }
    }

    @Test func describesConditionsInVietnamese() {
        #expect(TargetShape.about(tolerance: 2).describeVi("15%") == "khoảng 15% (±2)")
        #expect(TargetShape.rankAtMost.describeVi("10") == "trong top 10")
        #expect(TargetShape.growthVersusPreviousYear.describeVi("7") == "gấp 7 lần năm trước")
    }
}

@Suite struct OrgUnitTests {
    static let district = OrgUnit(code: "178", name: "Thành phố Lạng Sơn", kind: .district, parentCode: "20",
                                  validTo: LocalDate(year: 2025, month: 6, day: 30))

    @Test func aDistrictThatCeasedKeepsItsPast() throws {
        #expect(Self.district.isActive(on: LocalDate(year: 2025, month: 6, day: 30)!))
        #expect(!Self.district.isActive(on: LocalDate(year: 2025, month: 7, day: 1)!))
        #expect(Self.district.isActive(during: try Period("2025Q2")))
        #expect(Self.district.isActive(during: try Period("2025"))) // existed on some day of 2025
        #expect(!Self.district.isActive(during: try Period("2025Q3")))
    }

    @Test func aUnitCreatedOn1July2025DidNotExistBefore() throws {
        let ward = OrgUnit(code: "05983", name: "Phường Lương Văn Tri", kind: .ward, parentCode: "20",
                           validFrom: LocalDate(year: 2025, month: 7, day: 1))
        #expect(!ward.isActive(during: try Period("2025Q2")))
        #expect(ward.isActive(during: try Period("2025Q3")))
    }

    @Test func levelsFollowTheKind() {
        #expect(OrgUnitKind.department.adminLevel == .province)
        #expect(OrgUnitKind.district.adminLevel == .district)
        #expect(OrgUnitKind.ward.adminLevel == .commune)
        #expect(OrgUnitKind.school.adminLevel == nil)
    }

    @Test func structuralProblems() {
        var u = Self.district
        u.validFrom = LocalDate(year: 2026, month: 1, day: 1)
        u.parentCode = "178"
        u.name = ""
        #expect(u.validate().map(\.code) == ["required", "invalid_validity", "self_parent"])
        #expect(Self.district.validate().isEmpty)
    }
}
