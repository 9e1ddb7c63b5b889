/// A unit that reports or is reported on: the province, a department, a
/// commune, a school, a hospital, an enterprise.
///
/// Units have validity dates because Vietnam redraws its map: the districts
/// ceased on 01/07/2025 and many communes merged. A unit that ceased keeps its
/// history; ``OrgUnitChange`` links it to what replaced it.
///
/// ```swift
/// let cityOld = OrgUnit(code: "178", name: "Thành phố Lạng Sơn", kind: .district,
///                       parentCode: "20", validTo: LocalDate(year: 2025, month: 6, day: 30))
/// cityOld.isActive(on: LocalDate(year: 2025, month: 7, day: 1)!) // false
/// ```
public struct OrgUnit: Hashable, Sendable, Codable {
    /// The official administrative code where there is one (Lạng Sơn `20`), else the province's own code.
    public var code: String
    /// The Vietnamese name, with full diacritics.
    public var name: String
    public var kind: OrgUnitKind
    public var parentCode: String?
    /// First day the unit exists; nil when it predates the records.
    public var validFrom: LocalDate?
    /// Last day the unit exists (inclusive); nil while it exists.
    public var validTo: LocalDate?

    public init(code: String, name: String, kind: OrgUnitKind, parentCode: String? = nil,
                validFrom: LocalDate? = nil, validTo: LocalDate? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parentCode = parentCode
        self.validFrom = validFrom
        self.validTo = validTo
    }

    public func isActive(on date: LocalDate) -> Bool {
        (validFrom.map { $0 <= date } ?? true) && (validTo.map { date <= $0 } ?? true)
    }

    /// The level the unit counts at: its own kind's, else that of the nearest unit above
    /// it in `units` (a school or hospital counts at the level of the unit it belongs to).
    public func adminLevel(among units: [String: OrgUnit]) -> AdminLevel? {
        kind.adminLevel ?? parentCode.flatMap { units[$0] }?.adminLevel(among: units)
    }

    /// Whether the unit existed on any day of `period`.
    public func isActive(during period: Period) -> Bool {
        isActive(from: period.start, through: period.end)
    }

    /// Whether the unit existed on any day from `start` through `end`.
    public func isActive(from start: LocalDate, through end: LocalDate) -> Bool {
        (validFrom.map { $0 <= end } ?? true) && (validTo.map { start <= $0 } ?? true)
    }

    /// Structural checks that need no other unit.
    public func validate() -> [DomainError] {
        var problems: [DomainError] = []
        if code.trimmingWhitespace().isEmpty { problems.append(.required("code")) }
        if name.trimmingWhitespace().isEmpty { problems.append(.required("name")) }
        if let from = validFrom, let to = validTo, to < from {
            problems.append(DomainError(
                code: "invalid_validity", field: "validTo",
                vi: "Đơn vị \(code): ngày hết hiệu lực \(to.formattedVietnamese) trước ngày bắt đầu \(from.formattedVietnamese).",
                en: "Unit \(code): validTo \(to.iso) is before validFrom \(from.iso)."))
        }
        if parentCode == code {
            problems.append(DomainError(code: "self_parent", field: "parentCode",
                                        vi: "Đơn vị \(code) không thể là đơn vị cha của chính nó.",
                                        en: "Unit \(code) cannot be its own parent."))
        }
        return problems
    }
}

/// The administrative level a per-level target speaks of ("90% cấp tỉnh, 80% cấp
/// huyện, 60% cấp xã").
public enum AdminLevel: String, CaseIterable, Codable, Sendable {
    case province, district, commune

    public var nameVi: String {
        switch self {
        case .province: "Cấp tỉnh"
        case .district: "Cấp huyện"
        case .commune: "Cấp xã"
        }
    }
}

public enum OrgUnitKind: String, CaseIterable, Codable, Sendable {
    case country, province, department, district, commune, ward, town, specialZone
    case school, healthFacility, enterprise, otherUnit

    public var nameVi: String {
        switch self {
        case .country: "Quốc gia"
        case .province: "Tỉnh, thành phố"
        case .department: "Sở, ban, ngành"
        case .district: "Huyện, thành phố thuộc tỉnh"
        case .commune: "Xã"
        case .ward: "Phường"
        case .town: "Thị trấn"
        case .specialZone: "Đặc khu"
        case .school: "Trường học"
        case .healthFacility: "Cơ sở y tế"
        case .enterprise: "Doanh nghiệp"
        case .otherUnit: "Đơn vị khác"
        }
    }

    public var nameEn: String {
        switch self {
        case .country: "Country"
        case .province: "Province"
        case .department: "Department"
        case .district: "District"
        case .commune: "Commune"
        case .ward: "Ward"
        case .town: "Township"
        case .specialZone: "Special zone"
        case .school: "School"
        case .healthFacility: "Health facility"
        case .enterprise: "Enterprise"
        case .otherUnit: "Other unit"
        }
    }

    /// The administrative level of a government unit; nil for schools, hospitals and
    /// enterprises, whose level is that of the unit they belong to.
    public var adminLevel: AdminLevel? {
        switch self {
        case .province, .department: .province
        case .district: .district
        case .commune, .ward, .town, .specialZone: .commune
        case .country, .school, .healthFacility, .enterprise, .otherUnit: nil
        }
    }
}

/// A change of the map: `predecessor` ended and `successor` took over (part of)
/// its territory and duties on `effective`.
public struct OrgUnitChange: Hashable, Sendable, Codable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Several predecessors became one successor (each predecessor links to it).
        case merge
        /// One predecessor was divided among several successors.
        case split
        /// Same territory, new name or code.
        case rename
    }

    public var predecessorCode: String
    public var successorCode: String
    public var kind: Kind
    public var effective: LocalDate
    /// For a split, the share of the predecessor that went to this successor
    /// (0–1), used when restating history; nil when unknown.
    public var share: Double?

    public init(predecessorCode: String, successorCode: String, kind: Kind, effective: LocalDate, share: Double? = nil) {
        self.predecessorCode = predecessorCode
        self.successorCode = successorCode
        self.kind = kind
        self.effective = effective
        self.share = share
    }
}
