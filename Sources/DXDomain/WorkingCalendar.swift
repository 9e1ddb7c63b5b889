/// Which days are working days: Monday to Friday, less public holidays.
///
/// The solar holidays of the Labour Code 2019 (Điều 112) are built in. Tết and
/// the Hùng Kings' day follow the lunar calendar and the Government fixes the
/// exact days off each year, so they are data: pass them in `holidays`.
public struct WorkingCalendar: Hashable, Sendable {
    public var holidays: Set<LocalDate>

    public init(holidays: Set<LocalDate> = []) {
        self.holidays = holidays
    }

    /// 01/01, 30/04, 01/05, 02/09 and the day before or after 02/09 (01/09 is the
    /// common choice), for every year in `years`, plus `extra` days.
    public static func vietnam(years: ClosedRange<Int>, extra: Set<LocalDate> = []) -> WorkingCalendar {
        var days = extra
        for y in years {
            for (m, d) in [(1, 1), (4, 30), (5, 1), (9, 1), (9, 2)] {
                days.insert(LocalDate(year: y, month: m, day: d)!)
            }
        }
        return WorkingCalendar(holidays: days)
    }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        !date.isWeekend && !holidays.contains(date)
    }

    /// The `n`th working day after `date` (n ≥ 1); `date` itself does not count.
    public func workingDay(_ n: Int, after date: LocalDate) -> LocalDate {
        var d = date
        var left = n
        while left > 0 {
            d = d.adding(days: 1)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }

    /// Working days strictly after `from` up to and including `to`.
    public func workingDays(after from: LocalDate, through to: LocalDate) -> Int {
        guard from < to else { return 0 }
        var count = 0
        var d = from.adding(days: 1)
        while d <= to {
            if isWorkingDay(d) { count += 1 }
            d = d.adding(days: 1)
        }
        return count
    }
}
