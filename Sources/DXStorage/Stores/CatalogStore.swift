import DXDomain
import Foundation
import SQLKit

/// Indicators, plans and targets: the catalog, over one connection or transaction.
public struct CatalogStore: Sendable {
    let sql: Session

    public init(_ sql: Session) { self.sql = sql }

    public func save(indicators: [Indicator]) async throws {
        try await Upsert(table: "indicators",
                         columns: ["code", "name_vi", "name_en", "pillar", "value_type", "aggregation", "direction",
                                   "decimals", "unit_vi", "definition_vi", "numerator_vi", "denominator_vi", "computed", "published",
                                   "release_after_days"],
                         key: ["code"])
            .run(indicators.map {
                [$0.code, $0.nameVi, $0.nameEn, $0.pillar.rawValue, $0.valueType.rawValue, $0.aggregation.rawValue,
                 $0.direction.rawValue, $0.decimals, $0.unitVi, $0.definitionVi, $0.numeratorVi, $0.denominatorVi,
                 $0.computed.map { String(decoding: (try? JSONEncoder().encode($0)) ?? Data(), as: UTF8.self) },
                 $0.isPublished ? 1 : 0, $0.releaseAfterDays]
            }, on: sql)
    }

    public func save(plans: [Plan]) async throws {
        try await Upsert(table: "plans", columns: ["code", "unit_code", "issuer", "number", "issued_on", "title", "horizon", "source",
                                                   "in_force_from", "in_force_to", "superseded_by"],
                         key: ["code"])
            .run(plans.map { [$0.code, $0.unitCode, $0.issuer, $0.number, $0.issuedOn?.iso, $0.title, $0.horizon.id, $0.source,
                              $0.inForceFrom?.iso, $0.inForceTo?.iso, $0.supersededBy] }, on: sql)
    }

    public func save(targets: [Target]) async throws {
        try await Upsert(table: "targets",
                         columns: ["code", "plan_code", "indicator_code", "shape", "tolerance", "value", "value_province",
                                   "value_district", "value_commune", "horizon", "start_date", "unit_kinds", "source_text", "maintained"],
                         key: ["code"])
            .run(targets.map { t in
                let single: Double? = if case .single(let v) = t.value { v } else { nil }
                let levels: [AdminLevel: Double] = if case .perLevel(let m) = t.value { m } else { [:] }
                return [t.code, t.planCode, t.indicatorCode, t.shape.name, t.shape.tolerance, single,
                        levels[.province], levels[.district], levels[.commune], t.horizon.id, t.startDate?.iso,
                        t.unitKinds.map(\.rawValue).joined(separator: ","), t.sourceText, t.maintained ? 1 : 0]
            }, on: sql)
    }

    public func save(provinceMergers: [ProvinceMerger]) async throws {
        try await Upsert(table: "province_mergers", columns: ["former_province", "current_province", "kind"],
                         key: ["former_province"])
            .run(provinceMergers.map { [$0.formerProvince, $0.currentProvince, $0.kind.rawValue] }, on: sql)
    }

    public func provinceMergers() async throws -> [ProvinceMerger] {
        try await sql.raw("SELECT * FROM province_mergers ORDER BY current_province, former_province").all().map { row in
            ProvinceMerger(formerProvince: try row.text("former_province"), currentProvince: try row.text("current_province"),
                           kind: try enumValue(row, "kind"))
        }
    }

    public func indicators() async throws -> [Indicator] {
        try await sql.raw("SELECT * FROM indicators ORDER BY code").all().map(Self.indicator)
    }

    /// The indicators dxtrack computes itself.
    public func computedIndicators() async throws -> [Indicator] {
        try await sql.raw("SELECT * FROM indicators WHERE computed IS NOT NULL ORDER BY code").all().map(Self.indicator)
    }

    public func indicator(_ code: String) async throws -> Indicator? {
        try await sql.raw("SELECT * FROM indicators WHERE code = \(bind: code)").first().map(Self.indicator)
    }

    /// The indicators among `codes`, keyed by code (for validating a batch of values in one query).
    public func indicators(codes: Set<String>) async throws -> [String: Indicator] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await sql.select().column("*").from("indicators")
            .where("code", .in, Array(codes)).all()
        return Dictionary(uniqueKeysWithValues: try rows.map(Self.indicator).map { ($0.code, $0) })
    }

    public func plans() async throws -> [Plan] {
        try await sql.raw("SELECT * FROM plans ORDER BY code").all().map { row in
            Plan(code: try row.text("code"), unitCode: try row.text("unit_code"), issuer: try row.text("issuer"), number: try row.optionalText("number"),
                 issuedOn: try row.optionalText("issued_on").map { try LocalDate(iso: $0) }, title: try row.text("title"),
                 horizon: try Period(row.text("horizon")), source: try row.optionalText("source"),
                 inForceFrom: try row.optionalText("in_force_from").map { try LocalDate(iso: $0) },
                 inForceTo: try row.optionalText("in_force_to").map { try LocalDate(iso: $0) }, supersededBy: try row.optionalText("superseded_by"))
        }
    }

    /// Every plan by its code (the table's key).
    public func plansByCode() async throws -> [String: Plan] {
        Dictionary(uniqueKeysWithValues: try await plans().map { ($0.code, $0) })
    }

    /// Targets, of one indicator when given, ordered by code.
    public func targets(indicator: String? = nil) async throws -> [Target] {
        let query = sql.select().column("*").from("targets").orderBy("code")
        if let indicator { query.where("indicator_code", .equal, indicator) }
        return try await query.all().map(Self.target)
    }

    static func indicator(_ row: any SQLRow) throws -> Indicator {
        Indicator(code: try row.text("code"), nameVi: try row.text("name_vi"), nameEn: try row.text("name_en"),
                  pillar: try enumValue(row, "pillar"), valueType: try enumValue(row, "value_type"),
                  aggregation: try enumValue(row, "aggregation"), direction: try enumValue(row, "direction"),
                  decimals: try row.decode(column: "decimals", as: Int.self), unitVi: try row.text("unit_vi"),
                  definitionVi: try row.optionalText("definition_vi"), numeratorVi: try row.optionalText("numerator_vi"),
                  denominatorVi: try row.optionalText("denominator_vi"),
                  computed: try row.optionalText("computed").map { try JSONDecoder().decode(Computation.self, from: Data($0.utf8)) },
                  published: try row.decode(column: "published", as: Int.self) == 0 ? false : nil,
                  releaseAfterDays: try row.decode(column: "release_after_days", as: Int?.self))
    }

    static func target(_ row: any SQLRow) throws -> Target {
        let value: TargetValue
        if let v = try row.number("value") {
            value = .single(v)
        } else {
            var m: [AdminLevel: Double] = [:]
            for level in AdminLevel.allCases { m[level] = try row.number("value_\(level.rawValue)") }
            value = .perLevel(m)
        }
        let kinds = try row.text("unit_kinds").split(separator: ",").map { raw in
            guard let k = OrgUnitKind(rawValue: String(raw)) else {
                throw StorageError.unknownValue(column: "unit_kinds", value: String(raw))
            }
            return k
        }
        return Target(code: try row.text("code"), planCode: try row.text("plan_code"),
                      indicatorCode: try row.text("indicator_code"),
                      shape: try TargetShape(name: row.text("shape"), tolerance: row.number("tolerance")),
                      value: value, horizon: try Period(row.text("horizon")),
                      startDate: try row.optionalText("start_date").map { try LocalDate(iso: $0) },
                      unitKinds: kinds, sourceText: try row.optionalText("source_text"),
                      maintained: try row.decode(column: "maintained", as: Int.self) != 0)
    }
}
