/// The data cut-off window (thời gian chốt số liệu): the days whose facts a
/// report counts.
public struct CutoffWindow: Hashable, Sendable, Codable {
    public let start: LocalDate
    public let end: LocalDate

    public init(start: LocalDate, end: LocalDate) {
        self.start = start
        self.end = end
    }

    public func contains(_ date: LocalDate) -> Bool { start <= date && date <= end }
}

/// How a cut-off window is drawn around a period, as data.
///
/// Nghị định 09/2019/NĐ-CP, Điều 12, draws every window the same way: from the
/// 15th of the month before the period's first month to the 14th of its last
/// month. So a month runs 15/02 → 14/03, Q1 15/12 → 14/03, the first half
/// 15/12 → 14/06, the year 15/12 → 14/12, and the nine-month report some
/// provinces ask for 15/12 → 14/09 (``window(from:through:)`` with Q1…Q3).
///
/// Weeks and days are shorter than the rule's month step; their window is the
/// period itself.
public struct CutoffRule: Hashable, Sendable, Codable {
    /// Day of the month before the first month on which the window opens.
    public var startDay: Int
    /// Day of the last month on which the window closes.
    public var endDay: Int

    public init(startDay: Int, endDay: Int) {
        self.startDay = startDay
        self.endDay = endDay
    }

    /// Nghị định 09/2019/NĐ-CP: 15th of the previous month → 14th of the last month.
    public static let decree09 = CutoffRule(startDay: 15, endDay: 14)

    /// The window of one period.
    public func window(for period: Period) -> CutoffWindow {
        window(from: period, through: period)
    }

    /// The window of a report that covers `first` through `last` together,
    /// e.g. the first nine months: `window(from: 2025Q1, through: 2025Q3)`.
    public func window(from first: Period, through last: Period) -> CutoffWindow {
        guard first.type.months != nil, last.type.months != nil else {
            return CutoffWindow(start: first.start, end: last.end)
        }
        let opening = first.start.adding(months: -1)
        let closing = last.end
        return CutoffWindow(
            start: LocalDate(year: opening.year, month: opening.month,
                             day: min(startDay, LocalDate.daysIn(month: opening.month, year: opening.year)))!,
            end: LocalDate(year: closing.year, month: closing.month,
                           day: min(endDay, LocalDate.daysIn(month: closing.month, year: closing.year)))!)
    }
}
