import DXDomain
import DXStorage
import Foundation

/// Demo data over the starter catalog: plausible quarterly values from 2021Q1 to
/// the last complete quarter for every unit and indicator the catalog's targets
/// assign, deterministic (seeded) so every machine shows the same figures.
///
/// Values climb toward each unit's target, some units lag behind, about one
/// report in twenty-five is missing, and the figures the seed documents report
/// hold for Lạng Sơn in 2022: over 60% of households with a digital store, 100%
/// of schools on digital platforms, 100% of import-export enterprises on the
/// digital border gate. DTI ranks are samples, except Lạng Sơn's, which are the published ones.
public enum DemoData {
    public static let firstQuarter = Period.quarter(2021, 1)!

    public static func lastCompleteQuarter(today: LocalDate = WallClock.vietnam.today()) -> Period {
        Period(type: .quarterly, containing: today).previous
    }

    /// Imports the starter catalog, the demo values and their reports. Idempotent: the
    /// values and reports are loaded into a database that has no values yet.
    @discardableResult
    public static func load(_ db: Database, through last: Period = lastCompleteQuarter()) async throws -> (CatalogImporter.Summary, Int) {
        let catalog = try CatalogLoader.loadValid(StarterCatalog.path)
        let summary = try await CatalogImporter(db).import(catalog)
        let values = generate(catalog, through: last)
        // Loading again changes nothing: the demo's reports are approved, so their values are locked anyway.
        let loaded = try await db.read { try await DataValueStore($0).count() }
        guard loaded == 0 else { return (summary, loaded) }
        try await DataEntry(db).write(values.map(DataValueInput.init), by: .machineOperator("demo"))
        try await Submissions(db).importHistory(reports(catalog, values: values, through: last), by: "demo")
        try await Registry(db).save(registry(catalog), by: "demo", today: WallClock.vietnam.today())
        try await scoreCampaigns(catalog, db)
        return (summary, values.count)
    }

    /// Self-assessments near what the figures suggest (units are generous with
    /// themselves), and appraisals of about three units in four.
    static func scoreCampaigns(_ catalog: Catalog, _ db: Database) async throws {
        for campaign in catalog.campaigns.map(\.value) {
            let board = try await Campaigns(db).board(campaign.code)
            var scores: [CriterionScore] = []
            for s in board.standings {
                var rng = SplitMix64(seed: stableHash("\(campaign.code)|\(s.unitCode)"))
                let appraised = rng.next() % 4 != 0
                for r in s.results {
                    let max = r.criterion.points
                    let base = r.figures?.suggested ?? max * (0.6 + 0.4 * rng.unit())
                    let own = min(max, ((base + 1.5 * rng.unit()) * 2).rounded() / 2)
                    let appraisal = min(own, ((base - 0.5 * rng.unit()) * 2).rounded() / 2)
                    scores.append(CriterionScore(unitCode: s.unitCode, criterionCode: r.criterion.code, selfScore: own,
                                                 appraisalScore: appraised ? Swift.max(0, appraisal) : nil,
                                                 appraisalNote: appraised ? "Hội đồng thẩm định (mẫu)" : nil))
                }
            }
            try await Campaigns(db).record(scores, campaign: campaign.code, by: "demo")
        }
    }

    /// Loads the demo unless the database already has units. Returns whether it loaded.
    public static func loadIfEmpty(_ db: Database) async throws -> Bool {
        let empty = try await db.read { try await OrgUnitStore($0).all().isEmpty }
        if empty { try await load(db) }
        return empty
    }

    /// One (unit, indicator) series the catalog asks for, with the threshold it aims at.
    struct Assignment: Hashable {
        let unit: OrgUnit
        let indicator: Indicator
        let target: Double
        let shape: TargetShape
        let horizon: Period
    }

    static func assignments(_ catalog: Catalog) -> [Assignment] {
        let units = catalog.units.map(\.value)
        let byCode = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) })
        let indicators = Dictionary(uniqueKeysWithValues: catalog.indicators.map { ($0.value.code, $0.value) })
        let plans = Dictionary(uniqueKeysWithValues: catalog.plans.map { ($0.value.code, $0.value) })
        func root(_ u: OrgUnit) -> String { u.parentCode.flatMap { byCode[$0] }.map(root) ?? u.code }
        var seen: Set<String> = []
        var out: [Assignment] = []
        for t in catalog.targets.map(\.value) {
            guard let plan = plans[t.planCode], let indicator = indicators[t.indicatorCode], indicator.computed == nil else { continue }
            let kinds = t.unitKinds.isEmpty ? [OrgUnitKind.province] : t.unitKinds
            for u in units where kinds.contains(u.kind) && root(u) == plan.unitCode {
                guard let threshold = t.threshold(for: u.adminLevel(among: byCode)) ?? t.threshold(for: .province),
                      seen.insert("\(u.code)|\(indicator.code)").inserted else { continue }
                out.append(Assignment(unit: u, indicator: indicator, target: threshold, shape: t.shape, horizon: t.horizon))
            }
        }
        return out.sorted { ($0.unit.code, $0.indicator.code) < ($1.unit.code, $1.indicator.code) }
    }

    static func generate(_ catalog: Catalog, through last: Period) -> [DataValue] {
        var out: [DataValue] = []
        for a in assignments(catalog) {
            var rng = SplitMix64(seed: stableHash("\(a.unit.code)|\(a.indicator.code)"))
            switch a.indicator.valueType {
            case .rank:
                out += ranks(a, through: last)
            case .percentage:
                out += percentages(a, through: last, rng: &rng)
            default:
                out += counts(a, through: last, rng: &rng)
            }
        }
        return out
    }

    /// DTI ranks, yearly. Lạng Sơn's are the published ones (16th in 2020, 5th in 2021 as seed
    /// 003 says, 6th in 2022 and 4th in 2023 on dti.gov.vn); later years are left out rather
    /// than made up. Sơn La's are samples.
    private static func ranks(_ a: Assignment, through last: Period) -> [DataValue] {
        let samples: [String: [Int: Double]] = ["20": [2020: 16, 2021: 5, 2022: 6, 2023: 4], "14": [2021: 38, 2022: 33, 2023: 27, 2024: 24]]
        return (samples[a.unit.code] ?? [:]).sorted { $0.key < $1.key }.compactMap { year, rank in
            let p = Period.year(year)!
            return p.end <= last.end ? DataValue(unitCode: a.unit.code, indicatorCode: a.indicator.code, period: p, value: rank) : nil
        }
    }

    private static func percentages(_ a: Assignment, through last: Period, rng: inout SplitMix64) -> [DataValue] {
        let denominatorBase: Double = switch a.unit.kind {
        case .province: 400_000
        case .department: 1_500
        case .district: 4_000
        case .commune, .ward, .town, .specialZone: 600
        default: 120
        }
        let denominator = (denominatorBase * (0.6 + rng.unit() * 0.8)).rounded()
        let lagging = rng.unit() < 0.15
        let goal = a.shape == .maintain ? 100 : min(100, a.target * (lagging ? 0.7 : 0.95 + rng.unit() * 0.12))
        let start = a.shape == .maintain ? 97 : goal * (0.45 + rng.unit() * 0.25)
        var out: [DataValue] = []
        var p = firstQuarter
        var step = 0.0
        // Quarters from 2021Q1 to the target's horizon: the goal is reached there, then figures drift slowly up.
        let span = Double(max(4, Period(type: .quarterly, containing: a.horizon.end).index + 4 * (a.horizon.year - firstQuarter.year)))
        while p <= last {
            defer { p = p.next; step += 1 }
            guard a.unit.isActive(during: p), rng.unit() >= 0.04 else { continue }
            var pct = start + (goal - start) * min(1, step / (span - 1)) + (step >= span ? (step - span + 1) * 0.2 : 0)
            pct += (rng.unit() - 0.5) * 3
            pct = seedActual(a, p) ?? pct
            pct = max(0, min(100, pct))
            out.append(DataValue(unitCode: a.unit.code, indicatorCode: a.indicator.code, period: p,
                                 numerator: (denominator * pct / 100).rounded(), denominator: denominator))
        }
        return out
    }

    /// What the seed documents report for Lạng Sơn in 2022.
    private static func seedActual(_ a: Assignment, _ p: Period) -> Double? {
        guard a.unit.code.hasPrefix("20") || ["178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189"].contains(a.unit.code),
              p.year >= 2022 else { return nil }
        switch a.indicator.code {
        case "kts_ho_gia_dinh_cua_hang_so": return 61 + Double(p.year - 2022) * 3 + Double(p.index)
        case "xhs_truong_nen_tang_so", "cks_dn_xnk_huu_nghi_tan_thanh": return 100
        default: return nil
        }
    }

    /// Counts: digital-store transactions ×7 and active users ×3 from 2021 to 2022, as the directive asks.
    private static func counts(_ a: Assignment, through last: Period, rng: inout SplitMix64) -> [DataValue] {
        let base = 2_000 + rng.unit() * 3_000
        var out: [DataValue] = []
        var p = firstQuarter
        while p <= last {
            defer { p = p.next }
            guard a.unit.isActive(during: p) else { continue }
            let yearFactor: Double = switch p.year {
            case 2021: 1
            case 2022: a.indicator.code.contains("nguoi_dung") ? 3.1 : 7.2
            default: (a.indicator.code.contains("nguoi_dung") ? 3.1 : 7.2) * (1 + 0.2 * Double(p.year - 2022))
            }
            let v = (base * yearFactor * (1 + Double(p.index) * 0.05) * (0.95 + rng.unit() * 0.1)).rounded()
            out.append(DataValue(unitCode: a.unit.code, indicatorCode: a.indicator.code, period: p, value: v))
        }
        return out
    }

    /// The reports behind the values: approved up to the quarter before `last`, that
    /// quarter's waiting for approval; about one in eight came in late.
    static func reports(_ catalog: Catalog, values: [DataValue], through last: Period) -> [SubmissionRecord] {
        let have = Set(values.map { "\($0.unitCode)|\($0.indicatorCode)|\($0.period.id)" })
        var out: [SubmissionRecord] = []
        for form in catalog.forms.map(\.value) {
            for unit in catalog.units.map(\.value) {
                var p = Period(type: form.periodType, containing: firstQuarter.start)
                while p <= last {
                    defer { p = p.next }
                    guard form.isOwed(by: unit, for: p), form.indicators.allSatisfy({ have.contains("\(unit.code)|\($0)|\(p.id)") }) else { continue }
                    var rng = SplitMix64(seed: stableHash("\(form.code)|\(unit.code)|\(p.id)"))
                    let due = form.deadline.deadline(for: p)
                    let day = rng.unit() < 0.12 ? due.adding(days: 1 + Int(rng.unit() * 20)) : due.adding(days: -Int(rng.unit() * 6))
                    let at = "\(day.iso)T02:00:00Z"
                    out.append(SubmissionRecord(formCode: form.code, unitCode: unit.code, period: p, status: p == last ? .submitted : .approved,
                                                version: p == last ? 2 : 3, submittedAt: at, submittedBy: "demo",
                                                decidedAt: p == last ? nil : "\(day.adding(days: 3).iso)T02:00:00Z", decidedBy: p == last ? nil : "demo"))
                }
            }
        }
        return out
    }

    /// FNV-1a: a seed per series that does not depend on Swift's randomised hashing.
    static func stableHash(_ s: String) -> UInt64 {
        s.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
