import DXDomain
import Testing

/// Every row of the Nghị định 09/2019 cut-off table (shared/domain/vietnam-rules.md).
@Suite struct CutoffRuleTests {
    static let rows: [(period: String, start: String, end: String)] = [
        // month: 15th of the previous month → 14th of the month
        ("202503", "2025-02-15", "2025-03-14"),
        ("202501", "2024-12-15", "2025-01-14"),
        // quarter: 15th of the month before the quarter → 14th of its last month (Q1: 15/12 → 14/03)
        ("2025Q1", "2024-12-15", "2025-03-14"),
        ("2025Q2", "2025-03-15", "2025-06-14"),
        ("2025Q3", "2025-06-15", "2025-09-14"),
        ("2025Q4", "2025-09-15", "2025-12-14"),
        // half-year: 15/12 of the previous year → 14/06; second half 15/06 → 14/12
        ("2025S1", "2024-12-15", "2025-06-14"),
        ("2025S2", "2025-06-15", "2025-12-14"),
        // year: 15/12 of the previous year → 14/12
        ("2025", "2024-12-15", "2025-12-14"),
    ]

    @Test(arguments: rows.indices)
    func decree09WindowForEachPeriodKind(_ i: Int) throws {
        let row = Self.rows[i]
        let window = CutoffRule.decree09.window(for: try Period(row.period))
        #expect(window.start.iso == row.start)
        #expect(window.end.iso == row.end)
    }

    @Test func nineMonthReportRunsFrom15DecemberTo14September() throws {
        let window = CutoffRule.decree09.window(from: try Period("2025Q1"), through: try Period("2025Q3"))
        #expect(window.start.iso == "2024-12-15")
        #expect(window.end.iso == "2025-09-14")
    }

    @Test func weeksAndDaysAreTheirOwnWindow() throws {
        let w = try Period("2025W05")
        #expect(CutoffRule.decree09.window(for: w) == CutoffWindow(start: w.start, end: w.end))
        let d = try Period("20250315")
        #expect(CutoffRule.decree09.window(for: d) == CutoffWindow(start: d.start, end: d.end))
    }

    @Test func aProvincesOwnRuleIsData() throws {
        let rule = try JSONRoundTrip.decode(CutoffRule.self, #"{"startDay": 20, "endDay": 19}"#)
        let window = rule.window(for: try Period("2025Q2"))
        #expect(window.start.iso == "2025-03-20")
        #expect(window.end.iso == "2025-06-19")
        #expect(CutoffRule(startDay: 31, endDay: 31).window(for: try Period("202503")).start.iso == "2025-02-28")
    }
}

@Suite struct DeadlineRuleTests {
    let calendar = WorkingCalendar.vietnam(years: 2024...2026)

    @Test func langSonQuarterlyReportIsDueOnDay30OfTheLastMonth() throws {
        let rule = DeadlineRule.dayOfLastMonth(30)
        #expect(rule.deadline(for: try Period("2025Q1")).iso == "2025-03-30")
        #expect(rule.deadline(for: try Period("2025Q2")).iso == "2025-06-30")
        #expect(rule.deadline(for: try Period("2025Q4")).iso == "2025-12-30")
        // A month shorter than the day clamps to its last day.
        #expect(rule.deadline(for: try Period("202502")).iso == "2025-02-28")
        #expect(rule.deadline(for: try Period("202402")).iso == "2024-02-29")
    }

    @Test func sixthOfTheLastMonthAndOfTheFollowingMonth() throws {
        #expect(DeadlineRule.dayOfLastMonth(6).deadline(for: try Period("2025S1")).iso == "2025-06-06")
        #expect(DeadlineRule.dayOfMonthAfter(day: 5, monthsAfter: 1).deadline(for: try Period("2025Q4")).iso == "2026-01-05")
        #expect(DeadlineRule.daysAfterPeriodEnd(10).deadline(for: try Period("2025")).iso == "2026-01-10")
    }

    @Test func workingDaysAfterCutoffSkipWeekendsAndHolidays() throws {
        // Q2 2025 closes on Saturday 14/06; the 2nd working day after is Tuesday 17/06.
        #expect(DeadlineRule.workingDaysAfterCutoff(2).deadline(for: try Period("2025Q2"), calendar: calendar).iso == "2025-06-17")
        // 2025 S2 of a month rule: monthly 202504 closes Monday 14/04 → 2 working days: 16/04.
        #expect(DeadlineRule.workingDaysAfterCutoff(2).deadline(for: try Period("202504"), calendar: calendar).iso == "2025-04-16")
        // Holidays count as days off: with 15/04/2025 declared a holiday, it is 17/04.
        var withHoliday = calendar
        withHoliday.holidays.insert(LocalDate(year: 2025, month: 4, day: 15)!)
        #expect(DeadlineRule.workingDaysAfterCutoff(2).deadline(for: try Period("202504"), calendar: withHoliday).iso == "2025-04-17")
        // 202604 closes on Tuesday 14/04/2026; 3 working days later is Friday 17/04.
        #expect(DeadlineRule.workingDaysAfterCutoff(3).deadline(for: try Period("202604"), calendar: calendar).iso == "2026-04-17")
    }

    @Test func aDeadlineMustLeaveAWorkingDayAfterTheCutoff() throws {
        let q1 = try Period("2025Q1")
        #expect(DeadlineRule.dayOfLastMonth(30).checkGap(for: q1, calendar: calendar) == nil)
        let early = DeadlineRule.dayOfLastMonth(6).checkGap(for: q1, calendar: calendar)
        #expect(early?.code == "deadline_before_cutoff")
        #expect(early?.vi.contains("06/03/2025") == true)
        // Cut-off Friday 14/03/2025, deadline Sunday 16/03: no working day in between.
        #expect(DeadlineRule.dayOfLastMonth(16).checkGap(for: q1, calendar: calendar) != nil)
        #expect(DeadlineRule.dayOfLastMonth(17).checkGap(for: q1, calendar: calendar) == nil)
    }

    @Test(arguments: [
        (DeadlineRule.dayOfLastMonth(30), #"{"day":30,"rule":"dayOfLastMonth"}"#),
        (.dayOfMonthAfter(day: 5, monthsAfter: 1), #"{"day":5,"monthsAfter":1,"rule":"dayOfMonthAfter"}"#),
        (.workingDaysAfterCutoff(2), #"{"days":2,"rule":"workingDaysAfterCutoff"}"#),
        (.daysAfterPeriodEnd(10), #"{"days":10,"rule":"daysAfterPeriodEnd"}"#),
    ])
    func rulesAreDataThatRoundTrip(_ rule: DeadlineRule, _ json: String) throws {
        #expect(try JSONRoundTrip.encode(rule) == json)
        #expect(try JSONRoundTrip.decode(DeadlineRule.self, json) == rule)
    }

    @Test func anUnknownRuleIsRejected() {
        #expect(throws: DecodingError.self) { try JSONRoundTrip.decode(DeadlineRule.self, #"{"rule":"whenever"}"#) }
    }

    @Test func deadlinesForEveryPeriodType() throws {
        let rule = DeadlineRule.daysAfterPeriodEnd(3)
        for id in ["2025", "2025S1", "2025Q1", "202501", "2025W05", "20250315"] {
            let p = try Period(id)
            #expect(rule.deadline(for: p) == p.end.adding(days: 3))
        }
    }
}

@Suite struct WorkingCalendarTests {
    @Test func solarPublicHolidaysAreDaysOff() {
        let c = WorkingCalendar.vietnam(years: 2025...2025)
        #expect(!c.isWorkingDay(LocalDate(year: 2025, month: 4, day: 30)!)) // Wednesday, Reunification Day
        #expect(!c.isWorkingDay(LocalDate(year: 2025, month: 9, day: 2)!))
        #expect(!c.isWorkingDay(LocalDate(year: 2025, month: 5, day: 3)!)) // Saturday
        #expect(c.isWorkingDay(LocalDate(year: 2025, month: 5, day: 2)!))
        // 29/04/2025 (Tue) → next working day skips 30/04 and 01/05: Friday 02/05.
        #expect(c.workingDay(1, after: LocalDate(year: 2025, month: 4, day: 29)!) == LocalDate(year: 2025, month: 5, day: 2))
        #expect(c.workingDays(after: LocalDate(year: 2025, month: 4, day: 28)!, through: LocalDate(year: 2025, month: 5, day: 5)!) == 3)
    }
}
