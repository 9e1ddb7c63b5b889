import DXDomain
import SQLKit

/// Validates reported values against the catalog and writes them all, or none.
///
/// Used by the API and by imports alike, so a value is checked the same way
/// whichever door it came through.
public struct DataEntry: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// Checks every value (known unit active in the period, known indicator, the
    /// indicator's value rules) and, if all pass, writes them in one transaction.
    /// Throws ``DomainErrors`` listing every problem, each with its field as
    /// `values[i].field`, and writes nothing.
    @discardableResult
    public func write(_ inputs: [DataValue], by user: String?) async throws -> [DataValue] {
        try await db.transaction { sql in
            let indicators = try await CatalogStore(sql).indicators(codes: Set(inputs.map(\.indicatorCode)))
            let units = try await OrgUnitStore(sql).find(codes: Set(inputs.map(\.unitCode)))
            var problems: [DomainError] = []
            var checked: [DataValue] = []
            let now = Timestamp.now()
            for (i, input) in inputs.enumerated() {
                let at = "values[\(i)]"
                guard let unit = units[input.unitCode] else {
                    problems.append(DomainError.unknown(.unit, code: input.unitCode).at(field: "\(at).unit"))
                    continue
                }
                guard let indicator = indicators[input.indicatorCode] else {
                    problems.append(DomainError.unknown(.indicator, code: input.indicatorCode).at(field: "\(at).indicator"))
                    continue
                }
                if !unit.isActive(during: input.period) {
                    problems.append(DomainError(
                        code: "unit_not_active", field: "\(at).period",
                        vi: "Đơn vị \(unit.code) (\(unit.name)) không tồn tại trong kỳ \(input.period.nameVi).",
                        en: "Unit \(unit.code) did not exist during period \(input.period.id)."))
                    continue
                }
                switch indicator.check(input) {
                case .success(var v):
                    v.storedBy = user
                    v.updatedAt = now
                    checked.append(v)
                case .failure(let e):
                    problems += e.errors.map { $0.at(field: "\(at).\($0.field ?? "value")") }
                }
            }
            guard problems.isEmpty else { throw DomainErrors(problems) }
            try await DataValueStore(sql).save(checked)
            return checked
        }
    }
}
