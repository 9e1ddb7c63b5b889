/// A reported figure as aggregation reads it: who reported it, for which period, and its parts.
///
/// ``DataValue`` is one, its reporter the unit's code. ``MemberFigure`` is another, the lean
/// form the judgment of a target reads by the thousand after every write: its reporter is the
/// unit's place among the target's members, so nothing is copied, hashed or released per figure
/// but numbers.
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

/// One figure of an indicator, by one of the units a target is judged on (its position in
/// the list of those units).
public struct MemberFigure: ReportedFigure, Hashable, Sendable {
    public var member: Int32
    public var period: Period
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?

    public init(member: Int32, period: Period, value: Double?, numerator: Double? = nil, denominator: Double? = nil) {
        self.member = member
        self.period = period
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
    }

    public var reporter: Int32 { member }

    /// How many of the `members` the figures come from.
    public static func reporters(_ figures: [MemberFigure], among members: Int) -> Int {
        var seen = [Bool](repeating: false, count: members), count = 0
        for f in figures where !seen[Int(f.member)] {
            seen[Int(f.member)] = true
            count += 1
        }
        return count
    }
}
