extension Period {
    /// The day every series dxtrack draws, judges or computes begins: 1 January 2020. The
    /// oldest plans in force were issued that year (Lạng Sơn's Kế hoạch 135/KH-UBND, 10/8/2020)
    /// and measure against its figures; a value reported for an earlier period is kept, but
    /// takes part in no series.
    public static let seriesStart = LocalDate(year: 2020, month: 1, day: 1)!

    /// The periods of `type` from the series' start through the last one that ends on or before `date`.
    public static func series(_ type: PeriodType, endingBy date: LocalDate) -> [Period] {
        var out: [Period] = []
        var p = Period(type: type, containing: seriesStart)
        while p.end <= date {
            out.append(p)
            p = p.next
        }
        return out
    }
}
