/// A value as it arrives, from the API, a form or a file row, before anything
/// is checked: the period is still text, the unit and indicator only codes.
/// ``DataEntry`` (storage) turns it into a ``DataValue`` or says what is wrong.
///
/// Its identifiers are canonical from the start (``Code/canonical(_:)``, and a
/// period that parses is kept as its ``Period/id``), whichever door built it:
/// the access check, the report lock and the store all see `2026Q2`, never
/// `"2026Q2 "`.
public struct DataValueInput: Hashable, Sendable, Codable {
    public private(set) var unit: String
    public private(set) var indicator: String
    public private(set) var period: String
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    public var comment: String?

    public init(unit: String, indicator: String, period: String, value: Double? = nil,
                numerator: Double? = nil, denominator: Double? = nil, comment: String? = nil) {
        self.unit = Code.canonical(unit)
        self.indicator = Code.canonical(indicator)
        self.period = Period.canonicalID(period)
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
        self.comment = comment
    }

    enum CodingKeys: String, CodingKey { case unit, indicator, period, value, numerator, denominator, comment }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(unit: try c.decode(String.self, forKey: .unit), indicator: try c.decode(String.self, forKey: .indicator),
                  period: try c.decode(String.self, forKey: .period), value: try c.decodeIfPresent(Double.self, forKey: .value),
                  numerator: try c.decodeIfPresent(Double.self, forKey: .numerator),
                  denominator: try c.decodeIfPresent(Double.self, forKey: .denominator),
                  comment: try c.decodeIfPresent(String.self, forKey: .comment))
    }

    public init(_ v: DataValue) {
        self.init(unit: v.unitCode, indicator: v.indicatorCode, period: v.period.id, value: v.value,
                  numerator: v.numerator, denominator: v.denominator, comment: v.comment)
    }
}
