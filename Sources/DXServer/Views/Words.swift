import DXDomain
import DXStorage

/// How the pages word targets and statuses, in both languages.
extension Lang {
    /// "≥ 90% (cấp tỉnh) · ≥ 80% (cấp huyện) · ≥ 60% (cấp xã) năm 2025".
    func condition(_ target: Target, _ indicator: Indicator) -> String {
        let text: String = switch target.value {
        case .single(let v): goal(target, v, indicator)
        case .perLevel(let m):
            AdminLevel.allCases.compactMap { l in m[l].map { "\(goal(target, $0, indicator)) (\(self(l.nameVi.lowercased(), l.rawValue)))" } }
                .joined(separator: " · ")
        }
        return "\(text) \(self("đến", "by")) \(period(target.horizon).lowercased())"
    }

    /// One threshold of a target in the target's shape: "≥ 90%", "trong top 10".
    func goal(_ target: Target, _ threshold: Double, _ indicator: Indicator) -> String {
        let figure = self.threshold(threshold, indicator)
        return self == .vi ? target.shape.describeVi(figure) : target.shape.describeEn(figure)
    }

    /// A target's figure: "90%", "15 phương tiện", "hạng 10" is "10".
    func threshold(_ v: Double, _ indicator: Indicator) -> String {
        switch indicator.valueType {
        case .percentage: percent(v, decimals: v == v.rounded() ? 0 : 1)
        case .rank, .ratio: number(v)
        default: value(v, indicator)
        }
    }

    /// A status as a table cell in its colour.
    func statusCell(_ s: ProgressStatus) -> DataTable.Cell { .text("\(Self.icon(s)) \(status(s))", cssClass: "s-\(s.rawValue)") }

    /// A shape for each status, so that none is told by colour alone.
    static func icon(_ s: ProgressStatus) -> String {
        switch s {
        case .met: "✓"
        case .onTrack: "↗"
        case .behind: "⚠"
        case .missed: "✗"
        case .noData: "○"
        }
    }

    /// How a verdict was reached (``ProgressAssessment/method``), in words.
    func method(_ m: String) -> String {
        switch m {
        case "linear": self("theo xu hướng đường thẳng của các số liệu", "by the straight-line trend of the figures")
        case "horizon": self("số liệu đến thời hạn so với mục tiêu", "the figures at the deadline against the target")
        case "single point": self("theo một số liệu duy nhất", "by a single figure")
        case "maintain": self("giữ được mục tiêu từng năm", "held the target each year")
        case "growth": self("mức tăng so với năm gốc", "growth over the base year")
        case "rank": self("theo thứ hạng", "by rank")
        default: self("chưa đủ số liệu để đánh giá", "not enough figures to judge")
        }
    }

    func timeliness(_ t: Timeliness) -> String {
        switch t {
        case .onTime: self("Đúng hạn", "On time")
        case .late: self("Trễ hạn", "Late")
        case .missing: self("Chưa nộp, quá hạn", "Missing, overdue")
        case .notDue: self("Chưa đến hạn", "Not due")
        }
    }

    func reportStatus(_ s: SubmissionStatus) -> String {
        self == .vi ? s.nameVi : s.rawValue.replacingOccurrences(of: "notStarted", with: "not started")
    }
}
