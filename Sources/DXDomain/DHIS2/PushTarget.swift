/// Another DHIS2 that dxtrack sends a unit's official figures to (the national
/// reporting system, a shared platform), and when: `dxtrack push --schedule NAME …`
/// keeps one, and `dxtrack serve` pushes each once its period is due.
///
/// ```swift
/// // Each quarter's figures, ten days after it ends, by the target's own UIDs.
/// PushTarget(name: "quoc-gia", url: "https://dhis2.gov.vn/api/dataValueSets", unit: "20",
///            periodType: .quarterly, afterDays: 10, mapping: .lookupByCode)
/// ```
public struct PushTarget: Hashable, Sendable, Codable {
    public var name: String
    /// The target's `dataValueSets` address.
    public var url: String
    /// The unit whose subtree's official figures go.
    public var unit: String
    /// The account at the target (its password comes from the environment, never the database).
    public var user: String?
    public var periodType: PeriodType
    /// Days after a period ends before it is pushed (time for late approvals).
    public var afterDays: Int
    public var mapping: PushMapping
    public var includeSubmitted: Bool

    public init(name: String, url: String, unit: String, user: String? = nil, periodType: PeriodType, afterDays: Int = 0,
                mapping: PushMapping = .codes, includeSubmitted: Bool = false) {
        self.name = name
        self.url = url
        self.unit = unit
        self.user = user
        self.periodType = periodType
        self.afterDays = afterDays
        self.mapping = mapping
        self.includeSubmitted = includeSubmitted
    }

    /// The period due on `day`: the latest of its type that ended at least `afterDays` before.
    public func duePeriod(on day: LocalDate) -> Period {
        var p = Period(type: periodType, containing: day).previous
        while p.end.adding(days: afterDays) > day { p = p.previous }
        return p
    }

    /// The target's API root (`…/api`), where its metadata is looked up.
    public var apiRoot: String {
        guard let cut = url.range(of: "/dataValueSets", options: .backwards) else { return url }
        return String(url[..<cut.lowerBound])
    }
}

/// How a push names dxtrack's objects to the target.
public enum PushMapping: Hashable, Sendable, Codable {
    /// By code, with `idScheme=CODE`: a target that knows dxtrack's codes.
    case codes
    /// By the target's UIDs, found by asking it for the objects with dxtrack's codes.
    case lookupByCode
    /// By the UIDs a mapping file gives (`kind,code,uid`).
    case table([DHIS2Identifiers.Entry])

    public var nameVi: String {
        switch self {
        case .codes: "theo mã"
        case .lookupByCode: "UID tra theo mã ở hệ thống đích"
        case .table(let e): "bảng ánh xạ (\(e.count) dòng)"
        }
    }
}

extension DataValueSet {
    /// The objects of the set that `ids` gives no UID: a push by UID cannot go with any.
    public func unmapped(_ ids: DHIS2Identifiers) -> [(DHIS2Kind, String)] {
        var missing: [String: (DHIS2Kind, String)] = [:]
        for row in dataValues {
            if ids.uid(.organisationUnit, row.orgUnit) == nil { missing["ou:\(row.orgUnit)"] = (.organisationUnit, row.orgUnit) }
            if ids.uid(.dataElement, row.dataElement) == nil && ids.uid(.indicator, row.dataElement) == nil {
                missing["de:\(row.dataElement)"] = (.dataElement, row.dataElement)
            }
            let combo = row.categoryOptionCombo ?? "default"
            if ids.uid(.categoryOptionCombo, combo) == nil { missing["co:\(combo)"] = (.categoryOptionCombo, combo) }
        }
        return missing.values.sorted { ($0.0.rawValue, $0.1) < ($1.0.rawValue, $1.1) }
    }
}
