@testable import DXCatalog
import DXDomain
import DXStorage
import DXTestSupport
import Foundation
import Testing

@Suite struct CatalogImportTests {
    struct Counts: Equatable, Sendable {
        var indicators = 0, plans = 0, targets = 0, units = 0, changes = 0, mergers = 0
    }

    static func counts(_ db: Database) async throws -> Counts {
        try await db.read { sql in
            let s = CatalogStore(sql), u = OrgUnitStore(sql)
            return Counts(indicators: try await s.indicators().count, plans: try await s.plans().count,
                          targets: try await s.targets().count, units: try await u.all().count,
                          changes: try await u.changes().count, mergers: try await s.provinceMergers().count)
        }
    }

    @Test(arguments: TestBackend.available)
    func importsTheStarterCatalogWhole(_ backend: TestBackend) async throws {
        let catalog = SeedTargetTests.catalog
        try await backend.withDatabase { db in
            let summary = try await CatalogImporter(db).import(catalog)
            #expect(summary.added["targets"] == 72)
            let c = try await Self.counts(db)
            #expect(c == Counts(indicators: catalog.indicators.count, plans: 5, targets: 72, units: catalog.units.count,
                                changes: catalog.changes.count, mergers: 63))
            // What went in comes out the same.
            let targets = try await db.read { try await CatalogStore($0).targets() }
            #expect(targets == catalog.targets.map(\.value).sorted { $0.code < $1.code })
        }
    }

    @Test(arguments: TestBackend.available)
    func importingTwiceChangesNothingAndAnEditUpdatesOnlyIt(_ backend: TestBackend) async throws {
        var catalog = SeedTargetTests.catalog
        try await backend.withDatabase { [catalog] db in
            _ = try await CatalogImporter(db).import(catalog)
            let again = try await CatalogImporter(db).import(catalog)
            #expect(again.added.values.reduce(0, +) == 0)
            #expect(again.updated.values.reduce(0, +) == 0)
            var edited = catalog
            let i = edited.targets.firstIndex { $0.value.code == "SL-292-2023.09" }!
            edited.targets[i].value.value = .single(40)
            let third = try await CatalogImporter(db).import(edited)
            #expect(third.updated["targets"] == 1)
            #expect(third.unchanged["targets"] == 71)
            let t = try await db.read { try await CatalogStore($0).targets(indicator: "xhs_ho_cap_quang") }
            #expect(t.first { $0.code == "SL-292-2023.09" }?.value == .single(40))
        }
        _ = catalog.targets.popLast()
    }

    @Test(arguments: TestBackend.available)
    func demoDataLoadsOverTheCatalogAndIsValid(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let last = try Period("2026Q3")
            let (_, written) = try await DemoData.load(db, through: last)
            let stored = try await db.read { try await DataValueStore($0).count() }
            #expect(written > 5_000)
            let (_, again) = try await DemoData.load(db, through: last)
            #expect(again == stored)
            let count = try await db.read { try await DataValueStore($0).count() }
            #expect(count == stored, "loading the demo twice adds nothing")
            try await Self.computedSeedTargetsHoldOnTheDemo(db, reported: written, stored: stored)
            // What the seeds report for Lạng Sơn in 2022.
            let schools = try await db.read { try await DataValueStore($0).values(.init(unitCode: "20-THPT-VIETBAC", indicatorCode: "xhs_truong_nen_tang_so", period: try Period("2022Q4"))) }
            #expect(schools.first?.value == 100)
            let households = try await db.read { try await DataValueStore($0).values(.init(unitCode: "183", indicatorCode: "kts_ho_gia_dinh_cua_hang_so", period: try Period("2022Q4"))) }
            #expect((households.first?.value ?? 0) > 60)
            // Districts stop at 2025Q2; communes start at 2025Q3.
            let late = try await db.read { try await DataValueStore($0).values(.init(unitCode: "178", from: LocalDate(year: 2025, month: 7, day: 1))) }
            #expect(late.isEmpty)
        }
    }
}

extension CatalogImportTests {
    static func values(_ db: Database, _ indicator: String, _ unit: String? = nil) async throws -> [DataValue] {
        try await db.read { try await DataValueStore($0).values(.init(unitCode: unit, indicatorCode: indicator, limit: 100_000)) }
    }

    /// The seed targets dxtrack computes instead of anyone reporting them, checked on the
    /// demo against the registry and the records counted another way.
    static func computedSeedTargetsHoldOnTheDemo(_ db: Database, reported: Int, stored: Int) async throws {
        let computedCodes = ["attt_httt_xac_dinh_cap_do", "attt_httt_lang_son_cloud", "attt_may_chu_giam_sat", "cqs_bao_cao_truc_tuyen",
                             "cqs_he_thong_bao_cao", "kts_giao_dich_cua_hang_so_so_cung_ky"]
        var computed = 0
        for code in computedCodes {
            let list = try await values(db, code)
            #expect(!list.isEmpty && list.allSatisfy { $0.storedBy == "dxtrack" }, "\(code)")
            computed += list.count
        }
        #expect(stored == reported + computed)

        // Seed 000 and 002: systems with an approved level and plan, counted from the registry on 30/09/2026.
        let day = LocalDate(year: 2026, month: 9, day: 30)!
        for province in ["20", "14"] {
            let systems = try await Registry(db).systems(within: province).filter { $0.operating(on: day) }
            let v = try #require(try await values(db, "attt_httt_xac_dinh_cap_do", province).first { $0.period.id == "2026Q3" })
            #expect(v.numerator == Double(systems.filter { $0.classified(on: day) }.count) && v.denominator == Double(systems.count))
            let cloud = try await values(db, "attt_may_chu_giam_sat", province).first { $0.period.id == "2026Q3" }
            #expect(province == "14" || cloud?.numerator == Double(systems.filter { $0.isMonitored(on: day) }.count))
        }
        // Seed 004 a3: each department's own systems on Lạng Sơn Cloud, judged for the 2022 campaign.
        let progress = try await Analytics(db).progress(unit: "20-SKHCN", asOf: try Period("2022"))
        #expect(progress.first { $0.target.code == "LS-CT-2022.a3" }.map { $0.assessment.status != .noData } == true)
        // Seed 004 a1: reports that fell due in 2025Q3 sent on time, as the obligations list counts them.
        let sept = LocalDate(year: 2025, month: 9, day: 30)!
        let due = try await Submissions(db).obligations(form: "CDS-QUY-SO", period: try Period("2025Q3"), within: "20-SKHCN", today: sept)
        let a1 = try #require(try await values(db, "cqs_bao_cao_truc_tuyen", "20-SKHCN").first { $0.period.id == "2025Q3" })
        #expect(a1.denominator == Double(due.count) && a1.numerator == Double(due.filter { $0.timeliness == .onTime }.count))
        // Seed 000: the reporting system deployed where units have sent a report through it.
        let deployed = try #require(try await values(db, "cqs_he_thong_bao_cao", "20").first { $0.period.id == "2022Q4" })
        #expect(deployed.value == 100 && (deployed.denominator ?? 0) > 20)
        // The ×7 reading: a quarter's transactions over the same quarter a year earlier.
        let shop = try await values(db, "kts_giao_dich_cua_hang_so", "20-DN-BUUDIEN")
        let ratio = try #require(try await values(db, "kts_giao_dich_cua_hang_so_so_cung_ky", "20-DN-BUUDIEN").first { $0.period.id == "2023Q1" })
        let now = try #require(shop.first { $0.period.id == "2023Q1" }?.value), before = try #require(shop.first { $0.period.id == "2022Q1" }?.value)
        #expect(abs(ratio.value! - now / before) < 1e-9)
    }
}

@Suite struct DemoDataTests {
    @Test func theSameSeedGivesTheSameFigures() throws {
        let catalog = SeedTargetTests.catalog
        let q = try Period("2026Q3")
        let a = DemoData.generate(catalog, through: q), b = DemoData.generate(catalog, through: q)
        #expect(a == b)
        // Some reports are missing, so dashboards have something to chase.
        let assigned = DemoData.assignments(catalog).count
        #expect(a.count < assigned * 23)
    }
}
