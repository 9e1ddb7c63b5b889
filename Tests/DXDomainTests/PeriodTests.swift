import DXDomain
import Testing

@Suite struct PeriodTests {
    static let examples: [(id: String, type: PeriodType, start: String, end: String, nameVi: String)] = [
        ("2025", .yearly, "2025-01-01", "2025-12-31", "Năm 2025"),
        ("2025S1", .sixMonthly, "2025-01-01", "2025-06-30", "6 tháng đầu năm 2025"),
        ("2025S2", .sixMonthly, "2025-07-01", "2025-12-31", "6 tháng cuối năm 2025"),
        ("2025Q1", .quarterly, "2025-01-01", "2025-03-31", "Quý 1/2025"),
        ("2024Q1", .quarterly, "2024-01-01", "2024-03-31", "Quý 1/2024"),
        ("2025Q4", .quarterly, "2025-10-01", "2025-12-31", "Quý 4/2025"),
        ("202501", .monthly, "2025-01-01", "2025-01-31", "Tháng 01/2025"),
        ("202402", .monthly, "2024-02-01", "2024-02-29", "Tháng 02/2024"),
        ("2025W05", .weekly, "2025-01-27", "2025-02-02", "Tuần 05/2025"),
        ("2025W01", .weekly, "2024-12-30", "2025-01-05", "Tuần 01/2025"),
        ("2020W53", .weekly, "2020-12-28", "2021-01-03", "Tuần 53/2020"),
        ("20250315", .daily, "2025-03-15", "2025-03-15", "15/03/2025"),
        ("20240229", .daily, "2024-02-29", "2024-02-29", "29/02/2024"),
    ]

    @Test(arguments: examples.indices)
    func parsesEveryPeriodTypeAndFormatsItBack(_ i: Int) throws {
        let e = Self.examples[i]
        let p = try Period(e.id)
        #expect(p.type == e.type)
        #expect(p.id == e.id)
        #expect(p.start.iso == e.start)
        #expect(p.end.iso == e.end)
        #expect(p.nameVi == e.nameVi)
        #expect(p.contains(p.start) && p.contains(p.end))
        #expect(!p.contains(p.start.adding(days: -1)) && !p.contains(p.end.adding(days: 1)))
    }

    @Test func readsUnpaddedWeeks() throws {
        #expect(try Period("2025W5").id == "2025W05")
    }

    @Test(arguments: ["2025Q5", "2025Q0", "2025S3", "202513", "202500", "2025W54", "2025W53", "2025W00",
                      "20250230", "2025-01", "25Q1", "2025q1", "", "Q1", "2025Q", "2025Q12", "2025W123",
                      "20251", "2025011", "abcd", "2025 Q1", "2025Q1x"])
    func rejectsInvalidIdentifiersWithAClearMessage(_ id: String) {
        #expect {
            try Period(id)
        } throws: { error in
            guard let e = error as? DomainError else { return false }
            return e.code == "invalid_period" && e.field == "period" && e.vi.contains("không hợp lệ") && e.en.contains("Invalid period")
        }
    }

    @Test func weekCountsFollowISO8601() {
        #expect(Period.count(of: .weekly, in: 2020) == 53) // starts on Wednesday, leap
        #expect(Period.count(of: .weekly, in: 2026) == 53) // starts on Thursday
        #expect(Period.count(of: .weekly, in: 2025) == 52)
        #expect(Period.count(of: .daily, in: 2024) == 366)
    }

    @Test func everyDayBelongsToExactlyOnePeriodOfEachType() throws {
        var day = LocalDate(year: 2019, month: 12, day: 1)!
        let last = LocalDate(year: 2027, month: 1, day: 31)!
        while day <= last {
            for type in PeriodType.allCases {
                let p = Period(type: type, containing: day)
                #expect(p.contains(day), "\(p.id) should contain \(day)")
                #expect(p.previous.end.adding(days: 1) == p.start, "\(p.id) should follow \(p.previous.id)")
                #expect(p.next.start == p.end.adding(days: 1), "\(p.next.id) should follow \(p.id)")
                #expect(try Period(p.id) == p)
            }
            day = day.adding(days: 1)
        }
    }

    @Test func nextAndPreviousCrossYearBoundaries() throws {
        #expect(try Period("2025Q4").next.id == "2026Q1")
        #expect(try Period("2025Q1").previous.id == "2024Q4")
        #expect(try Period("202512").next.id == "202601")
        #expect(try Period("2025S2").next.id == "2026S1")
        #expect(try Period("2025").previous.id == "2024")
        #expect(try Period("2020W53").next.id == "2021W01")
        #expect(try Period("2021W01").previous.id == "2020W53")
        #expect(try Period("20241231").next.id == "20250101")
        #expect(try Period("2025Q1").advanced(by: -5).id == "2023Q4")
        #expect(try Period("202501").advanced(by: 25).id == "202702")
    }

    @Test func sameLastYear() throws {
        #expect(try Period("2025Q3").sameLastYear.id == "2024Q3")
        #expect(try Period("202507").sameLastYear.id == "202407")
        #expect(try Period("2025S1").sameLastYear.id == "2024S1")
        #expect(try Period("2025").sameLastYear.id == "2024")
        #expect(try Period("20240229").sameLastYear.id == "20230228")
        #expect(try Period("2026W53").sameLastYear.id == "2025W52")
        #expect(try Period("2025W10").sameLastYear.id == "2024W10")
    }

    @Test func containmentAndSubperiods() throws {
        let year = try Period("2025")
        #expect(year.periods(of: .quarterly).map(\.id) == ["2025Q1", "2025Q2", "2025Q3", "2025Q4"])
        #expect(year.periods(of: .sixMonthly).map(\.id) == ["2025S1", "2025S2"])
        #expect(try Period("2025Q2").periods(of: .monthly).map(\.id) == ["202504", "202505", "202506"])
        #expect(year.periods(of: .monthly).count == 12)
        #expect(year.periods(of: .daily).count == 365)
        // 2025W01 starts on 30/12/2024, so it is not wholly inside 2025.
        #expect(year.periods(of: .weekly).first?.id == "2025W02")
        #expect(try Period("2025Q1").periods(of: .yearly).isEmpty)
        #expect(year.contains(try Period("2025Q3")))
        #expect(try !Period("2025Q3").contains(year))
        #expect(try Period("2025S1").contains(try Period("2025Q2")))
        #expect(try !Period("2025S1").contains(Period("2025Q3")))
        #expect(try Period("2025Q3").enclosing(.yearly)?.id == "2025")
        #expect(try Period("202508").enclosing(.sixMonthly)?.id == "2025S2")
        #expect(try Period("2025W01").enclosing(.yearly) == nil) // straddles the new year
    }

    @Test func ordersByStartThenLength() throws {
        let ids = ["2025Q2", "2025", "202501", "2024Q4", "2025Q1"]
        #expect(try ids.map(Period.init).sorted().map(\.id) == ["2024Q4", "202501", "2025Q1", "2025", "2025Q2"])
    }

    @Test func codesAsItsIdentifier() throws {
        let p = try Period("2025Q3")
        let json = try JSONRoundTrip.encode(p)
        #expect(json == "\"2025Q3\"")
        #expect(try JSONRoundTrip.decode(Period.self, json) == p)
    }

    /// Every series begins on the same day, whatever draws it (a chart, a verdict, a computed share).
    @Test func seriesBeginWhereverTheyAreDrawnOnOneDay() throws {
        let quarters = Period.series(.quarterly, endingBy: try LocalDate(iso: "2021-03-31"))
        #expect(quarters.map(\.id) == ["2020Q1", "2020Q2", "2020Q3", "2020Q4", "2021Q1"])
        // A period still running is not in the series.
        #expect(Period.series(.yearly, endingBy: try LocalDate(iso: "2021-12-30")).map(\.id) == ["2020"])
        #expect(Period.series(.monthly, endingBy: try LocalDate(iso: "2019-12-31")).isEmpty)
    }
}
