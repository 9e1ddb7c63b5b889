import DXDomain
import Hummingbird

/// A stored value as the API shows it: the answer's own type, so that the domain's
/// `DataValue` can change without changing what clients read.
struct ValueView: ResponseEncodable, Codable, Sendable {
    let unitCode: String
    let indicatorCode: String
    /// The DHIS2 period id (`2025Q1`).
    let period: String
    let value: Double?
    let numerator: Double?
    let denominator: Double?
    let comment: String?
    let storedBy: String?
    let updatedAt: String?

    init(_ v: DataValue) {
        (unitCode, indicatorCode, period) = (v.unitCode, v.indicatorCode, v.period.id)
        (value, numerator, denominator) = (v.value, v.numerator, v.denominator)
        (comment, storedBy, updatedAt) = (v.comment, v.storedBy, v.updatedAt)
    }
}
