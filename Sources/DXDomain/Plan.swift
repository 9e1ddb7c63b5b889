/// A plan or directive that sets targets: Kế hoạch 135/KH-UBND, Chỉ thị phát động thi đua…
///
/// A plan is in force for a while (see ``PlanCalendar``): from the day it is issued (or
/// `inForceFrom`) to the end of its horizon (or `inForceTo`), or until the plan that
/// supersedes it starts. Its targets are today's only while it is.
public struct Plan: Hashable, Sendable, Codable {
    public var code: String
    /// The unit whose plan it is (the province `20`): its targets apply inside that unit's subtree.
    public var unitCode: String
    /// Who issued it: "UBND tỉnh Lạng Sơn".
    public var issuer: String
    /// The document number as printed: "135/KH-UBND"; nil for news-derived plans.
    public var number: String?
    public var issuedOn: LocalDate?
    public var title: String
    /// The last period the plan's targets speak of (e.g. 2025, or 2030 for the orientation).
    public var horizon: Period
    /// The seed or document the targets were read from.
    public var source: String?
    /// The first day the plan is in force, when it is not the day it was issued.
    public var inForceFrom: LocalDate?
    /// The last day, when it is not the end of its horizon.
    public var inForceTo: LocalDate?
    /// The plan that replaced it: it stops being in force the day before that one starts.
    public var supersededBy: String?

    /// "135/KH-UBND Kế hoạch thực hiện …": its number, when it has one, and its title.
    public var citation: String { [number, title].compactMap { $0 }.joined(separator: " ") }

    public init(code: String, unitCode: String, issuer: String, number: String? = nil, issuedOn: LocalDate? = nil,
                title: String, horizon: Period, source: String? = nil, inForceFrom: LocalDate? = nil, inForceTo: LocalDate? = nil,
                supersededBy: String? = nil) {
        self.code = code
        self.unitCode = unitCode
        self.issuer = issuer
        self.number = number
        self.issuedOn = issuedOn
        self.title = title
        self.horizon = horizon
        self.source = source
        self.inForceFrom = inForceFrom
        self.inForceTo = inForceTo
        self.supersededBy = supersededBy
    }
}
