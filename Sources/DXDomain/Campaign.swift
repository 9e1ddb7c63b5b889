/// An emulation campaign (phong trào thi đua): a theme, a time span, the units
/// taking part grouped in clusters (cụm, khối thi đua), the criteria they are
/// scored on, and the awards proposed when it is reviewed.
///
/// Lạng Sơn's 2022 directive is one: launched in 2022, run to 31/12/2022, reviewed
/// in January 2023; departments, districts, enterprises and public-service units
/// compete on the directive's targets. A criterion tied to a target gets a score
/// suggested by the figures; every criterion gets the unit's own score (điểm tự
/// đánh giá) and the appraisal council's (điểm thẩm định), which is what counts.
public struct Campaign: Hashable, Sendable, Codable {
    public var code: String
    public var nameVi: String
    /// The slogan the campaign is launched under (chủ đề thi đua).
    public var theme: String
    /// The unit that launched it; its coordinators appraise.
    public var unitCode: String
    /// The plan whose targets the criteria refer to.
    public var planCode: String?
    public var start: LocalDate
    public var end: LocalDate
    /// When the review (tổng kết) is due.
    public var reviewBy: LocalDate?
    public var source: String?
    public var clusters: [EmulationCluster]
    public var criteria: [Criterion]
    /// Highest award first: a unit is proposed for the first one it qualifies for.
    public var awards: [AwardRule]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(code: try c.decode(String.self, forKey: .code), nameVi: try c.decode(String.self, forKey: .nameVi),
                  theme: try c.decode(String.self, forKey: .theme), unitCode: try c.decode(String.self, forKey: .unitCode),
                  planCode: try c.decodeIfPresent(String.self, forKey: .planCode), start: try c.decode(LocalDate.self, forKey: .start),
                  end: try c.decode(LocalDate.self, forKey: .end), reviewBy: try c.decodeIfPresent(LocalDate.self, forKey: .reviewBy),
                  source: try c.decodeIfPresent(String.self, forKey: .source), clusters: try c.decode([EmulationCluster].self, forKey: .clusters),
                  criteria: try c.decode([Criterion].self, forKey: .criteria), awards: try c.decodeIfPresent([AwardRule].self, forKey: .awards) ?? [])
    }

    public init(code: String, nameVi: String, theme: String, unitCode: String, planCode: String? = nil, start: LocalDate, end: LocalDate,
                reviewBy: LocalDate? = nil, source: String? = nil, clusters: [EmulationCluster], criteria: [Criterion], awards: [AwardRule] = []) {
        self.code = code
        self.nameVi = nameVi
        self.theme = theme
        self.unitCode = unitCode
        self.planCode = planCode
        self.start = start
        self.end = end
        self.reviewBy = reviewBy
        self.source = source
        self.clusters = clusters
        self.criteria = criteria
        self.awards = awards
    }

    /// The year whose figures the criteria tied to targets are judged on.
    public var judgedPeriod: Period { Period(type: .yearly, containing: end) }

    /// The cluster `unit` competes in, if it takes part.
    public func cluster(of unit: String) -> EmulationCluster? { clusters.first { $0.members.contains(unit) } }

    /// The criteria `unit` (of kind `kind`) is scored on: those of its cluster, and of a
    /// criterion tied to a target only if the target is set for units of its kind.
    public func criteria(for unit: String, kind: OrgUnitKind, targets: [String: Target]) -> [Criterion] {
        guard let cluster = cluster(of: unit) else { return [] }
        return criteria.filter { c in
            guard c.clusters.isEmpty || c.clusters.contains(cluster.code) else { return false }
            guard let code = c.targetCode, let target = targets[code] else { return true }
            return target.unitKinds.isEmpty || target.unitKinds.contains(kind)
        }
    }

    /// Problems in the definition itself (units, plans and targets are checked against the catalog).
    public func validate() -> [DomainError] {
        var problems: [DomainError] = []
        func fail(_ code: String, _ field: String, _ vi: String, _ en: String) {
            problems.append(DomainError(code: code, field: field, vi: "Phong trào \(self.code): \(vi)", en: "Campaign \(self.code): \(en)"))
        }
        // Codes name things in URLs, locks and SQL: the grammar is checked where they come in.
        let codes = [("code", code), ("unitCode", unitCode)] + clusters.map { ("clusters", $0.code) } + criteria.map { ("criteria", $0.code) }
        for (field, code) in codes where !Code.isValid(code) { problems.append(DomainError.invalidCode(code, field: field)) }
        if end < start { fail("invalid_dates", "end", "ngày kết thúc trước ngày bắt đầu.", "it ends before it starts.") }
        if let r = reviewBy, r < end { fail("invalid_dates", "reviewBy", "hạn tổng kết trước ngày kết thúc.", "the review is due before it ends.") }
        if clusters.isEmpty { fail("required", "clusters", "cần ít nhất một cụm, khối thi đua.", "at least one cluster is needed.") }
        for duplicate in duplicates(clusters.map(\.code)) {
            fail("duplicate_code", "clusters", "mã cụm \(duplicate) bị trùng.", "cluster code \(duplicate) is used twice.")
        }
        for duplicate in duplicates(clusters.flatMap(\.members)) {
            fail("duplicate_member", "clusters", "đơn vị \(duplicate) ở hai cụm, khối.", "unit \(duplicate) is in two clusters.")
        }
        for duplicate in duplicates(criteria.map(\.code)) {
            fail("duplicate_code", "criteria", "mã tiêu chí \(duplicate) bị trùng.", "criterion code \(duplicate) is used twice.")
        }
        let clusterCodes = Set(clusters.map(\.code))
        for c in criteria {
            if !(c.points > 0) { fail("invalid_points", "points", "tiêu chí \(c.code) phải có điểm tối đa lớn hơn 0.", "criterion \(c.code) must carry more than 0 points.") }
            for k in c.clusters where !clusterCodes.contains(k) {
                fail("unknown_cluster", "clusters", "tiêu chí \(c.code) nhắc đến cụm \(k) không có.", "criterion \(c.code) names cluster \(k), which does not exist.")
            }
        }
        if criteria.isEmpty { fail("required", "criteria", "cần ít nhất một tiêu chí.", "at least one criterion is needed.") }
        for a in awards where a.topPerCluster < 1 || !(0...1).contains(a.minShare) {
            fail("invalid_award", "awards", "hình thức \"\(a.title)\": topPerCluster ≥ 1, minShare từ 0 đến 1.",
                 "award \"\(a.title)\": topPerCluster ≥ 1 and minShare in [0, 1].")
        }
        return problems
    }

    private func duplicates(_ codes: [String]) -> [String] {
        Dictionary(grouping: codes, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
    }
}

/// A cluster or block of units that compete with each other (cụm, khối thi đua).
public struct EmulationCluster: Hashable, Sendable, Codable {
    public var code: String
    public var nameVi: String
    public var members: [String]

    public init(code: String, nameVi: String, members: [String]) {
        self.code = code
        self.nameVi = nameVi
        self.members = members
    }
}

/// What units are scored on, and how many points it carries.
public struct Criterion: Hashable, Sendable, Codable {
    public var code: String
    public var nameVi: String
    public var points: Double
    /// A target of the campaign's plan: the figures suggest the score.
    public var targetCode: String?
    /// The clusters scored on it; empty: every cluster.
    public var clusters: [String]

    public init(code: String, nameVi: String, points: Double, targetCode: String? = nil, clusters: [String] = []) {
        self.code = code
        self.nameVi = nameVi
        self.points = points
        self.targetCode = targetCode
        self.clusters = clusters
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(code: try c.decode(String.self, forKey: .code), nameVi: try c.decode(String.self, forKey: .nameVi),
                  points: try c.decode(Double.self, forKey: .points), targetCode: try c.decodeIfPresent(String.self, forKey: .targetCode),
                  clusters: try c.decodeIfPresent([String].self, forKey: .clusters) ?? [])
    }

    /// A score given on this criterion must be a number from 0 to its points.
    public func check(score: Double, field: String) throws(DomainError) {
        guard score.isFinite, score >= 0, score <= points else {
            throw DomainError(code: "out_of_range", field: field,
                              vi: "Điểm tiêu chí \(code) phải từ 0 đến \(VietnameseNumber.format(points)).",
                              en: "The score of criterion \(code) must be from 0 to \(points).")
        }
    }
}

/// An award (Cờ thi đua, Bằng khen…) and who may be proposed for it: a unit ranked
/// within the first `topPerCluster` of its cluster with at least `minShare` of its points.
public struct AwardRule: Hashable, Sendable, Codable {
    public var title: String
    public var topPerCluster: Int
    public var minShare: Double

    public init(title: String, topPerCluster: Int, minShare: Double) {
        self.title = title
        self.topPerCluster = topPerCluster
        self.minShare = minShare
    }
}

/// The problems of scoring units in a campaign.
extension DomainError {
    public static func notParticipating(unit: String, campaign: String) -> DomainError {
        DomainError(code: "not_participating", field: "unit", vi: "Đơn vị \(unit) không tham gia phong trào \(campaign).",
                    en: "Unit \(unit) does not take part in campaign \(campaign).")
    }

    public static func notScoredOn(_ criterion: String, unit: String, campaign: String) -> DomainError {
        DomainError(code: "unknown_criterion", field: "criterion",
                    vi: "Đơn vị \(unit) không được chấm theo tiêu chí \"\(criterion)\" của phong trào \(campaign).",
                    en: "Unit \(unit) is not scored on criterion \"\(criterion)\" of campaign \(campaign).")
    }

    public static func campaignExists(_ code: String) -> DomainError {
        DomainError(code: "duplicate_code", field: "code", vi: "Đã có phong trào mã \(code).", en: "A campaign with code \(code) exists already.")
    }
}
