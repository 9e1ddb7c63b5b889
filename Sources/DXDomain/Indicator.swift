/// What is measured: "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng".
///
/// The definition fixes how a value is entered (``ValueType``), how unit values
/// add up (``AggregationType``) and which way is better (``Direction``, required:
/// a wrong default would turn every status upside down).
public struct Indicator: Hashable, Sendable, Codable {
    public var code: String
    public var nameVi: String
    public var nameEn: String
    public var pillar: Pillar
    public var valueType: ValueType
    public var aggregation: AggregationType
    public var direction: Direction
    /// Decimals shown to people (37,8% has 1).
    public var decimals: Int
    /// Unit of measure as people write it: "%", "hồ sơ", "triệu đồng".
    public var unitVi: String
    /// Precise definition, including what is left out ("trừ hồ sơ thuộc phạm vi mật").
    public var definitionVi: String?
    public var numeratorVi: String?
    public var denominatorVi: String?
    /// Set when dxtrack computes the indicator instead of anyone reporting it.
    public var computed: Computation?
    /// Whether approved values go to the public open-data portal; nil means yes.
    /// `false` keeps an indicator internal (e.g. security incidents).
    public var published: Bool?
    /// Days after a period ends before its approved values are open data (the release
    /// calendar, an embargo); nil: as soon as they are approved.
    public var releaseAfterDays: Int?

    /// Approved values of the indicator are open data unless the catalog says otherwise.
    public var isPublished: Bool { published ?? true }

    /// The day a period's approved values may go public: its end plus the release delay.
    public func releaseDay(of period: Period) -> LocalDate {
        releaseAfterDays.map { period.end.adding(days: $0) } ?? period.start
    }

    public init(code: String, nameVi: String, nameEn: String, pillar: Pillar, valueType: ValueType,
                aggregation: AggregationType, direction: Direction, decimals: Int = 1, unitVi: String,
                definitionVi: String? = nil, numeratorVi: String? = nil, denominatorVi: String? = nil, computed: Computation? = nil, published: Bool? = nil, releaseAfterDays: Int? = nil) {
        self.computed = computed
        self.published = published
        self.releaseAfterDays = releaseAfterDays
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.pillar = pillar
        self.valueType = valueType
        self.aggregation = aggregation
        self.direction = direction
        self.decimals = decimals
        self.unitVi = unitVi
        self.definitionVi = definitionVi
        self.numeratorVi = numeratorVi
        self.denominatorVi = denominatorVi
    }

    /// Whether values are entered as numerator and denominator (and so add up as
    /// Σ numerators / Σ denominators, never as a mean of percentages).
    public var takesFraction: Bool { aggregation == .ratioOfSums }

    /// Checks that do not need any value.
    public func validate() -> [DomainError] {
        var problems: [DomainError] = []
        if code.trimmingWhitespace().isEmpty { problems.append(.required("code")) }
        if nameVi.trimmingWhitespace().isEmpty { problems.append(.required("nameVi")) }
        if let days = releaseAfterDays, !(0...366).contains(days) { problems.append(.invalidReleaseDays(days)) }
        if !(0...6).contains(decimals) {
            problems.append(.invalidDecimals)
        }
        if aggregation == .ratioOfSums && valueType != .percentage && valueType != .ratio {
            problems.append(DomainError(
                code: "aggregation_mismatch", field: "aggregation",
                vi: "Chỉ tiêu \(code): cách tổng hợp \"tỷ số của tổng\" chỉ dùng cho tỷ lệ phần trăm hoặc tỷ số.",
                en: "Indicator \(code): ratioOfSums applies only to percentages and ratios."))
        }
        if (valueType == .yesNo || valueType == .rank) && aggregation == .sum {
            problems.append(DomainError(
                code: "aggregation_mismatch", field: "aggregation",
                vi: "Chỉ tiêu \(code): không thể cộng dồn giá trị có/không hoặc thứ hạng.",
                en: "Indicator \(code): yes/no and rank values cannot be summed."))
        }
        switch computed {
        case .registry, .records:
            if !takesFraction || valueType != .percentage {
                problems.append(.computedNotAPercentage(code))
            }
        case .formula(let f):
            if f.operands.contains(where: { $0.indicator == code && $0.offset == 0 }) {
                problems.append(.formulaCycle(code))
            }
        case nil: break
        }
        return problems
    }
}

/// The pillars of the DTI and of the provincial plans.
public enum Pillar: String, CaseIterable, Codable, Sendable {
    case general = "tong_hop"
    case digitalGovernment = "chinh_quyen_so"
    case digitalEconomy = "kinh_te_so"
    case digitalSociety = "xa_hoi_so"
    case digitalBorderGate = "cua_khau_so"
    case digitalInfrastructure = "ha_tang_so"
    case informationSecurity = "an_toan_thong_tin"
    case digitalAwareness = "nhan_thuc_so"
    case digitalWorkforce = "nhan_luc_so"

    public var nameVi: String {
        switch self {
        case .general: "Tổng hợp"
        case .digitalGovernment: "Chính quyền số"
        case .digitalEconomy: "Kinh tế số"
        case .digitalSociety: "Xã hội số"
        case .digitalBorderGate: "Cửa khẩu số"
        case .digitalInfrastructure: "Hạ tầng số"
        case .informationSecurity: "An toàn thông tin"
        case .digitalAwareness: "Nhận thức số"
        case .digitalWorkforce: "Nhân lực số"
        }
    }

    public var nameEn: String {
        switch self {
        case .general: "Overall"
        case .digitalGovernment: "Digital government"
        case .digitalEconomy: "Digital economy"
        case .digitalSociety: "Digital society"
        case .digitalBorderGate: "Digital border gates"
        case .digitalInfrastructure: "Digital infrastructure"
        case .informationSecurity: "Information security"
        case .digitalAwareness: "Digital awareness"
        case .digitalWorkforce: "Digital workforce"
        }
    }
}

public enum ValueType: String, CaseIterable, Codable, Sendable {
    /// 0–100, entered as numerator and denominator when aggregated as a ratio of sums.
    case percentage
    /// A whole number ≥ 0 (records, households, systems).
    case count
    /// A money or other quantity ≥ 0 (triệu đồng).
    case amount
    /// A real number ≥ 0 (×7 growth, share of GRDP as a fraction).
    case ratio
    /// 1 for yes, 0 for no.
    case yesNo
    /// A position in a ranking, 1 is first.
    case rank
}

public enum AggregationType: String, CaseIterable, Codable, Sendable {
    /// Σ numerators / Σ denominators.
    case ratioOfSums
    case sum
    case average
    /// A stock: the latest value in the period.
    case last
    case min
    case max
}

public enum Direction: String, CaseIterable, Codable, Sendable {
    case higherIsBetter
    case lowerIsBetter
}

/// The problems of an indicator's definition, said once each.
extension DomainError {
    static let invalidDecimals = DomainError(code: "invalid_decimals", field: "decimals",
            vi: "Số chữ số thập phân phải từ 0 đến 6.",
            en: "decimals must be between 0 and 6.")

    static func invalidReleaseDays(_ days: Int) -> DomainError {
        DomainError(code: "invalid_release_days", field: "releaseAfterDays",
                    vi: "Số ngày công bố sau kỳ phải từ 0 đến 366, không phải \(days).",
                    en: "releaseAfterDays must be between 0 and 366, not \(days).")
    }

    static func computedNotAPercentage(_ code: String) -> DomainError {
        DomainError(code: "computed_mismatch", field: "computed",
            vi: "Chỉ tiêu \(code): chỉ tiêu tính từ sổ đăng ký hoặc hồ sơ là tỷ lệ phần trăm (tổng hợp ratioOfSums).",
            en: "Indicator \(code): an indicator computed from the registry or records is a percentage (ratioOfSums).")
    }

    static func formulaCycle(_ code: String) -> DomainError {
        DomainError(code: "formula_cycle", field: "computed",
            vi: "Chỉ tiêu \(code): công thức dùng chính nó trong cùng kỳ.", en: "Indicator \(code): the formula uses itself in the same period.")
    }
}
