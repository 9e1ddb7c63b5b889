import DXDomain
import DXStorage
import Foundation
import Hummingbird

struct AggregateView: ResponseEncodable, Sendable {
    struct Step: Encodable, Sendable {
        let from: String
        let to: String
        let period: String
        let method_vi: String
        let method_en: String
    }

    let indicator: String
    let unit: String
    let period: String
    let value: Double?
    let numerator: Double?
    let denominator: Double?
    let count: Int
    let method_vi: String
    let restated: [Step]

    init(_ r: Analytics.AggregateResult) {
        indicator = r.indicator.code
        unit = r.unit
        period = r.period.id
        value = r.aggregate.value
        numerator = r.aggregate.numerator
        denominator = r.aggregate.denominator
        count = r.aggregate.count
        method_vi = IndicatorPage.aggregation(r.indicator, .vi)
        restated = r.restated.map { Step(from: $0.from, to: $0.value.unitCode, period: $0.value.period.id, method_vi: $0.methodVi, method_en: $0.methodEn) }
    }
}
