import DXDomain
@testable import DXServer
import DXStorage
import DXTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Open data a portal can harvest: the catalogue (DCAT-AP as JSON-LD, and data.json),
/// a Frictionless package per indicator, each value with the day it was approved and
/// none before its release day. `Tests/OpenData/validate.py` checks them as a portal
/// would, with frictionless and rdflib from PyPI (scripts/test installs both and sets
/// DXTRACK_REQUIRE_OPEN_DATA=1).
@Suite struct OpenDataCatalogTests {
    static let required = ProcessInfo.processInfo.environment["DXTRACK_REQUIRE_OPEN_DATA"] == "1"
    static let available = (try? Python.run("import frictionless, rdflib")) != nil

    /// Figures of the district (no form asks for them: official as written) and of the
    /// department (its 2025Q1 report, approved on the clock's day), and the ward's, whose
    /// code starts with a zero.
    static func seed(_ db: Database) async throws {
        try await DataEntry(db).write([
            Fixtures.input("178", Fixtures.workRecords.code, "2024Q4", numerator: 40, denominator: 100),
            Fixtures.input("05983", Fixtures.vehicles.code, "2025Q3", value: 12),
        ], by: .machineOperator("system"))
        let sent = try await Fixtures.submitReport(db)
        try await Fixtures.decide(.approve, sent, db)
    }

    @Test(.enabled(if: available || required), arguments: TestBackend.available)
    func aPortalHarvestsTheCatalogueAndEveryPackageValidates(_ backend: TestBackend) async throws {
        try #require(Self.available, "frictionless and rdflib are needed (scripts/test installs them)")
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            try await Self.seed(db)
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("OpenData/validate.py").path
            // On a day in the ward's quarter: its figure, code "05983", is public.
            let app = buildApplication(ServerConfiguration(port: 0, bcryptCost: 4, clock: .fixed(LocalDate(year: 2025, month: 8, day: 1)!)),
                                       db: db, logger: Logger(label: "open-data"))
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let (status, output) = try await BrowserTests.run(["python3", script, "http://127.0.0.1:\(port)"],
                                                                 environment: ProcessInfo.processInfo.environment)
                #expect(status == 0, "the portal's checks failed:\n\(output)")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func aValueCarriesItsApprovalDayAndWaitsForItsReleaseDay(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, _ in
            try await Self.seed(db)
            var embargoed = Fixtures.workRecords
            embargoed.releaseAfterDays = 30
            let saved = embargoed
            try await db.transaction { try await CatalogStore($0).save(indicators: [saved]) }
            // 2025Q1 ends on 31/03: released on 30/04. The clock stands on 10/04, the day the report was approved.
            let before = try await OpenData(db).values(indicator: Fixtures.workRecords.code, today: Fixtures.today).1
            #expect(before.map(\.value.period.id) == ["2024Q4"], "the quarter just approved waits for its release day")
            let after = try await OpenData(db).values(indicator: Fixtures.workRecords.code, today: LocalDate(year: 2025, month: 4, day: 30)!).1
            #expect(after.map(\.value.period.id) == ["2025Q1", "2024Q4"])
            #expect(after.first?.approvedOn == Fixtures.today, "approved on the clock's day")
            let entries = try await OpenData(db).indicators(today: Fixtures.today)
            #expect(entries.first { $0.indicator.code == Fixtures.workRecords.code }?.frequency == .quarterly)

            // Over HTTP (the app's day is the clock's): the CSV and the page hold back 2025Q1 too.
            let csv = String(buffer: try await client.execute(uri: "/open-data/\(Fixtures.workRecords.code).csv", method: .get).body)
            let lines = csv.split(separator: "\r\n").map(String.init)
            #expect(lines.first == OpenDataFile.columns.joined(separator: ","))
            #expect(lines.count == 2 && lines[1].hasPrefix("cqs_ho_so_cong_viec_truc_tuyen,178,Thành phố Lạng Sơn,2024Q4,40,40,100,2024-10-01,2024-12-31,"))
            let page = String(buffer: try await client.execute(uri: "/open-data/\(Fixtures.workRecords.code)", method: .get).body)
            #expect(page.contains("30 ngày sau khi kỳ kết thúc") && !page.contains("Quý 1/2025"))
            // The vehicles (no embargo): the department's approved 3 with its day; the ward's 12 only once its quarter has begun.
            let vehicles = String(buffer: try await client.execute(uri: "/open-data/\(Fixtures.vehicles.code).csv", method: .get).body)
            #expect(vehicles.contains("cks_phuong_tien,20-STTTT,Sở Thông tin và Truyền thông,2025Q1,3,,,2025-01-01,2025-03-31,2025-04-10"))
            #expect(!vehicles.contains("05983"))
            let july = try await OpenData(db).values(indicator: Fixtures.vehicles.code, today: LocalDate(year: 2025, month: 7, day: 1)!).1
            #expect(july.map(\.value.unitCode) == ["05983", "20-STTTT"])
        }
    }

    @Test(arguments: TestBackend.available)
    func theCatalogueNamesLicencePublisherFrequencyAndDistributions(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, _ in
            try await Self.seed(db)
            let r = try await client.execute(uri: "/open-data/catalog.jsonld", method: .get)
            #expect(r.headers[.contentType]?.hasPrefix("application/ld+json") == true && r.headers[.accessControlAllowOrigin] == "*")
            let catalog = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: r.body))
            guard case .array(let datasets)? = catalog["dcat:dataset"] else { Issue.record("no datasets"); return }
            #expect(datasets.count == 2, "the indicators with public values")
            let vehicles = try #require(datasets.first { $0["dct:identifier"] == "cks_phuong_tien" })
            #expect(vehicles["dct:license"] == .object(["@id": .string(OpenDataSettings.ccBy4)]))
            #expect(vehicles["dct:publisher"]?["foaf:name"] == "Tỉnh Lạng Sơn", "the top unit, unless configured")
            #expect(vehicles["dct:accrualPeriodicity"] == .object(["@id": "http://publications.europa.eu/resource/authority/frequency/QUARTERLY"]))
            #expect(vehicles["dct:modified"]?["@value"] == "2025-04-10")
            #expect(vehicles["@id"]?.text?.hasPrefix("http://") == true && vehicles["@id"]?.text?.hasSuffix("/open-data/cks_phuong_tien") == true)
            let package = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: try await client.execute(
                uri: "/open-data/cks_phuong_tien/datapackage.json", method: .get).body))
            #expect(package["name"] == "cks-phuong-tien" && package["licenses"] == .array([.object(["name": "CC-BY-4.0", "path": .string(OpenDataSettings.ccBy4)])]))
            let data = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: try await client.execute(uri: "/open-data/data.json", method: .get).body))
            #expect(data["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema")
            #expect(try await client.execute(uri: "/open-data/no_such/datapackage.json", method: .get).status == .notFound)
        }
    }
}
