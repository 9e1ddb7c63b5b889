import DXDomain
import Testing

/// Which targets are today's at a period, and which are results of the past.
@Suite struct PlanCalendarTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }
    static func plan(_ code: String, issued: LocalDate?, horizon: Int, supersededBy: String? = nil, from: LocalDate? = nil) -> Plan {
        Plan(code: code, unitCode: "20", issuer: "UBND tỉnh", issuedOn: issued, title: code, horizon: .year(horizon)!,
             inForceFrom: from, supersededBy: supersededBy)
    }
    static func target(_ code: String, plan: String, horizon: Int, indicator: String = "x") -> Target {
        Target(code: code, planCode: plan, indicatorCode: indicator, shape: .atLeast, value: .single(80), horizon: .year(horizon)!)
    }

    static let directive = plan("CT-2022", issued: day(2022, 3, 1), horizon: 2022)
    static let plan135 = plan("KH-135", issued: day(2020, 8, 10), horizon: 2030)
    static let t2022 = target("CT-2022.1", plan: "CT-2022", horizon: 2022)
    static let t2025 = target("KH-135.1", plan: "KH-135", horizon: 2025)
    static let t2030 = target("KH-135.2", plan: "KH-135", horizon: 2030)
    static let calendar = PlanCalendar(plans: [directive, plan135], targets: [t2022, t2025, t2030])

    @Test(arguments: [
        ("2022Q3", "CT-2022.1", TargetTense.inForce), ("2026Q3", "CT-2022.1", .past), ("2021Q4", "CT-2022.1", .notYet),
        ("2024Q2", "KH-135.1", .inForce), ("2025Q4", "KH-135.1", .inForce), ("2026Q1", "KH-135.1", .past),
        ("2024Q2", "KH-135.2", .later), ("2026Q3", "KH-135.2", .inForce),
    ])
    func aTargetIsTodaysOnlyInItsWindow(_ period: String, _ code: String, _ tense: TargetTense) throws {
        let target = try #require([Self.t2022, Self.t2025, Self.t2030].first { $0.code == code })
        #expect(Self.calendar.tense(of: target, during: try Period(period)) == tense, "\(code) in \(period)")
    }

    @Test func aSupersededPlanEndsTheDayBeforeItsSuccessorStarts() throws {
        let old = Self.plan("A", issued: Self.day(2021, 1, 5), horizon: 2025, supersededBy: "B")
        let new = Self.plan("B", issued: Self.day(2023, 6, 1), horizon: 2030, from: Self.day(2023, 7, 1))
        let t = Self.target("A.1", plan: "A", horizon: 2025)
        let calendar = PlanCalendar(plans: [old, new], targets: [t])
        #expect(calendar.force(of: old).to == Self.day(2023, 6, 30))
        #expect(calendar.force(of: new).from == Self.day(2023, 7, 1))
        #expect(calendar.tense(of: t, during: try Period("2023Q2")) == .inForce)
        #expect(calendar.tense(of: t, during: try Period("2023Q3")) == .past, "its successor is in force")
    }

    @Test func aTargetCountsFromItsOwnStartElseItsPlans() {
        var t = Self.t2025
        #expect(Self.calendar.start(of: t) == Self.day(2020, 8, 10))
        t.startDate = Self.day(2022, 6, 1)
        #expect(Self.calendar.start(of: t) == Self.day(2022, 6, 1))
    }

    /// Two horizons of one plan for different figures are both in force.
    @Test func onlyTheSameFigureForTheSameUnitsWaitsForAnEarlierHorizon() throws {
        let other = Self.target("KH-135.3", plan: "KH-135", horizon: 2030, indicator: "y")
        let calendar = PlanCalendar(plans: [Self.plan135], targets: [Self.t2025, Self.t2030, other])
        #expect(calendar.tense(of: other, during: try Period("2024Q2")) == .inForce)
    }
}
