import DXDomain
import DXStorage
import Foundation
import Hummingbird

struct AggregateView: ResponseEncodable, Codable, Sendable {
    struct Step: Codable, Sendable {
        let from: String
        let to: String
        let period: String
        let methodVi: String
        let methodEn: String
        // The same, under the snake_case names answers had before keys were camelCase (12/2026); deprecated.
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
    let methodVi: String
    let restated: [Step]
    // The same, under the snake_case names answers had before keys were camelCase (12/2026); deprecated.
    let method_vi: String

    init(_ r: Analytics.AggregateResult) {
        indicator = r.indicator.code
        unit = r.unit
        period = r.period.id
        value = r.aggregate.value
        numerator = r.aggregate.numerator
        denominator = r.aggregate.denominator
        count = r.aggregate.count
        methodVi = IndicatorPage.aggregation(r.indicator, .vi)
        method_vi = methodVi
        restated = r.restated.map { Step(from: $0.from, to: $0.value.unitCode, period: $0.value.period.id, methodVi: $0.methodVi, methodEn: $0.methodEn,
                                                method_vi: $0.methodVi, method_en: $0.methodEn) }
    }
}
