/// A quantified target (chỉ tiêu) of a plan: an indicator, a condition on its
/// value, a horizon, and the units it applies to.
///
/// Every shape in the seed documents fits:
///
/// | words | shape | value |
/// |---|---|---|
/// | "đạt 80%", "đạt từ 70%" | `.atLeast` | 80 |
/// | "tối thiểu trên 2%" | `.above` | 2 |
/// | "không quá 3 ngày" | `.atMost` | 3 |
/// | "duy trì 100%" | `.maintain` (every year of the plan) | 100 |
/// | "duy trì … top 10" | `.rankAtMost`, `maintained` | 10 |
/// | "khoảng 15% GRDP" | `.about(tolerance:)` | 15 |
/// | "top 10 tỉnh" | `.rankAtMost` | 10 |
/// | "tăng gấp 7 lần so với năm trước" | `.growthVersusPreviousYear` | 7 |
/// | "90% cấp tỉnh, 80% cấp huyện, 60% cấp xã" | any shape | ``TargetValue/perLevel(_:)`` |
///
/// A target with two horizons (2025 and 2030) is two targets.
public struct Target: Hashable, Sendable, Codable {
    public var code: String
    public var planCode: String
    public var indicatorCode: String
    public var shape: TargetShape
    public var value: TargetValue
    /// The period by which the target must be met (`2025`); for `.maintain`, the last period it must hold in.
    public var horizon: Period
    /// When the target starts to count, if not from the plan's start ("từ ngày 01/6/2022").
    public var startDate: LocalDate?
    /// Unit kinds the target applies to; empty means the whole province.
    public var unitKinds: [OrgUnitKind]
    /// The sentence of the source document the target was read from.
    public var sourceText: String?
    /// "duy trì": the condition must hold in every year of the plan's window, not only at the
    /// horizon (always so for ``TargetShape/maintain``).
    public var maintained: Bool

    public init(code: String, planCode: String, indicatorCode: String, shape: TargetShape, value: TargetValue,
                horizon: Period, startDate: LocalDate? = nil, unitKinds: [OrgUnitKind] = [], sourceText: String? = nil,
                maintained: Bool = false) {
        self.code = code
        self.planCode = planCode
        self.indicatorCode = indicatorCode
        self.shape = shape
        self.value = value
        self.horizon = horizon
        self.startDate = startDate
        self.unitKinds = unitKinds
        self.sourceText = sourceText
        self.maintained = maintained || shape == .maintain
    }

    /// The threshold for a unit at `level` (nil: the target does not speak of that level).
    public func threshold(for level: AdminLevel?) -> Double? {
        switch value {
        case .single(let v): v
        case .perLevel(let byLevel): level.flatMap { byLevel[$0] }
        }
    }

    /// Checks of the target against its indicator and plan.
    public func validate(indicator: Indicator, plan: Plan) -> [DomainError] {
        var problems: [DomainError] = []
        let rankShape = if case .rankAtMost = shape { true } else { false }
        if rankShape != (indicator.valueType == .rank) {
            problems.append(DomainError(
                code: "shape_mismatch", field: "shape",
                vi: "Mục tiêu \(code): dạng \"thứ hạng\" chỉ dùng với chỉ tiêu thứ hạng, và ngược lại.",
                en: "Target \(code): a rank shape needs a rank indicator, and a rank indicator needs a rank shape."))
        }
        if case .growthVersusPreviousYear = shape, indicator.valueType == .percentage || indicator.valueType == .yesNo {
            problems.append(DomainError(
                code: "shape_mismatch", field: "shape",
                vi: "Mục tiêu \(code): \"tăng gấp N lần\" không áp dụng cho tỷ lệ hoặc có/không.",
                en: "Target \(code): growth ×N does not apply to a percentage or a yes/no indicator."))
        }
        for v in value.allValues where indicator.valueType == .percentage && !(0...100).contains(v) {
            problems.append(DomainError(
                code: "out_of_range", field: "value",
                vi: "Mục tiêu \(code): tỷ lệ \(v) ngoài khoảng 0–100.",
                en: "Target \(code): percentage \(v) is outside 0–100."))
        }
        if let issued = plan.issuedOn, horizon.end < issued {
            problems.append(DomainError(
                code: "horizon_before_plan", field: "horizon",
                vi: "Mục tiêu \(code): thời hạn \(horizon.nameVi) trước ngày ban hành kế hoạch \(issued.formattedVietnamese).",
                en: "Target \(code): horizon \(horizon.id) is before the plan's date \(issued.iso)."))
        }
        return problems
    }
}

public enum TargetShape: Hashable, Sendable {
    /// value ≥ threshold (≤ for lower-is-better indicators is `.atMost`).
    case atLeast
    /// value > threshold, strictly ("tối thiểu trên 2%").
    case above
    /// value ≤ threshold.
    case atMost
    /// value ≥ threshold in every year of the plan up to the horizon, not just at the end ("duy trì").
    case maintain
    /// About the threshold ("khoảng 15%"): within the tolerance below it for an indicator
    /// where higher is better (exceeding it is no miss), above it where lower is better.
    case about(tolerance: Double)
    /// rank ≤ threshold in a ranking ("top 10").
    case rankAtMost
    /// the year's total ≥ threshold × the previous year's total ("tăng gấp 7 lần so với năm trước").
    case growthVersusPreviousYear

    /// Whether one observation meets the condition. For `.growthVersusPreviousYear`
    /// pass the previous year's total as `base`; `direction` says which side of an
    /// `.about` target is the good one.
    public func isMet(observed v: Double, threshold t: Double, direction: Direction, base: Double? = nil) -> Bool? {
        switch self {
        case .atLeast, .maintain: v >= t
        case .above: v > t
        case .atMost, .rankAtMost: v <= t
        case .about(let tol): direction == .lowerIsBetter ? v <= t + tol : v >= t - tol
        case .growthVersusPreviousYear: base.map { v >= t * $0 }
        }
    }

    /// The condition as a Vietnamese reader expects it: "≥ 80", "khoảng 15 (±2)".
    public func describeVi(_ value: String) -> String {
        switch self {
        case .atLeast: "≥ \(value)"
        case .above: "> \(value)"
        case .atMost: "≤ \(value)"
        case .maintain: "duy trì ≥ \(value) mọi kỳ"
        case .about(let tol): "khoảng \(value) (±\(VietnameseNumber.format(tol)))"
        case .rankAtMost: "trong top \(value)"
        case .growthVersusPreviousYear: "gấp \(value) lần năm trước"
        }
    }

    /// The same in English: "≥ 80", "about 15 (±2)", "in the top 10".
    public func describeEn(_ value: String) -> String {
        switch self {
        case .atLeast: "≥ \(value)"
        case .above: "> \(value)"
        case .atMost: "≤ \(value)"
        case .maintain: "keep ≥ \(value) in every period"
        case .about(let tol): "about \(value) (±\(tol))"
        case .rankAtMost: "in the top \(value)"
        case .growthVersusPreviousYear: "\(value)× the previous year"
        }
    }
}

/// One threshold, or one per administrative level.
public enum TargetValue: Hashable, Sendable {
    case single(Double)
    case perLevel([AdminLevel: Double])

    var allValues: [Double] {
        switch self {
        case .single(let v): [v]
        case .perLevel(let m): AdminLevel.allCases.compactMap { m[$0] }
        }
    }
}

extension Target {
    /// The kinds of unit whose figures the target is about; none named: the province itself.
    public var judgedKinds: [OrgUnitKind] { unitKinds.isEmpty ? [.province] : unitKinds }

    /// Whether the target is judged at `unit` (one of its plan's subtree): at the province
    /// every target is, on the figures of the units it is set for added up; at any other unit,
    /// only the targets set for its kind.
    public func isJudged(at unit: OrgUnit) -> Bool { unit.kind == .province || judgedKinds.contains(unit.kind) }
}
