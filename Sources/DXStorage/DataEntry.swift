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
        guard !dryRun else { return try await check(inputs, sql: sql, user: user) }
        var write: ValueWrite? = try await ValueWrite(on: sql, dialect: dialect)
        let checked = try await check(inputs, sql: sql, user: user, storingIn: &write)
        try await write?.finish(by: user ?? "system", action: "values.write")
        return checked
    }

    static func check(_ inputs: [DataValueInput], sql: any SQLDatabase, user: String?) async throws -> [DataValue] {
        var none: ValueWrite?
        return try await check(inputs, sql: sql, user: user, storingIn: &none)
    }

    /// Checks `inputs` a chunk at a time and, with a `write`, stores each chunk once it and
    /// every row before it passed: the next chunk is checked on the other core meanwhile.
    /// A problem anywhere throws, after every row was checked; the caller's transaction
    /// then takes back what was stored.
    private static func check(_ inputs: [DataValueInput], sql: any SQLDatabase, user: String?,
                              storingIn write: inout ValueWrite?) async throws -> [DataValue] {
        let indicators = try await CatalogStore(sql).indicators(codes: distinct(inputs) { $0.indicator }).mapValues(Ref.init)
        let units = try await OrgUnitStore(sql).find(codes: distinct(inputs) { $0.unit }).mapValues(Ref.init)
        let now = Timestamp.now(), recording = write != nil
        // A small first chunk, so that storing starts soon, then each half as large again (checking
        // one takes less than storing the one before) up to 16,384 rows.
        var starts = [0], size = 2_048
        while starts.last! + size < inputs.count {
            starts.append(starts.last! + size)
            size = min(16_384, size * 3 / 2)
        }
        func checking(_ n: Int) -> Task<(RowChecks, ValueWrite.Chunk?), Never> {
            let rows = inputs[starts[n]..<(n + 1 < starts.count ? starts[n + 1] : inputs.count)]
            return Task {
                let checks = Self.checkRows(rows, units: units, indicators: indicators, user: user, now: now)
                return (checks, recording && checks.problems.isEmpty ? ValueWrite.Chunk(checks.checked, periodIDs: checks.periodIDs) : nil)
            }
        }
        var checked: [DataValue] = [], problems: [DomainError] = [], periods = Set<Period>()
        checked.reserveCapacity(inputs.count)
        var next = inputs.isEmpty ? nil : checking(0)
        var n = 0
        while let current = next {
            n += 1
            next = n < starts.count ? checking(n) : nil
            let (checks, chunk) = await current.value
            checked += checks.checked
            problems += checks.problems
            periods.formUnion(checks.periodIDs.keys)
            if problems.isEmpty, let chunk { try await write?.store(chunk) }
        }
        problems += try await lockedValues(checked, inputs: inputs, periods: Array(periods), sql: sql)
        guard problems.isEmpty else { throw DomainErrors(problems) }
        return checked
    }

    typealias RowChecks = (checked: [DataValue], problems: [DomainError], periodIDs: [Period: String])

    /// The checks of each row against the catalog, naming problems `values[i].field` by
    /// the rows' positions in the whole batch.
    private static func checkRows(_ inputs: ArraySlice<DataValueInput>, units: [String: Ref<OrgUnit>], indicators: [String: Ref<Indicator>],
                                  user: String?, now: String) -> RowChecks {
        var problems: [DomainError] = []
        var checked: [DataValue] = []
        checked.reserveCapacity(inputs.count)
        // A file holds a few periods, each read once; its rows come unit by unit, indicator by
        // indicator, so the last unit and indicator are kept at hand, by reference: copying
        // such a struct for each of 100,000 rows cost more than the checks themselves.
        var periods: [String: Result<KnownPeriod, DomainError>] = [:]
        var lastUnit: (code: String, unit: Ref<OrgUnit>?) = ("", nil), lastIndicator: (code: String, indicator: Ref<Indicator>?) = ("", nil)
        for (i, input) in zip(inputs.indices, inputs) {
            func at(_ field: String) -> String { "values[\(i)].\(field)" }
            var rowProblems: [DomainError] = []
            let read: Result<KnownPeriod, DomainError>
            if let known = periods[input.period] {
                read = known
            } else {
                read = Result { () throws(DomainError) in KnownPeriod(try Period(input.period)) }
                periods[input.period] = read
            }
            let known: KnownPeriod?
            switch read {
            case .success(let p): known = p
            case .failure(let error):
                known = nil
                rowProblems.append(error.at(field: at("period")))
            }
            let period = known?.period
            if input.unit != lastUnit.code { lastUnit = (input.unit, units[input.unit]) }
            let unit = lastUnit.unit
            if unit == nil { rowProblems.append(DomainError.unknown(.unit, code: input.unit).at(field: at("unit"))) }
            if input.indicator != lastIndicator.code { lastIndicator = (input.indicator, indicators[input.indicator]) }
            let indicator = lastIndicator.indicator
            if indicator == nil {
                rowProblems.append(DomainError.unknown(.indicator, code: input.indicator).at(field: at("indicator")))
            }
            if let computed = indicator?.value.computed {
                rowProblems.append(DomainError(code: "computed_indicator", field: at("indicator"),
                                               vi: "Chỉ tiêu \(input.indicator) do dxtrack tự tính (\(computed.describeVi)), không nhập tay.",
                                               en: "Indicator \(input.indicator) is computed by dxtrack, not entered."))
            }
            if let unit, let known, !unit.value.isActive(from: known.start, through: known.end) {
                rowProblems.append(DomainError(
                    code: "unit_not_active", field: at("period"),
                    vi: "Đơn vị \(unit.value.code) (\(unit.value.name)) không tồn tại trong kỳ \(known.period.nameVi).",
                    en: "Unit \(unit.value.code) did not exist during period \(known.period.id)."))
            }
            if let indicator, let period {
                let value = DataValue(unitCode: input.unit, indicatorCode: input.indicator, period: period,
                                      value: input.value, numerator: input.numerator, denominator: input.denominator,
                                      comment: input.comment, storedBy: user, updatedAt: now)
                switch indicator.value.check(value) {
                case .success(let v): if rowProblems.isEmpty { checked.append(v) }
                case .failure(let e): rowProblems += e.errors.map { $0.at(field: at($0.field ?? "value")) }
                }
            }
            problems += rowProblems
        }
        return (checked, problems, Dictionary(periods.values.compactMap { try? $0.get() }.map { ($0.period, $0.id) }) { a, _ in a })
    }

    /// Values that belong to a submitted or approved report may not change until it is
    /// returned or reopened.
    static func lockedValues(_ values: [DataValue], inputs: [DataValueInput], periods: [Period], sql: any SQLDatabase) async throws -> [DomainError] {
        let locks = try await FormStore(sql).locking(units: Array(distinct(values) { $0.unitCode }), periods: periods.map(\.id))
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

    /// The distinct `key`s of `items`, which come in runs (a file's rows, unit by unit).
    static func distinct<T>(_ items: [T], _ key: (T) -> String) -> Set<String> {
        var out = Set<String>(), last: String?
        for item in items {
            let k = key(item)
            if k != last { out.insert(k); last = k }
        }
        return out
    }

    /// A period read from a file, with its first and last days worked out once.
    private struct KnownPeriod {
        let period: Period, id: String, start: LocalDate, end: LocalDate
        init(_ period: Period) { (self.period, id, start, end) = (period, period.id, period.start, period.end) }
    }

    final class Ref<T: Sendable>: Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }
}
