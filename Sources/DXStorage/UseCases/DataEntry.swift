import DXDomain
import Foundation
import SQLKit

/// Validates reported values against the catalog and writes them all, or none.
///
/// The API, forms and file imports all come through here, so a value is checked
/// the same way whichever door it came through.
public struct DataEntry: Sendable {
    let db: Database
    /// The day the entry window is judged on.
    let clock: WallClock

    public init(_ db: Database, clock: WallClock = .vietnam) {
        self.db = db
        self.clock = clock
    }

    /// Who writes, as the entry window cares: a form's values may be written only while
    /// its period is open (``ReportForm/isOpen(_:today:calendar:)``), or while its report
    /// is returned, except by those who may reopen a report anyway (coordinators,
    /// administrators) and by the machine's operator (the CLI, the demo data).
    public struct Writer: Sendable {
        public let name: String
        let mayWriteOutsideWindow: Bool

        /// A signed-in person, through any door of the server.
        public static func person(_ p: Principal) -> Writer {
            Writer(name: p.username, mayWriteOutsideWindow: Access.allows(p, .reopen))
        }

        /// Whoever runs `dxtrack` on the machine, who could edit the database file as well.
        public static func machineOperator(_ name: String) -> Writer { Writer(name: name, mayWriteOutsideWindow: true) }

        /// The report workflow, which checked the window for its report itself.
        static func workflow(_ name: String) -> Writer { Writer(name: name, mayWriteOutsideWindow: true) }
    }

    /// Checks every input (a valid period, a known unit that existed in it, a
    /// known indicator, the indicator's value rules) and, if all pass and this is
    /// not a dry run, writes them in one transaction.
    ///
    /// Throws ``DomainErrors`` listing every problem, each with its field as
    /// `values[i].field`, and writes nothing.
    @discardableResult
    public func write(_ inputs: [DataValueInput], by writer: Writer, dryRun: Bool = false) async throws -> [DataValue] {
        guard !inputs.isEmpty else { throw DomainErrors([.required("values")]) }
        let dialect = db.dialect, today = clock.today()
        // The values are all it changes, and their write records them.
        let written = try await db.transaction(changingOnly: { sql in
            (try await Self.apply(inputs, by: writer, today: today, dryRun: dryRun, on: sql, dialect: dialect), FigureScope())
        })
        if !dryRun {
            try await ComputedValues(db).recompute(.formulasReading(Set(written.map(\.indicatorCode))), today: today)
        }
        return written
    }

    /// Checks and writes inside the caller's transaction (a report saved with its status).
    static func apply(_ inputs: [DataValueInput], by writer: Writer, today: LocalDate, dryRun: Bool, on sql: Session,
                      dialect: Dialect) async throws -> [DataValue] {
        guard !dryRun else { return try await check(inputs, sql: sql, writer: writer, today: today) }
        var write: ValueWrite? = try await ValueWrite(on: sql, dialect: dialect)
        let checked = try await check(inputs, sql: sql, writer: writer, today: today, storingIn: &write)
        try await write?.finish(by: writer.name, action: "values.write")
        return checked
    }

    static func check(_ inputs: [DataValueInput], sql: Session, writer: Writer, today: LocalDate) async throws -> [DataValue] {
        var none: ValueWrite?
        return try await check(inputs, sql: sql, writer: writer, today: today, storingIn: &none)
    }

    /// Checks `inputs` a chunk at a time and, with a `write`, stores each chunk once it and
    /// every row before it passed: the next chunk is checked on the other core meanwhile.
    /// A problem anywhere throws, after every row was checked; the caller's transaction
    /// then takes back what was stored.
    private static func check(_ inputs: [DataValueInput], sql: Session, writer: Writer, today: LocalDate,
                              storingIn write: inout ValueWrite?) async throws -> [DataValue] {
        let user = writer.name
        let indicators = try await CatalogStore(sql).indicators(codes: distinct(inputs) { $0.indicator }).mapValues(Ref.init)
        let units = try await OrgUnitStore(sql).find(codes: distinct(inputs) { $0.unit }).mapValues(Ref.init)
        let now = Timestamp.now(), recording = write != nil
        // On PostgreSQL the COPY text of a chunk is made with its checks, on the core that is not storing.
        let copying: Int64? = if case .postgres = sql.driver { write?.revision } else { nil }
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
                return (checks, recording && checks.problems.isEmpty ? ValueWrite.Chunk(checks.checked, periodIDs: checks.periodIDs, copying: copying) : nil)
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
        problems += try await closedValues(inputs, units: units, periods: Array(periods), writer: writer, today: today, sql: sql)
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

    /// Values that may not change now: those of a submitted or approved report (until it
    /// is returned or reopened), and, for writers held to it, those of a form whose period
    /// is not open for entry. Keyed by the inputs' canonical identifiers (``DataValueInput``
    /// has no other), the same the values are stored under.
    static func closedValues(_ inputs: [DataValueInput], units: [String: Ref<OrgUnit>], periods: [Period], writer: Writer,
                             today: LocalDate, sql: Session) async throws -> [DomainError] {
        let unitCodes = Array(units.keys)
        let reports = try await FormStore(sql).reports(units: unitCodes, periods: periods.map(\.id))
        guard !reports.isEmpty || !writer.mayWriteOutsideWindow else { return [] }
        let forms = try await FormStore(sql).forms()
        let status = Dictionary(reports.map { ("\($0.formCode)|\($0.unitCode)|\($0.period.id)", $0.status) }) { a, _ in a }
        let byIndicator = Dictionary(grouping: forms.flatMap { f in f.indicators.map { ($0, f) } }, by: \.0).mapValues { $0.map(\.1) }
        // The inputs' periods are canonical identifiers, parsed once already by the row checks.
        let byID = Dictionary(periods.map { ($0.id, $0) }) { a, _ in a }
        var open: [String: Bool] = [:]
        var problems: [DomainError] = []
        for (i, input) in inputs.enumerated() {
            guard let unit = units[input.unit]?.value, let period = byID[input.period] else { continue }
            for form in byIndicator[input.indicator] ?? [] where form.isOwed(by: unit, for: period) {
                let state = status["\(form.code)|\(unit.code)|\(period.id)"] ?? .notStarted
                if state == .submitted || state == .approved {
                    problems.append(DomainError(
                        code: "locked", field: "values[\(i)].period",
                        vi: "Báo cáo của đơn vị \(input.unit) kỳ \(input.period) đang ở trạng thái \"\(state.nameVi)\": không sửa được số liệu \(input.indicator).",
                        en: "The report of unit \(input.unit) for \(input.period) is \(state.rawValue): \(input.indicator) cannot change.", kind: .conflict))
                    break
                }
                let key = "\(form.code)|\(period.id)"
                if open[key] == nil { open[key] = form.isOpen(period, today: today) }
                if !writer.mayWriteOutsideWindow && state != .returned && open[key] == false {
                    problems.append(DomainError(
                        code: "entry_closed", field: "values[\(i)].period",
                        vi: "Kỳ \(period.nameVi) của biểu \(form.code) đã khóa nhập liệu (quá hạn hoặc chưa mở): không ghi được số liệu \(input.indicator).",
                        en: "Entry for \(period.id) of form \(form.code) is closed (past its lock date or not open yet): \(input.indicator) cannot be written.", kind: .conflict))
                    break
                }
            }
        }
        return problems
    }

    /// The distinct `key`s of `items`, which come in runs (a file's rows, unit by unit).
    static func distinct<Items: Sequence>(_ items: Items, _ key: (Items.Element) -> String) -> Set<String> {
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
