import DXDomain
@testable import DXServer
import DXSignature
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite struct APITests {
    /// Alive at once, ready only once the values are in memory: a load balancer waits for it.
    @Test(arguments: TestBackend.available)
    func readyWaitsForTheValues(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            let app = buildApplication(ServerConfiguration(bcryptCost: 4, clock: Fixtures.clock), db: db, logger: Logger(label: "ready"))
            try await app.test(.router) { client in
                #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
                let starting = try await client.execute(uri: "/ready", method: .get)
                #expect(starting.status == .serviceUnavailable)
                #expect(String(buffer: starting.body).contains(#""status":"starting""#) && String(buffer: starting.body).contains(#""valuesLoaded":false"#))
                try await db.loadValues()
                let ready = try await client.execute(uri: "/ready", method: .get)
                #expect(ready.status == .ok && String(buffer: ready.body).contains(#""status":"ready""#))
                #expect(String(buffer: ready.body).contains(#""schema":\#(Migration.latestVersion)"#))
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func healthSaysWhichDatabase(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            let r = try await client.execute(uri: "/health", method: .get)
            #expect(r.status == .ok)
            #expect(try decode(Health.self, r).database == db.dialect.rawValue)
        }
    }

    @Test(arguments: TestBackend.available)
    func listsAndReadsUnitsAndIndicators(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, _, tokens in
            let units = try decode(ListResponse<UnitView>.self, try await client.execute(uri: "/api/org-units", method: .get))
            #expect(units.count == Fixtures.units.count && units.items.count == units.count)
            let children = try decode(ListResponse<UnitView>.self, try await client.execute(uri: "/api/org-units?parent=20", method: .get))
            #expect(children.count == 3 && children.items.allSatisfy { $0.parentCode == "20" })
            let district = try decode(UnitView.self, try await client.execute(uri: "/api/org-units/178", method: .get))
            #expect(district.name == "Thành phố Lạng Sơn")
            #expect(district.validTo?.iso == "2025-06-30")
            let indicators = try decode(ListResponse<IndicatorView>.self, try await client.execute(uri: "/api/indicators", method: .get))
            #expect(indicators.count == Fixtures.indicators.count)
            let one = try decode(IndicatorView.self, try await client.execute(uri: "/api/indicators/th_xep_hang_dti", method: .get))
            #expect(one.direction == .lowerIsBetter)
        }
    }

    @Test(arguments: TestBackend.available)
    func unknownCodesAreProblemsInBothLanguages(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, _, tokens in
            for (uri, field) in [("/api/org-units/999", "unit"), ("/api/indicators/khong_co", "indicator")] {
                let r = try await client.execute(uri: uri, method: .get)
                #expect(r.status == .notFound)
                #expect(r.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                let p = try problems(r)
                #expect(p.first?.field == field)
                #expect(p.first?.messageVi.contains("Không có") == true)
                #expect(p.first?.messageEn.contains("No ") == true)
            }
        }
    }

    @Test func periodsAreDescribedAndListed() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            let q = try decode(PeriodInfo.self, try await client.execute(uri: "/api/periods/2025Q1", method: .get))
            #expect(q.start.iso == "2025-01-01")
            #expect(q.end.iso == "2025-03-31")
            #expect(q.nameVi == "Quý 1/2025" && q.name_vi == q.nameVi)
            #expect(q.cutoff.start.iso == "2024-12-15")
            #expect(q.sameLastYear == "2024Q1")
            let months = try decode(ListResponse<PeriodInfo>.self,
                                    try await client.execute(uri: "/api/periods?type=Monthly&from=2025-01-01&to=2025-03-31", method: .get))
            #expect(months.items.map(\.id) == ["202501", "202502", "202503"])
            let bad = try await client.execute(uri: "/api/periods/2025Q5", method: .get)
            #expect(bad.status == .badRequest)
            #expect(try problems(bad).first?.field == "period")
            let badType = try await client.execute(uri: "/api/periods?type=Fortnightly", method: .get)
            #expect(badType.status == .badRequest)
            #expect(try problems(badType).first?.field == "type")
        }
    }

    @Test(arguments: TestBackend.available)
    func writesValuesAndReadsThemBack(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, _, tokens in
            let body = #"{"values":[{"unit":"178","indicator":"cqs_ho_so_cong_viec_truc_tuyen","period":"2025Q1","numerator":378,"denominator":1000,"comment":"Báo cáo quý 1"},{"unit":"20","indicator":"th_xep_hang_dti","period":"2024","value":11}]}"#
            let w = try await client.execute(uri: "/api/data-values", method: .post, headers: tokens.json("admin"),
                                             body: ByteBuffer(string: body))
            #expect(w.status == .ok)
            #expect(try decode(ListResponse<ValueView>.self, w).count == 2)
            let r = try decode(ListResponse<ValueView>.self,
                               try await client.execute(uri: "/api/data-values?unit=178&period=2025Q1", method: .get, headers: tokens["leader"]))
            let item = r.items.first
            #expect(item?.value == 37.8)
            #expect(item?.comment == "Báo cáo quý 1")
            #expect(item?.storedBy == "admin")
        }
    }

    static let badWrites: [(body: String, status: Int, field: String)] = [
        (#"{"values":[{"unit":"178","indicator":"cqs_ho_so_cong_viec_truc_tuyen","period":"2025Q5","numerator":1,"denominator":2}]}"#, 422, "values[0].period"),
        (#"{"values":[{"unit":"999","indicator":"cqs_ho_so_cong_viec_truc_tuyen","period":"2025Q1","numerator":1,"denominator":2}]}"#, 422, "values[0].unit"),
        (#"{"values":[{"unit":"178","indicator":"khong_co","period":"2025Q1","value":1}]}"#, 422, "values[0].indicator"),
        (#"{"values":[{"unit":"178","indicator":"cqs_ho_so_cong_viec_truc_tuyen","period":"2025Q1","numerator":5,"denominator":4}]}"#, 422, "values[0].numerator"),
        (#"{"values":[{"unit":"20-STTTT","indicator":"cks_phuong_tien","period":"2025Q1","value":-1}]}"#, 422, "values[0].value"),
        (#"{"values":[{"unit":"20","indicator":"th_xep_hang_dti","period":"2024","value":0}]}"#, 422, "values[0].value"),
        (#"{"values":[{"indicator":"cks_phuong_tien","period":"2025Q1","value":1}]}"#, 400, "values[0].unit"),
        (#"{"values":[{"unit":"20-STTTT","indicator":"cks_phuong_tien","period":"2025Q1","value":"nhiều"}]}"#, 400, "values[0].value"),
        (#"{"values":[]}"#, 422, "values"),
        (#"{"values":[{"unit":"20-STTTT""#, 400, ""),
    ]

    @Test(arguments: TestBackend.available, badWrites.indices)
    func badWritesNameTheFieldAndWriteNothing(_ backend: TestBackend, _ i: Int) async throws {
        let bad = Self.badWrites[i]
        try await withApp(backend) { client, db, tokens in
            // A valid value first: it must not be written either.
            let body = bad.body.replacingOccurrences(of: #"{"values":[{"#, with: #"{"values":[{"unit":"20-STTTT","indicator":"cks_phuong_tien","period":"2024Q4","value":5},{"#)
            let r = try await client.execute(uri: "/api/data-values", method: .post, headers: tokens.json("admin"), body: ByteBuffer(string: body))
            #expect(Int(r.status.code) == bad.status)
            #expect(r.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            if !bad.field.isEmpty {
                let shifted = bad.field.replacingOccurrences(of: "values[0]", with: "values[1]")  // after the valid one
                #expect(try problems(r).contains { $0.field == shifted }, "expected a problem at \(shifted)")
            }
            let count = try await db.read { try await DataValueStore($0).count() }
            #expect(count == 0)
        }
    }

    @Test func aDryRunWritesNothing() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            let body = #"{"values":[{"unit":"20-STTTT","indicator":"cks_phuong_tien","period":"2025Q1","value":3}]}"#
            let r = try await client.execute(uri: "/api/data-values?dryRun=true", method: .post, headers: tokens.json("admin"), body: ByteBuffer(string: body))
            #expect(r.status == .ok)
            let count = try await db.read { try await DataValueStore($0).count() }
            #expect(count == 0)
        }
    }

    @Test func anOversizedBodyIsRefused() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            let r = try await client.execute(uri: "/api/data-values", method: .post, headers: tokens.json("admin"),
                                             body: ByteBuffer(string: String(repeating: " ", count: 2 << 20)))
            #expect(r.status == .contentTooLarge)
        }
    }
}
