/// A reporting period, identified as DHIS2 identifies it:
///
/// | type | id | |
/// |---|---|---|
/// | yearly | `2025` | |
/// | six-monthly | `2025S1` | January–June |
/// | quarterly | `2025Q1` | |
/// | monthly | `202501` | |
/// | weekly | `2025W05` | ISO 8601 week; `2025W5` is read too |
/// | daily | `20250315` | |
///
/// ```swift
/// let q = try Period("2025Q1")
/// q.start.iso, q.end.iso           // "2025-01-01", "2025-03-31"
/// q.next.id                        // "2025Q2"
/// q.sameLastYear.id                // "2024Q1"
/// try Period("2025").contains(q)   // true
/// ```
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let type: PeriodType
    /// The calendar year, or for weeks the ISO week-numbering year.
    public let year: Int
    /// Position inside the year: month 1–12, quarter 1–4, half 1–2, ISO week 1–53,
    /// day of the year 1–366; 1 for a year.
    public let index: Int

    /// Creates a period, or fails when `index` does not exist in that year.
    public init?(type: PeriodType, year: Int, index: Int) {
        guard (1000...9999).contains(year), (1...Period.count(of: type, in: year)).contains(index) else { return nil }
        self.type = type
        self.year = year
        self.index = index
    }

    public static func year(_ y: Int) -> Period? { Period(type: .yearly, year: y, index: 1) }
    public static func half(_ y: Int, _ h: Int) -> Period? { Period(type: .sixMonthly, year: y, index: h) }
    public static func quarter(_ y: Int, _ q: Int) -> Period? { Period(type: .quarterly, year: y, index: q) }
    public static func month(_ y: Int, _ m: Int) -> Period? { Period(type: .monthly, year: y, index: m) }
    public static func week(_ y: Int, _ w: Int) -> Period? { Period(type: .weekly, year: y, index: w) }

    public static func day(_ date: LocalDate) -> Period {
        Period(type: .daily, containing: date)
    }

    /// The period of `type` that contains `date`.
    public init(type: PeriodType, containing date: LocalDate) {
        self.type = type
        switch type {
        case .daily:
            year = date.year
            index = date.dayNumber - LocalDate(year: date.year, month: 1, day: 1)!.dayNumber + 1
        case .weekly:
            // The ISO week-numbering year is the year of the week's Thursday.
            let thursday = date.adding(days: 4 - date.isoWeekday)
            year = thursday.year
            index = (thursday.dayNumber - Period.isoWeekOneMonday(thursday.year).dayNumber) / 7 + 1
        case .monthly, .quarterly, .sixMonthly, .yearly:
            year = date.year
            index = (date.month - 1) / type.months! + 1
        }
    }

    /// How many periods of `type` the year has.
    public static func count(of type: PeriodType, in year: Int) -> Int {
        switch type {
        case .daily: return LocalDate.isLeap(year) ? 366 : 365
        case .weekly:
            let jan1 = LocalDate(year: year, month: 1, day: 1)!.isoWeekday
            return jan1 == 4 || (jan1 == 3 && LocalDate.isLeap(year)) ? 53 : 52
        default: return 12 / type.months!
        }
    }

    /// Monday of ISO week 1: the week that holds 4 January.
    static func isoWeekOneMonday(_ year: Int) -> LocalDate {
        let jan4 = LocalDate(year: year, month: 1, day: 4)!
        return jan4.adding(days: 1 - jan4.isoWeekday)
    }

    // MARK: Dates

    /// The first day of the period.
    public var start: LocalDate {
        switch type {
        case .daily: LocalDate(year: year, month: 1, day: 1)!.adding(days: index - 1)
        case .weekly: Period.isoWeekOneMonday(year).adding(days: (index - 1) * 7)
        default: LocalDate(year: year, month: firstMonth, day: 1)!
        }
    }

    /// The last day of the period (inclusive).
    public var end: LocalDate {
        switch type {
        case .daily: start
        case .weekly: start.adding(days: 6)
        default: LocalDate(year: year, month: lastMonth, day: LocalDate.daysIn(month: lastMonth, year: year))!
        }
    }

    /// The first calendar month of a month-based period (the start's month otherwise).
    public var firstMonth: Int { type.months.map { (index - 1) * $0 + 1 } ?? start.month }
    /// The last calendar month of a month-based period (the end's month otherwise).
    public var lastMonth: Int { type.months.map { index * $0 } ?? end.month }

    public func contains(_ date: LocalDate) -> Bool { start <= date && date <= end }

    /// Whether `other` lies wholly inside this period (a period contains itself).
    public func contains(_ other: Period) -> Bool { start <= other.start && other.end <= end }

    /// The periods of `type` that lie wholly inside this one, in order:
    /// the quarters of a year, the months of a quarter. Weeks that straddle
    /// the boundary are not included.
    public func periods(of type: PeriodType) -> [Period] {
        guard type <= self.type else { return [] }
        var result: [Period] = []
        var p = Period(type: type, containing: start)
        if p.start < start { p = p.next }
        while p.end <= end {
            result.append(p)
            p = p.next
        }
        return result
    }

    /// The period of a longer `type` that contains this one (the year of a quarter).
    public func enclosing(_ type: PeriodType) -> Period? {
        guard type >= self.type else { return nil }
        let p = Period(type: type, containing: start)
        return p.contains(self) ? p : nil
    }

    // MARK: Sequence

    public var next: Period { advanced(by: 1) }
    public var previous: Period { advanced(by: -1) }

    /// The period `n` steps later (earlier when negative), across year boundaries.
    public func advanced(by n: Int) -> Period {
        switch type {
        case .daily: return Period.day(start.adding(days: n))
        case .weekly: return Period(type: .weekly, containing: start.adding(days: 7 * n))
        default:
            let perYear = Period.count(of: type, in: year)
            let total = year * perYear + (index - 1) + n
            return Period(type: type, year: total / perYear, index: total % perYear + 1)!
        }
    }

    /// The same period one year earlier: 2024Q3 for 2025Q3; for a day, the same
    /// day and month (29/02 becomes 28/02); for a week, the same week number
    /// (week 53 becomes week 52 when the earlier year has none).
    public var sameLastYear: Period {
        switch type {
        case .daily:
            let d = start
            return Period.day(LocalDate(year: d.year - 1, month: d.month,
                                        day: min(d.day, LocalDate.daysIn(month: d.month, year: d.year - 1)))!)
        case .weekly:
            return Period(type: .weekly, year: year - 1, index: min(index, Period.count(of: .weekly, in: year - 1)))!
        default:
            return Period(type: type, year: year - 1, index: index)!
        }
    }

    public static func < (a: Period, b: Period) -> Bool {
        (a.start, a.type) < (b.start, b.type)
    }

    public var description: String { id }
}
