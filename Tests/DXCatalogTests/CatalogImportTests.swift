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
            #expect(stored == written)
            #expect(written > 5_000)
            let (_, again) = try await DemoData.load(db, through: last)
            #expect(again == written)
            let count = try await db.read { try await DataValueStore($0).count() }
            #expect(count == written, "loading the demo twice adds nothing")
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
