import Foundation

/// A warning, not an error: a value far from the unit's own history is more often a
/// typing slip (37,8 entered as 378) than a real jump, so the reporter is asked to look
/// again before submitting. It never blocks the report.
public enum Outlier {
    /// The warning for `value` against the unit's earlier figures of the same indicator
    /// (oldest first), or nil. Needs at least four earlier figures; flags a value more than
    /// three standard deviations from their mean, and for percentages a move of more than
    /// 30 points from the last figure.
    public static func check(_ value: Double, history: [Double], indicator: Indicator) -> DomainError? {
        guard history.count >= 4 else { return nil }
        let mean = history.reduce(0, +) / Double(history.count)
        let sd = (history.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(history.count - 1)).squareRoot()
        let jump = indicator.valueType == .percentage && abs(value - history.last!) > 30
        let far = sd > 0 ? abs(value - mean) > 3 * sd : value != mean && abs(value - mean) > max(1, abs(mean) * 0.5)
        guard jump || far else { return nil }
        let f = { (x: Double) in VietnameseNumber.format(x, decimals: indicator.decimals) }
        let e = { (x: Double) in String(format: "%.\(indicator.decimals)f", x) }
        return DomainError(
            code: "outlier", field: "values.\(indicator.code)",
            vi: "\(indicator.nameVi): \(f(value)) khác xa các kỳ trước (trung bình \(f(mean)), kỳ gần nhất \(f(history.last!))). Hãy kiểm tra lại.",
            en: "\(indicator.nameEn): \(e(value)) is far from earlier periods (mean \(e(mean)), last \(e(history.last!))). Please check it.")
    }
}
