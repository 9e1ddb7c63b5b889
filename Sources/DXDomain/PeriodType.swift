/// How long a reporting period lasts. The raw values are DHIS2's period-type names,
/// so data exchanged with DHIS2-compatible systems keeps its meaning.
public enum PeriodType: String, CaseIterable, Codable, Sendable, Comparable {
    case daily = "Daily"
    case weekly = "Weekly"
    case monthly = "Monthly"
    case quarterly = "Quarterly"
    case sixMonthly = "SixMonthly"
    case yearly = "Yearly"

    /// Shorter periods first; used to tell whether one type can nest in another.
    var rank: Int { PeriodType.allCases.firstIndex(of: self)! }

    public static func < (a: PeriodType, b: PeriodType) -> Bool { a.rank < b.rank }

    public var nameVi: String {
        switch self {
        case .daily: "Ngày"
        case .weekly: "Tuần"
        case .monthly: "Tháng"
        case .quarterly: "Quý"
        case .sixMonthly: "6 tháng"
        case .yearly: "Năm"
        }
    }

    /// Months in one period of this type (nil for days and weeks, which do not tile months).
    public var months: Int? {
        switch self {
        case .daily, .weekly: nil
        case .monthly: 1
        case .quarterly: 3
        case .sixMonthly: 6
        case .yearly: 12
        }
    }
}
