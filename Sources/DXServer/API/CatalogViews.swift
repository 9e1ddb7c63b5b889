import DXDomain
import Hummingbird

/// An org unit as the API shows it (the domain's `OrgUnit` stays free to change).
struct UnitView: ResponseEncodable, Codable, Sendable {
    let code: String
    let name: String
    let kind: OrgUnitKind
    let parentCode: String?
    let validFrom: LocalDate?
    let validTo: LocalDate?

    init(_ u: OrgUnit) {
        (code, name, kind, parentCode, validFrom, validTo) = (u.code, u.name, u.kind, u.parentCode, u.validFrom, u.validTo)
    }
}

/// An indicator as the API shows it: its names, how its figures add up and read, and how
/// it is computed when it is.
struct IndicatorView: ResponseEncodable, Codable, Sendable {
    let code: String
    let nameVi: String
    let nameEn: String
    let pillar: Pillar
    let valueType: ValueType
    let aggregation: AggregationType
    let direction: Direction
    let decimals: Int
    let unitVi: String
    let definitionVi: String?
    let numeratorVi: String?
    let denominatorVi: String?
    let computed: Computation?
    let published: Bool?

    init(_ i: Indicator) {
        (code, nameVi, nameEn, pillar, valueType) = (i.code, i.nameVi, i.nameEn, i.pillar, i.valueType)
        (aggregation, direction, decimals, unitVi) = (i.aggregation, i.direction, i.decimals, i.unitVi)
        (definitionVi, numeratorVi, denominatorVi) = (i.definitionVi, i.numeratorVi, i.denominatorVi)
        (computed, published) = (i.computed, i.published)
    }
}
