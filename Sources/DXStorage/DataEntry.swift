import DXDomain
import Foundation
import SQLKit

/// Validates reported values against the catalog and writes them all, or none.
///
/// The API, forms and file imports all come through here, so a value is checked
/// the same way whichever door it came through.
public struct DataEntry: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// Checks every input (a valid period, a known unit that existed in it, a
    /// known indicator, the indicator's value rules) and, if all pass and this is
    /// not a dry run, writes them in one transaction.
    ///
    /// Throws ``DomainErrors`` listing every problem, each with its field as
    /// `values[i].field`, and writes nothing.
    @discardableResult
    public func write(_ inputs: [DataValueInput], by user: String?, dryRun: Bool = false) async throws -> [DataValue] {
        guard !inputs.isEmpty else { throw DomainErrors([.required("values")]) }
        let dialect = db.dialect
        let written = try await db.transaction { sql in
            try await Self.apply(inputs, by: user, dryRun: dryRun, on: sql, dialect: dialect)
        }
        if !dryRun {
            try await ComputedValues(db).recompute(.formulasReading(Set(written.map(\.indicatorCode))),
                                                   today: LocalDate(vietnamTimeOf: Date().timeIntervalSince1970))
        }
        return written
    }

    /// Checks and writes inside the caller's transaction (a report saved with its status).
    static func apply(_ inputs: [DataValueInput], by user: String?, dryRun: Bool, on sql: any SQLDatabase, dialect: Dialect) async throws -> [DataValue] {
        let checked = try await check(inputs, sql: sql, user: user)
        if !dryRun { _ = try await ValueWrite.store(checked, by: user ?? "system", action: "values.write", on: sql, dialect: dialect) }
        return checked
    }

    static func check(_ inputs: [DataValueInput], sql: any SQLDatabase, user: String?) async throws -> [DataValue] {
        let indicators = try await CatalogStore(sql).indicators(codes: Set(inputs.map(\.indicator)))
        let units = try await OrgUnitStore(sql).find(codes: Set(inputs.map(\.unit)))
        var problems: [DomainError] = []
        var checked: [DataValue] = []
        let now = Timestamp.now()
        // A file holds a few periods, each read once.
        var periods: [String: Result<Period, DomainError>] = [:]
        for (i, input) in inputs.enumerated() {
            func at(_ field: String) -> String { "values[\(i)].\(field)" }
            var rowProblems: [DomainError] = []
            if periods[input.period] == nil { periods[input.period] = Result { () throws(DomainError) in try Period(input.period) } }
            let period: Period?
            switch periods[input.period]! {
            case .success(let p): period = p
            case .failure(let error):
                period = nil
                rowProblems.append(error.at(field: at("period")))
            }
            let unit = units[input.unit]
            if unit == nil { rowProblems.append(DomainError.unknown(.unit, code: input.unit).at(field: at("unit"))) }
            let indicator = indicators[input.indicator]
            if indicator == nil {
                rowProblems.append(DomainError.unknown(.indicator, code: input.indicator).at(field: at("indicator")))
            }
            if let computed = indicator?.computed {
                rowProblems.append(DomainError(code: "computed_indicator", field: at("indicator"),
                                               vi: "Chỉ tiêu \(input.indicator) do dxtrack tự tính (\(computed.describeVi)), không nhập tay.",
                                               en: "Indicator \(input.indicator) is computed by dxtrack, not entered."))
            }
            if let unit, let period, !unit.isActive(during: period) {
                rowProblems.append(DomainError(
                    code: "unit_not_active", field: at("period"),
                    vi: "Đơn vị \(unit.code) (\(unit.name)) không tồn tại trong kỳ \(period.nameVi).",
                    en: "Unit \(unit.code) did not exist during period \(period.id)."))
            }
            if let indicator, let period {
                let value = DataValue(unitCode: input.unit, indicatorCode: input.indicator, period: period,
                                      value: input.value, numerator: input.numerator, denominator: input.denominator,
                                      comment: input.comment, storedBy: user, updatedAt: now)
                switch indicator.check(value) {
                case .success(let v): if rowProblems.isEmpty { checked.append(v) }
                case .failure(let e): rowProblems += e.errors.map { $0.at(field: at($0.field ?? "value")) }
                }
            }
            problems += rowProblems
        }
        problems += try await lockedValues(checked, inputs: inputs, sql: sql)
        guard problems.isEmpty else { throw DomainErrors(problems) }
        return checked
    }

    /// Values that belong to a submitted or approved report may not change until it is
    /// returned or reopened.
    static func lockedValues(_ values: [DataValue], inputs: [DataValueInput], sql: any SQLDatabase) async throws -> [DomainError] {
        let locks = try await FormStore(sql).locking(units: Array(Set(values.map(\.unitCode))), periods: Array(Set(values.map(\.period.id))))
        guard !locks.isEmpty else { return [] }
        let forms = Dictionary(uniqueKeysWithValues: try await FormStore(sql).forms().map { ($0.code, Set($0.indicators)) })
        var locked: [String: SubmissionStatus] = [:]
        for l in locks {
            for indicator in forms[l.formCode] ?? [] { locked["\(l.unitCode)|\(indicator)|\(l.period.id)"] = l.status }
        }
        var problems: [DomainError] = []
        for (i, input) in inputs.enumerated() {
            guard let status = locked["\(input.unit)|\(input.indicator)|\(input.period)"] else { continue }
            problems.append(DomainError(
                code: "locked", field: "values[\(i)].period",
                vi: "Báo cáo của đơn vị \(input.unit) kỳ \(input.period) đang ở trạng thái \"\(status.nameVi)\": không sửa được số liệu \(input.indicator).",
                en: "The report of unit \(input.unit) for \(input.period) is \(status.rawValue): \(input.indicator) cannot change."))
        }
        return problems
    }
}
