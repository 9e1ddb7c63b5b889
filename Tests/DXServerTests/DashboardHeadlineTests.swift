import DXDomain
@testable import DXServer
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The dashboard's first screen says where the unit stands now: targets in force by status,
/// counted from the very list below it; past plans' verdicts are results, told apart.
@Suite struct DashboardHeadlineTests {
    /// A 2022 directive, over by 2025, beside the fixtures' plan to 2030 (its targets due 2025).
    static let directive = Plan(code: "CT-2022", unitCode: "20", issuer: "Chủ tịch UBND tỉnh", issuedOn: LocalDate(year: 2022, month: 3, day: 1),
                                title: "Chỉ thị thi đua năm 2022", horizon: .year(2022)!)
    static let pastTarget = Target(code: "CT-2022.a2", planCode: "CT-2022", indicatorCode: Fixtures.workRecords.code, shape: .atLeast,
                                   value: .single(90), horizon: .year(2022)!, unitKinds: [.department])

    static func seed(_ db: Database) async throws {
        try await db.transaction { sql in
            try await CatalogStore(sql).save(plans: [directive])
            try await CatalogStore(sql).save(targets: [pastTarget])
        }
        try await DataEntry(db).write([
            Fixtures.input("178", Fixtures.workRecords.code, "2024Q4", numerator: 40, denominator: 100),
            Fixtures.input("178", Fixtures.workRecords.code, "2025Q1", numerator: 50, denominator: 100),
            Fixtures.input("20", Fixtures.rank.code, "2023", value: 9),
            Fixtures.input("20", Fixtures.rank.code, "2024", value: 6),
            Fixtures.input("20-STTTT", Fixtures.workRecords.code, "2022Q4", numerator: 50, denominator: 100),
        ], by: .machineOperator("system"))
    }

    static func text(_ r: TestResponse) -> String { String(buffer: r.body) }

    /// The status column of a downloaded target table, one entry per row.
    static func statuses(_ csv: String) -> [String] {
        csv.split(separator: "\r\n").dropFirst().map { line in String(line.split(separator: ",").last ?? "") }
    }

    @Test(arguments: TestBackend.available)
    func theHeadlineCountsEqualTheListAndLeavePastPlansOut(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            try await Self.seed(db)
            let base = "/dashboard?unit=20&period=2025Q1"
            let html = Self.text(try await client.execute(uri: base, method: .get, headers: tokens["leader"]))
            let listed = Self.statuses(Self.text(try await client.execute(uri: base + "&table=chi-tieu&format=csv", method: .get, headers: tokens["leader"])))
            #expect(listed.count == Fixtures.targets.count, "the plan's three targets are in force; the directive's is not")
            var tiles = 0
            for status in [ProgressStatus.met, .onTrack, .behind, .missed] {
                let count = listed.filter { $0.hasSuffix(status.nameVi) }.count
                let tile = #"<a class="tile s-\#(status.rawValue)" href="/dashboard?unit=20&amp;period=2025Q1&amp;status=\#(status.rawValue)#chi-tieu"><span class="big">"#
                    + "\(Lang.icon(status)) \(count)</span>"
                #expect(html.contains(tile), "\(status): \(count)")
                tiles += count
                // The tile opens exactly the rows it counts.
                let narrowed = Self.statuses(Self.text(try await client.execute(uri: base + "&status=\(status.rawValue)&table=chi-tieu&format=csv",
                                                                                method: .get, headers: tokens["leader"])))
                #expect(narrowed.count == count && narrowed.allSatisfy { $0.hasSuffix(status.nameVi) })
            }
            #expect(tiles + listed.filter { $0.hasSuffix(ProgressStatus.noData.nameVi) }.count == listed.count)
            // The directive's verdict is a result of 2022, never in today's counts.
            #expect(html.contains("Kết quả năm 2022: đạt 0/1") && html.contains("Chỉ thị thi đua năm 2022"))
            #expect(!Self.text(try await client.execute(uri: base + "&table=chi-tieu&format=csv", method: .get, headers: tokens["leader"])).contains("CT-2022.a2"))
            let past = Self.text(try await client.execute(uri: base + "&past=1", method: .get, headers: tokens["leader"]))
            #expect(past.contains(#"id="t-chi-tieu-cu""#) && past.contains("CT-2022.a2"))
            // The DTI rank and its change, and each status with a shape beside its colour.
            #expect(html.contains("Hạng 6") && html.contains("↑ tăng 3 bậc"))
            for status in ProgressStatus.allCases where listed.contains(where: { $0.hasSuffix(status.nameVi) }) {
                #expect(html.contains("\(Lang.icon(status)) \(status.nameVi)"), "\(status) has its shape in the table")
            }
            // Units below target list in-force targets only: the department's 50% of 2022 is history.
            let below = Self.text(try await client.execute(uri: base + "&table=duoi-chi-tieu&format=csv", method: .get, headers: tokens["leader"]))
            #expect(!below.contains("CT-2022") && below.contains("Thành phố Lạng Sơn"))
        }
    }
}
