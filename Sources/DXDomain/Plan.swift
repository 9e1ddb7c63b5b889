/// A plan or directive that sets targets: Kế hoạch 135/KH-UBND, Chỉ thị phát động thi đua…
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

    public init(code: String, unitCode: String, issuer: String, number: String? = nil, issuedOn: LocalDate? = nil,
                title: String, horizon: Period, source: String? = nil) {
        self.code = code
        self.unitCode = unitCode
        self.issuer = issuer
        self.number = number
        self.issuedOn = issuedOn
        self.title = title
        self.horizon = horizon
        self.source = source
    }
}
