/// A value as it arrives, from the API, a form or a file row, before anything
/// is checked: the period is still text, the unit and indicator only codes.
/// ``DataEntry`` (storage) turns it into a ``DataValue`` or says what is wrong.
public struct DataValueInput: Hashable, Sendable, Codable {
    public var unit: String
    public var indicator: String
    public var period: String
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    public var comment: String?

    public init(unit: String, indicator: String, period: String, value: Double? = nil,
                numerator: Double? = nil, denominator: Double? = nil, comment: String? = nil) {
        self.unit = unit
        self.indicator = indicator
        self.period = period
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
        self.comment = comment
    }

    public init(_ v: DataValue) {
        self.init(unit: v.unitCode, indicator: v.indicatorCode, period: v.period.id, value: v.value,
                  numerator: v.numerator, denominator: v.denominator, comment: v.comment)
    }
}
