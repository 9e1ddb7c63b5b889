import DXCatalog
import DXDomain
@testable import DXStorage
import DXTestSupport
import Logging
import Testing

/// Figures kept across writes (a target's progress carried to a later version because the
/// write did not touch its indicator) are the figures computed afresh, after any write of
/// the reporting cycle and any broad one, whichever of two instances wrote.
@Suite struct IncrementalFiguresTests {
    /// The demo through 2025Q4; the clock stands in 2026Q1's reporting window, so reports of
    /// 2026Q1 can be saved, submitted, approved and returned.
    static let today = LocalDate(year: 2026, month: 3, day: 16)!
    static let clock = WallClock.fixed(today)
    static let quarters = ["2025Q4", "2026Q1"].map { try! Period($0) }

    /// Everything the province's dashboard and its tables show, for both readings of the figures.
    struct Figures: Equatable, CustomStringConvertible {
        var progress: [Analytics.TargetProgress] = []
        var below: [Analytics.UnitBelowTarget] = []
        var dti: [Observation] = []
        var reports: [String] = []
        var aggregates: [Double?] = []

        var description: String { "\(progress.count) targets, \(below.count) below, \(reports.count) reports, \(aggregates)" }

        static func read(_ db: Database, province: String, indicators: [String]) async throws -> Figures {
            var f = Figures()
            for (asOf, submitted) in [(quarters[0], false), (quarters[1], false), (quarters[1], true)] {
                let d = try await Dashboard.load(db, unit: province, asOf: asOf, today: today, includeSubmitted: submitted)
                f.progress += d.progress
                f.below += d.below
                f.dti += d.dtiRank
                f.reports += (d.reporting + d.upcoming).flatMap { r in
                    r.reports.map { "\(r.form.code) \(r.period.id) \($0.unitCode) \($0.status) \($0.timeliness) v\($0.version)" }
                }
                for code in indicators {
                    f.aggregates.append(try await Analytics(db).aggregate(indicator: code, unit: province, period: asOf, includeSubmitted: submitted).aggregate.value)
                }
            }
            return f
        }
    }

    static func pick<T>(_ xs: [T], _ random: inout SplitMix64) -> T { xs[Int(random.next() % UInt64(xs.count))] }

    /// One random write of the reporting cycle, or a broad one; says what it did. Official
    /// figures (new ones and overwrites, several units and indicators at once), a department's
    /// report taken one step on (saved, submitted, returned or approved, as its status allows),
    /// or a unit renamed.
    static func write(by writer: Database, form: ReportForm, departments: [String], loose: [DataValue], units: [OrgUnit],
                      province: String, random: inout SplitMix64) async throws -> String {
        let reports = Submissions(writer, clock: clock)
        let q = quarters[1]
        switch pick(["values", "values", "report", "report", "report", "rename"], &random) {
        case "values":
            var seen = Set<String>(), inputs: [DataValueInput] = []
            for _ in 0..<6 {
                let v = pick(loose, &random)
                let period = random.next() % 2 == 0 ? v.period.id : q.id
                guard seen.insert("\(v.unitCode)|\(v.indicatorCode)|\(period)").inserted else { continue }
                // Below what was there: a share stays a share.
                let scale = 0.5 + 0.5 * random.unit()
                inputs.append(v.numerator == nil
                    ? Fixtures.input(v.unitCode, v.indicatorCode, period, value: v.value.map { ($0 * scale).rounded() })
                    : Fixtures.input(v.unitCode, v.indicatorCode, period, numerator: v.numerator.map { ($0 * scale).rounded() }, denominator: v.denominator))
            }
            try await DataEntry(writer, clock: clock).write(inputs, by: .machineOperator("coordinator"))
            return "values \(inputs.count)"
        case "rename":
            var renamed = pick(units.filter { $0.parentCode == province }, &random)
            renamed.name += " \(random.next() % 1000)"
            try await writer.transaction { [renamed] in try await OrgUnitStore($0).save([renamed]) }
            return "rename \(renamed.code)"
        default:
            // A report not approved yet: an approved one takes no step more.
            var open: [Submissions.Report] = []
            for unit in departments {
                let report = try await reports.report(form: form.code, unit: unit, period: q, today: today)
                if report.status != .approved { open.append(report) }
            }
            guard !open.isEmpty else { return "none (every report approved)" }
            let current = pick(open, &random), unit = current.unitCode
            switch current.status {
            case .submitted:
                let approve = random.next() % 2 == 0
                _ = try await reports.act(approve ? .approve : .return, form: form.code, unit: unit, period: q, version: current.version,
                                          reason: approve ? nil : "Sai số liệu", by: Principal(username: "approver", role: .approver, unitCode: province))
                return "\(approve ? "approve" : "return") \(unit)"
            case .draft where !current.values.isEmpty:
                _ = try await reports.act(.submit, form: form.code, unit: unit, period: q, version: current.version, reason: nil,
                                          by: Principal(username: "reporter", role: .reporter, unitCode: unit))
                return "submit \(unit)"
            default:
                // A reporter saves the form's figures: a new draft, or a returned report corrected.
                var values: [DataValueInput] = []
                for code in form.indicators { values.append(Fixtures.input(unit, code, q.id, numerator: Double(40 + random.next() % 60), denominator: 100)) }
                _ = try await reports.save(form: form.code, unit: unit, period: q, values: values, version: current.version, by: "reporter")
                return "save \(unit)"
            }
        }
    }

    /// Random writes, alternately by each instance; after each, both instances' figures against
    /// those a third computes afresh.
    static func run(_ db: Database, _ other: Database, _ fresh: Database, form: ReportForm, departments: [String], loose: [DataValue], units: [OrgUnit],
                    province: String, watched: [String]) async throws -> [String] {
        var random = SplitMix64(seed: 29)
        // Both instances keep figures from the start, so every later check compares kept ones.
        let first = try await Figures.read(db, province: province, indicators: watched)
        #expect(try await Figures.read(other, province: province, indicators: watched) == first)
        var steps: [String] = []
        for step in 0..<14 {
            steps.append(try await write(by: step % 2 == 0 ? db : other, form: form, departments: departments,
                                         loose: loose, units: units, province: province, random: &random))
            // A third instance forgets its figures first: each is computed afresh from the values it holds.
            await fresh.memory.derivedFigures.forget()
            let afresh = try await Figures.read(fresh, province: province, indicators: watched)
            let done = steps
            #expect(try await Figures.read(db, province: province, indicators: watched) == afresh, "this instance after \(done)")
            #expect(try await Figures.read(other, province: province, indicators: watched) == afresh, "the other instance after \(done)")
        }
        // Figures were carried past writes that left them alone, on both instances: what this checks happened.
        #expect(try await Vitals.read(db).figuresCarried > 0)
        #expect(try await Vitals.read(other).figuresCarried > 0)
        return steps
    }

    @Test(arguments: TestBackend.available)
    func keptFiguresEqualFiguresComputedAfresh(_ backend: TestBackend) async throws {
        try await backend.withDatabase { try await Self.check($0) }
    }

    static func check(_ db: Database) async throws {
        do {
            try await DemoData.load(db, through: quarters[0])
            let units = try await db.read { try await OrgUnitStore($0).all() }
            let forms = try await db.read { try await FormStore($0).forms() }
            let province = try #require(units.first { $0.kind == .province && $0.name.contains("Lạng Sơn") }).code
            let form = try #require(forms.first { $0.code == "CDS-QUY-SO" })
            let departments = Array(units.filter { $0.parentCode == province && form.isOwed(by: $0, for: quarters[1]) }.map(\.code).sorted().prefix(3))
            try #require(departments.count == 3)
            // Figures no form covers, which a coordinator enters as official at once (and dxtrack does not compute).
            let computed = try await db.read { try await CatalogStore($0).indicators() }.filter { $0.computed != nil }.map(\.code)
            let covered = Set(forms.flatMap(\.indicators) + computed)
            let loose = try await db.read { sql in
                try await DataValueStore(sql).values(.init(period: quarters[0], limit: 100_000))
            }.filter { !covered.contains($0.indicatorCode) }
            try #require(loose.count >= 20)
            let watched = form.indicators + Array(Array(Set(loose.map(\.indicatorCode))).sorted().prefix(3))
            let steps = try await Database.withDatabase(at: db.location, logger: Logger(label: "second instance")) { other in
                try await Database.withDatabase(at: db.location, logger: Logger(label: "third instance")) { fresh in
                    try await run(db, other, fresh, form: form, departments: departments, loose: loose, units: units, province: province, watched: watched)
                }
            }
            // The run went through every kind of write (the seed is fixed: this says the seed is a good one).
            for kind in ["rename", "approve", "return", "submit", "values", "save"] {
                #expect(steps.contains { $0.hasPrefix(kind) }, "no \(kind) in \(steps)")
            }
        }
    }
}
