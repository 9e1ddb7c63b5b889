/// When a report for a period is due, as data a coordinator can set per form and
/// per level of the roll-up.
///
/// ```swift
/// // Lạng Sơn's plan: the department reports before day 30 of the quarter's last month.
/// DeadlineRule.dayOfLastMonth(30).deadline(for: try Period("2025Q1")) // 30/03/2025
/// ```
public enum DeadlineRule: Hashable, Sendable {
    /// Day `n` of the period's last month, clamped to the month's length
    /// ("ngày 30 của tháng cuối quý", "ngày 06 của tháng cuối kỳ").
    case dayOfLastMonth(Int)
    /// Day `day` of the month `monthsAfter` months after the period's last month
    /// ("ngày 05 của tháng đầu quý sau" is `dayOfMonthAfter(day: 5, monthsAfter: 1)`).
    case dayOfMonthAfter(day: Int, monthsAfter: Int)
    /// The `n`th working day after the cut-off window closes.
    case workingDaysAfterCutoff(Int)
    /// `n` calendar days after the period's last day.
    case daysAfterPeriodEnd(Int)

    /// The last day on which a report for `period` is on time.
    public func deadline(for period: Period, cutoff: CutoffRule = .decree09,
                         calendar: WorkingCalendar = WorkingCalendar()) -> LocalDate {
        switch self {
        case .dayOfLastMonth(let n):
            let end = period.end
            return LocalDate(year: end.year, month: end.month,
                             day: min(n, LocalDate.daysIn(month: end.month, year: end.year)))!
        case .dayOfMonthAfter(let day, let monthsAfter):
            let m = LocalDate(year: period.end.year, month: period.end.month, day: 1)!.adding(months: monthsAfter)
            return LocalDate(year: m.year, month: m.month,
                             day: min(day, LocalDate.daysIn(month: m.month, year: m.year)))!
        case .workingDaysAfterCutoff(let n):
            return calendar.workingDay(n, after: cutoff.window(for: period).end)
        case .daysAfterPeriodEnd(let n):
            return period.end.adding(days: n)
        }
    }

    /// Nghị định 09/2019 asks for at least one working day between the cut-off and
    /// the deadline. Returns the problem, if the rule leaves none for `period`.
    public func checkGap(for period: Period, cutoff: CutoffRule = .decree09,
                         calendar: WorkingCalendar = WorkingCalendar()) -> DomainError? {
        let closes = cutoff.window(for: period).end
        let due = deadline(for: period, cutoff: cutoff, calendar: calendar)
        guard calendar.workingDays(after: closes, through: due) < 1 else { return nil }
        return DomainError(
            code: "deadline_before_cutoff", field: "deadline",
            vi: "Hạn báo cáo \(due.formattedVietnamese) không cách ngày chốt số liệu \(closes.formattedVietnamese) ít nhất một ngày làm việc (Nghị định 09/2019).",
            en: "Deadline \(due.formattedVietnamese) leaves no working day after the cut-off \(closes.formattedVietnamese) (Decree 09/2019).")
    }

    /// The rule in words, as a form shows it.
    public var descriptionVi: String {
        switch self {
        case .dayOfLastMonth(let n): "Ngày \(pad(n, 2)) của tháng cuối kỳ"
        case .dayOfMonthAfter(let d, let m): "Ngày \(pad(d, 2)) của tháng thứ \(m) sau kỳ"
        case .workingDaysAfterCutoff(let n): "\(n) ngày làm việc sau ngày chốt số liệu"
        case .daysAfterPeriodEnd(let n): "\(n) ngày sau ngày cuối kỳ"
        }
    }
}

/// Stored and exchanged as `{"rule": "dayOfLastMonth", "day": 30}` and the like,
/// so a catalog file reads as what it means.
extension DeadlineRule: Codable {
    private enum Keys: String, CodingKey { case rule, day, monthsAfter, days }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        switch try c.decode(String.self, forKey: .rule) {
        case "dayOfLastMonth": self = .dayOfLastMonth(try c.decode(Int.self, forKey: .day))
        case "dayOfMonthAfter":
            self = .dayOfMonthAfter(day: try c.decode(Int.self, forKey: .day),
                                    monthsAfter: try c.decode(Int.self, forKey: .monthsAfter))
        case "workingDaysAfterCutoff": self = .workingDaysAfterCutoff(try c.decode(Int.self, forKey: .days))
        case "daysAfterPeriodEnd": self = .daysAfterPeriodEnd(try c.decode(Int.self, forKey: .days))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .rule, in: c, debugDescription: "unknown deadline rule \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .dayOfLastMonth(let d):
            try c.encode("dayOfLastMonth", forKey: .rule); try c.encode(d, forKey: .day)
        case .dayOfMonthAfter(let d, let m):
            try c.encode("dayOfMonthAfter", forKey: .rule); try c.encode(d, forKey: .day); try c.encode(m, forKey: .monthsAfter)
        case .workingDaysAfterCutoff(let n):
            try c.encode("workingDaysAfterCutoff", forKey: .rule); try c.encode(n, forKey: .days)
        case .daysAfterPeriodEnd(let n):
            try c.encode("daysAfterPeriodEnd", forKey: .rule); try c.encode(n, forKey: .days)
        }
    }
}
