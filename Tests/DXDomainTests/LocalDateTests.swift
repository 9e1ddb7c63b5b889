import DXDomain
import Testing

@Suite struct LocalDateTests {
    @Test func dayNumbersRoundTripForEveryDayFrom1900To2100() {
        var expected = LocalDate(year: 1900, month: 1, day: 1)!.dayNumber
        for year in 1900...2100 {
            for month in 1...12 {
                for day in 1...LocalDate.daysIn(month: month, year: year) {
                    let d = LocalDate(year: year, month: month, day: day)!
                    #expect(d.dayNumber == expected)
                    #expect(LocalDate(dayNumber: expected) == d)
                    expected += 1
                }
            }
        }
    }

    @Test func epochAndKnownWeekdays() {
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.isoWeekday == 4) // Thursday
        #expect(LocalDate(year: 2025, month: 7, day: 1)!.isoWeekday == 2) // Tuesday
        #expect(LocalDate(year: 2026, month: 11, day: 23)!.isoWeekday == 1) // Monday
        #expect(LocalDate(year: 2026, month: 11, day: 22)!.isWeekend)
    }

    @Test func leapYears() {
        #expect(LocalDate.isLeap(2024))
        #expect(!LocalDate.isLeap(2025))
        #expect(!LocalDate.isLeap(1900))
        #expect(LocalDate.isLeap(2000))
        #expect(LocalDate(year: 2025, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
    }

    @Test(arguments: ["2025-13-01", "2025-02-30", "25-01-01", "2025-1-01", "2025/01/01", "", "abcd-ef-gh", "2025-04-31"])
    func rejectsInvalidISODates(_ text: String) {
        #expect(throws: DomainError.self) { try LocalDate(iso: text) }
    }

    @Test func parsesAndFormatsVietnameseDates() throws {
        #expect(try LocalDate(vietnamese: "01/06/2022") == LocalDate(year: 2022, month: 6, day: 1))
        #expect(try LocalDate(vietnamese: "1/6/2022") == LocalDate(year: 2022, month: 6, day: 1))
        #expect(LocalDate(year: 2026, month: 1, day: 5)!.formattedVietnamese == "05/01/2026")
        #expect(throws: DomainError.self) { try LocalDate(vietnamese: "31/02/2022") }
        #expect(throws: DomainError.self) { try LocalDate(vietnamese: "2022-06-01") }
    }

    @Test func addsMonthsClampingToTheMonthsLength() {
        let jan31 = LocalDate(year: 2025, month: 1, day: 31)!
        #expect(jan31.adding(months: 1) == LocalDate(year: 2025, month: 2, day: 28))
        #expect(jan31.adding(months: -2) == LocalDate(year: 2024, month: 11, day: 30))
        #expect(jan31.adding(months: 13) == LocalDate(year: 2026, month: 2, day: 28))
    }

    @Test func vietnamDateIsUTCPlus7() {
        // 2025-06-30T17:00:00Z is 01/07/2025 00:00 in Hà Nội.
        #expect(LocalDate(vietnamTimeOf: 1_751_302_800) == LocalDate(year: 2025, month: 7, day: 1))
        #expect(LocalDate(vietnamTimeOf: 1_751_302_799) == LocalDate(year: 2025, month: 6, day: 30))
    }
}
