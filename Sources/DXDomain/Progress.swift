import Foundation

/// One figure of a series: a unit's value of an indicator for a period.
public struct Observation: Hashable, Sendable {
    public var period: Period
    public var value: Double

    public init(_ period: Period, _ value: Double) {
        self.period = period
        self.value = value
    }
}

/// The statuses a Vietnamese coordinator reads on a dashboard.
public enum ProgressStatus: String, CaseIterable, Sendable, Codable {
    case met, onTrack, behind, missed, noData

    public var nameVi: String {
        switch self {
        case .met: "Đạt"
        case .onTrack: "Đúng tiến độ"
        case .behind: "Chậm tiến độ"
        case .missed: "Không đạt"
        case .noData: "Chưa có số liệu"
        }
    }

    public var nameEn: String {
        switch self {
        case .met: "Met"
        case .onTrack: "On track"
        case .behind: "Behind"
        case .missed: "Missed"
        case .noData: "No data"
        }
    }
}

/// Open SDG's reading of the CAGR ratio (observed ÷ required growth).
public enum CAGRClass: String, Sendable, Codable {
    case substantial, moderate, limited, movingAway

    public init(ratio r: Double) {
        self = r >= 0.95 ? .substantial : r >= 0.6 ? .moderate : r >= 0 ? .limited : .movingAway
    }

    public var nameVi: String {
        switch self {
        case .substantial: "tiến bộ đáng kể"
        case .moderate: "tiến bộ vừa phải"
        case .limited: "tiến bộ hạn chế"
        case .movingAway: "đi ngược mục tiêu"
        }
    }
}

/// The verdict on one target for one unit, with the method and every intermediate
/// figure, so that a coordinator can check it by hand.
public struct ProgressAssessment: Hashable, Sendable {
    public var status: ProgressStatus
    /// `linear`, `maintain`, `about`, `rank`, `growth`, or `single point`.
    public var method: String
    public var threshold: Double?
    public var baseline: Observation?
    public var latest: Observation?
    /// (v − b) / (T − b)
    public var distanceCovered: Double?
    /// (t − t_b) / (t_T − t_b)
    public var timeElapsed: Double?
    /// distance covered ÷ time elapsed; below 1 is behind a straight line.
    public var scheduleRatio: Double?
    /// Per year.
    public var requiredPace: Double?
    public var observedPace: Double?
    public var cagrObserved: Double?
    public var cagrRequired: Double?
    public var cagrRatio: Double?
    /// Linear least-squares projection to the horizon, clamped to natural limits.
    public var projection: Double?
    /// For ×N targets: the value ÷ the same period a year earlier.
    public var growthFactor: Double?
    public var explanationVi: [String]
    public var explanationEn: [String]

    init(status: ProgressStatus, method: String, threshold: Double?) {
        self.status = status
        self.method = method
        self.threshold = threshold
        explanationVi = []
        explanationEn = []
    }

    mutating func say(_ vi: String, _ en: String) {
        explanationVi.append(vi)
        explanationEn.append(en)
    }
}

/// Time as a decimal year (2023.0 is 01/01/2023), so that yearly figures sit whole years apart.
func decimalYear(_ d: LocalDate) -> Double {
    let jan1 = LocalDate(year: d.year, month: 1, day: 1)!
    return Double(d.year) + Double(jan1.days(until: d)) / Double(LocalDate.isLeap(d.year) ? 366 : 365)
}

/// When a period's figure is "as of": its last day.
func time(_ p: Period) -> Double { decimalYear(p.end) }
