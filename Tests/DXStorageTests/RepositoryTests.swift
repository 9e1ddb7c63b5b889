import DXDomain
import DXStorage
import DXTestSupport
import Testing

@Suite struct RepositoryTests {
    @Test(arguments: TestBackend.available)
    func unitsRoundTripWithValidityAndMapChanges(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            let (all, ward, children, changes) = try await db.read { sql in
                let store = OrgUnitStore(sql)
                return (try await store.all(), try await store.find("05983"), try await store.children(of: "20"),
                        try await store.changes())
            }
            #expect(all == Fixtures.units.sorted { $0.code < $1.code })
            #expect(ward == Fixtures.ward)
            #expect(children.map(\.code) == ["05983", "178", "20-STTTT"])
            #expect(changes == [Fixtures.change])
        }
    }

    @Test(arguments: TestBackend.available)
    func aUnitWhoseParentDoesNotExistIsRefusedAtCommit(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            await #expect(throws: (any Error).self) {
                try await db.transaction { sql in
                    try await OrgUnitStore(sql).save([OrgUnit(code: "x", name: "Xã mồ côi", kind: .commune, parentCode: "nowhere")])
                }
            }
            let units = try await db.read { try await OrgUnitStore($0).all() }
            #expect(units.isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func catalogRoundTripsEveryTargetShape(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            let (indicators, plans, targets, byIndicator) = try await db.read { sql in
                let store = CatalogStore(sql)
                return (try await store.indicators(), try await store.plans(), try await store.targets(),
                        try await store.targets(indicator: Fixtures.rank.code))
            }
            #expect(indicators == Fixtures.indicators.sorted { $0.code < $1.code })
            #expect(plans == [Fixtures.plan])
            #expect(targets == Fixtures.targets.sorted { $0.code < $1.code })
            #expect(byIndicator.map(\.code) == ["KH135-01"])
        }
    }

    @Test(arguments: TestBackend.available)
    func savingAgainUpdatesInPlace(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            var renamed = Fixtures.ward
            renamed.name = "Phường Lương Văn Tri (mới)"
            try await db.transaction { [renamed] in try await OrgUnitStore($0).save([renamed]) }
            let all = try await db.read { try await OrgUnitStore($0).all() }
            #expect(all.count == Fixtures.units.count)
            #expect(all.first { $0.code == "05983" }?.name == "Phường Lương Văn Tri (mới)")
        }
    }

    @Test(arguments: TestBackend.available)
    func valuesAreWrittenInBatchesAndReadBackInOrder(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            // 2,501 daily values cross the 1,000-row batch size twice.
            var inputs: [DataValueInput] = []
            var p = Period.day(LocalDate(year: 2018, month: 1, day: 1)!)
            for i in 0..<2501 {
                inputs.append(Fixtures.input("20-STTTT", Fixtures.vehicles.code, p.id, value: Double(i)))
                p = p.next
            }
            try await DataEntry(db).write(inputs, by: .machineOperator("tester"))
            let (count, all, q) = try await db.read { sql in
                let store = DataValueStore(sql)
                return (try await store.count(),
                        try await store.values(.init(unitCode: "20-STTTT", limit: 10_000)),
                        try await store.values(.init(from: LocalDate(year: 2019, month: 1, day: 1), to: LocalDate(year: 2019, month: 1, day: 31))))
            }
            #expect(count == 2501)
            #expect(all.map(\.value) == (0..<2501).map { Double($0) })
            #expect(all.allSatisfy { $0.storedBy == "tester" && $0.updatedAt != nil })
            #expect(q.count == 31)
            #expect(q.first?.period.id == "20190101")
        }
    }

    @Test(arguments: TestBackend.available)
    func latestTakesEachSeriesLastPeriod(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            try await DataEntry(db).write([
                Fixtures.input("178", Fixtures.workRecords.code, "2025Q1", numerator: 70, denominator: 100),
                Fixtures.input("178", Fixtures.workRecords.code, "2025Q2", numerator: 378, denominator: 1000),
                Fixtures.input("20", Fixtures.rank.code, "2023", value: 9),
                Fixtures.input("20", Fixtures.rank.code, "2024", value: 11),
            ], by: .machineOperator("system"))
            let latest = try await db.read { try await DataValueStore($0).latest() }
            #expect(latest.map { "\($0.unitCode) \($0.period.id) \($0.value!)" } == ["178 2025Q2 37.8", "20 2024 11.0"])
        }
    }
}
