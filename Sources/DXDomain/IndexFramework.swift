/// A composite index as data: its components with their weights (the DTI's
/// maximum points), how each raw value is normalised, how they are combined, and
/// the pillars reported beside the total.
///
/// The provincial DTI since 2021 (QĐ 922/QĐ-BTTTT) is nine main indices, each
/// published in [0, 1], weighted by their maximum points (100, 100, 100, 100,
/// 100, 0, 200, 150, 150): DTI = Σ maxᵢ·valueᵢ / 1000, and a pillar is the same
/// weighted mean over the five foundation indices and its own main index
/// (Chính quyền số over 700 points, Kinh tế số and Xã hội số over 650).
/// A province's own index for its departments is another framework of the same shape.
public struct IndexFramework: Hashable, Sendable, Codable {
    public var code: String
    public var nameVi: String
    /// Other names the framework answers to (`dti-2021`, `dti-2023` for the 2022 one).
    public var aliases: [String]
    public var source: String?
    public var components: [IndexComponent]
    public var aggregation: IndexAggregation
    /// The least share of the total weight that must have values for a score to be given.
    public var availabilityThreshold: Double
    public var pillars: [IndexPillar]
    /// The kinds of unit a province's own index scores (its departments, its communes);
    /// their components name the catalog indicators they are computed from.
    public var unitKinds: [OrgUnitKind]
    /// The province (or any unit) whose own index it is: only units inside it are scored.
    public var unitCode: String?

    public init(code: String, nameVi: String, aliases: [String] = [], source: String? = nil, components: [IndexComponent],
                aggregation: IndexAggregation = .arithmetic, availabilityThreshold: Double = 1, pillars: [IndexPillar] = [],
                unitKinds: [OrgUnitKind] = [], unitCode: String? = nil) {
        self.unitKinds = unitKinds
        self.unitCode = unitCode
        self.code = code
        self.nameVi = nameVi
        self.aliases = aliases
        self.source = source
        self.components = components
        self.aggregation = aggregation
        self.availabilityThreshold = availabilityThreshold
        self.pillars = pillars
    }

    /// Problems that make the framework unusable.
    public func validate() -> [DomainError] {
        var problems: [DomainError] = []
        let codes = components.map(\.code)
        if Set(codes).count != codes.count {
            problems.append(.duplicateComponent(framework: code))
        }
        if components.contains(where: { $0.weight < 0 }) || components.allSatisfy({ $0.weight == 0 }) {
            problems.append(.invalidWeights(framework: code))
        }
        for p in pillars where !Set(p.components).isSubset(of: Set(codes)) {
            problems.append(.unknownComponent(framework: code, pillar: p))
        }
        if !unitKinds.isEmpty && components.contains(where: { $0.indicator == nil }) {
            problems.append(.componentNeedsIndicator(framework: code))
        }
        if !(0...1).contains(availabilityThreshold) {
            problems.append(.availabilityOutOfRange)
        }
        return problems
    }
}

public struct IndexComponent: Hashable, Sendable, Codable {
    public var code: String
    public var nameVi: String
    /// Weight, or the maximum points the component carries (DTI).
    public var weight: Double
    public var normalisation: Normalisation
    /// The catalog indicator whose approved figure feeds the component (a province's own index).
    public var indicator: String?

    public init(code: String, nameVi: String, weight: Double, normalisation: Normalisation = .none, indicator: String? = nil) {
        self.indicator = indicator
        self.code = code
        self.nameVi = nameVi
        self.weight = weight
        self.normalisation = normalisation
    }
}

/// A pillar: the weighted mean of some components, reported beside the total.
public struct IndexPillar: Hashable, Sendable, Codable {
    public var code: String
    public var nameVi: String
    public var components: [String]

    public init(code: String, nameVi: String, components: [String]) {
        self.code = code
        self.nameVi = nameVi
        self.components = components
    }
}

public enum IndexAggregation: String, Hashable, Sendable, Codable, CaseIterable {
    /// Σ wᵢ·xᵢ / Σ wᵢ: strengths compensate weaknesses.
    case arithmetic
    /// Π xᵢ^(wᵢ/Σw): a weak spot is not compensated (values are first rescaled to [0.01, 1]).
    case geometric
}

/// How a raw value becomes a score in [0, 1].
public enum Normalisation: Hashable, Sendable {
    /// The value is already a score in [0, 1] (DTI main indices as published).
    case none
    /// Points earned ÷ maximum points.
    case pointsOverMax(Double)
    /// (x − lower) / (upper − lower), clamped; with `lowerIsBetter` the scale is inverted.
    case minMax(lower: Double, upper: Double, lowerIsBetter: Bool)
    /// x / target, capped at 1 (for lower-is-better: target / x, capped at 1).
    case distanceToTarget(target: Double, lowerIsBetter: Bool)

    public func apply(_ x: Double) -> Double {
        switch self {
        case .none: return min(1, max(0, x))
        case .pointsOverMax(let m): return m > 0 ? min(1, max(0, x / m)) : 0
        case .minMax(let lo, let hi, let inverted):
            guard hi > lo else { return 0 }
            let s = min(1, max(0, (x - lo) / (hi - lo)))
            return inverted ? 1 - s : s
        case .distanceToTarget(let t, let inverted):
            if inverted { return x <= 0 ? 1 : min(1, max(0, t / x)) }
            return t > 0 ? min(1, max(0, x / t)) : 0
        }
    }
}

/// The problems of an index framework, said once each.
extension DomainError {
    static func duplicateComponent(framework code: String) -> DomainError {
        DomainError(code: "duplicate_code", field: "components",
            vi: "Khung \(code): mã thành phần bị trùng.", en: "Framework \(code): duplicate component code.")
    }

    static func invalidWeights(framework code: String) -> DomainError {
        DomainError(code: "invalid_weight", field: "weight",
            vi: "Khung \(code): trọng số phải không âm và không đồng thời bằng 0.",
            en: "Framework \(code): weights must be ≥ 0 and not all 0.")
    }

    static func unknownComponent(framework code: String, pillar p: IndexPillar) -> DomainError {
        DomainError(code: "unknown_component", field: "pillars",
            vi: "Khung \(code): trụ cột \(p.code) nhắc đến thành phần không có.",
            en: "Framework \(code): pillar \(p.code) names a component that does not exist.")
    }

    static func componentNeedsIndicator(framework code: String) -> DomainError {
        DomainError(code: "required", field: "indicator",
            vi: "Khung \(code) chấm điểm đơn vị (unitKinds): mỗi thành phần cần chỉ tiêu nguồn (indicator).",
            en: "Framework \(code) scores units (unitKinds): every component needs its source indicator.")
    }

    static let availabilityOutOfRange = DomainError(code: "out_of_range", field: "availabilityThreshold",
            vi: "Ngưỡng dữ liệu tối thiểu phải từ 0 đến 1.", en: "availabilityThreshold must be in [0, 1].")
}
