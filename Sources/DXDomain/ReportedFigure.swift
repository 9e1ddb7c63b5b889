/// A reported figure as aggregation reads it: who reported it, for which period, and its parts.
///
/// ``DataValue`` is one, its reporter the unit's code. ``NumberedFigure`` is another, the lean
/// form analytics reads by the hundred thousand: its unit and indicator are numbers, so
/// nothing is copied, hashed or released per figure but numbers.
public protocol ReportedFigure {
    associatedtype Reporter: Hashable
    var reporter: Reporter { get }
    var period: Period { get }
    var value: Double? { get }
    var numerator: Double? { get }
    var denominator: Double? { get }
}

extension DataValue: ReportedFigure {
    public var reporter: String { unitCode }
}

/// A figure whose unit and indicator are places in lists of codes that come with it: the
/// members a target is judged on and its one indicator, or every unit and indicator the
/// in-memory columns know.
public struct NumberedFigure: ReportedFigure, Hashable, Sendable {
    public var unit: Int32
    public var indicator: Int32
    public var period: Period
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?

    public init(unit: Int32, indicator: Int32 = 0, period: Period, value: Double?, numerator: Double? = nil, denominator: Double? = nil) {
        self.unit = unit
        self.indicator = indicator
        self.period = period
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
    }

    public var reporter: Int32 { unit }

    /// How many of `units` the figures come from.
    public static func reporters(_ figures: [NumberedFigure], among units: Int) -> Int {
        var seen = [Bool](repeating: false, count: units), count = 0
        for f in figures where !seen[Int(f.unit)] {
            seen[Int(f.unit)] = true
            count += 1
        }
        return count
    }
}

/// Figures with the codes their numbers stand for.
public struct NumberedFigures: Sendable {
    public var units: [String]
    public var indicators: [String]
    public var figures: [NumberedFigure]

    public init(units: [String], indicators: [String], figures: [NumberedFigure]) {
        self.units = units
        self.indicators = indicators
        self.figures = figures
    }

    /// `values` numbered, their units and indicators in order of first appearance.
    public init(_ values: [DataValue]) {
        var unitNumber: [String: Int32] = [:], indicatorNumber: [String: Int32] = [:]
        var units: [String] = [], indicators: [String] = []
        func number(_ code: String, _ numbers: inout [String: Int32], _ codes: inout [String]) -> Int32 {
            if let n = numbers[code] { return n }
            codes.append(code)
            numbers[code] = Int32(codes.count - 1)
            return Int32(codes.count - 1)
        }
        let figures = values.map { v in
            NumberedFigure(unit: number(v.unitCode, &unitNumber, &units), indicator: number(v.indicatorCode, &indicatorNumber, &indicators),
                           period: v.period, value: v.value, numerator: v.numerator, denominator: v.denominator)
        }
        self.init(units: units, indicators: indicators, figures: figures)
    }
}
