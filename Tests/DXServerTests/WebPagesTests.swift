import DXDomain
@testable import DXServer
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The pages leaders, coordinators and the public read, through the whole router.
@Suite struct WebPagesTests {
    /// The district (not covered by the departments' form, so its figures count as approved)
    /// below its 80% target; the department's figures only in a draft report.
    static func seed(_ db: Database) async throws {
        try await DataEntry(db).write([
            Fixtures.input("178", Fixtures.workRecords.code, "2024Q4", numerator: 40, denominator: 100),
            Fixtures.input("178", Fixtures.workRecords.code, "2025Q1", numerator: 50, denominator: 100),
            Fixtures.input("20-STTTT", Fixtures.workRecords.code, "2025Q1", numerator: 95, denominator: 100),
        ], by: .machineOperator("system"))
    }

    static func text(_ r: TestResponse) -> String { String(buffer: r.body) }

    @Test(arguments: TestBackend.available)
    func theDashboardShowsPillarsStatusesUnitsBelowTargetAndReporting(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            try await Self.seed(db)
            let r = try await client.execute(uri: "/dashboard?unit=20&period=2025Q1", method: .get, headers: tokens["leader"])
            #expect(r.status == .ok)
            let html = Self.text(r)
            #expect(html.contains("Chính quyền số") && html.contains("Cửa khẩu số") && html.contains("An toàn thông tin"))
            #expect(html.contains("Chỉ tiêu theo trạng thái"))
            // The district is below its level's 80% with 50,0%; the department's draft 95% does not count.
            #expect(html.contains("Đơn vị dưới mức chỉ tiêu"))
            #expect(html.contains("Thành phố Lạng Sơn") && html.contains("50,0%") && html.contains("80,0%"))
            #expect(!html.contains("95,0%"), "a draft is not an approved figure")
            // Reporting: the departments' form is owed by one unit.
            #expect(html.contains("Báo cáo quý thử"))
            // Every chart has a title and its data table (icons are hidden from screen readers); nothing comes from another host.
            let svgs = html.components(separatedBy: "<svg").count - html.components(separatedBy: #"<svg aria-hidden="true""#).count
            let titled = html.components(separatedBy: #"role="img" aria-labelledby="#).count - 1
            #expect(svgs > 0 && svgs == titled)
            #expect(html.contains("Bảng số liệu của biểu đồ"))
            #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
        }
    }

    /// Pages are kept per version of the data: a write shows on the next request, and
    /// what a reader's header says (their name, their sign-out token) is never shared.
    @Test(arguments: TestBackend.available)
    func aKeptPageShowsTheNextWriteAndEachReadersOwnHeader(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            try await Self.seed(db)
            let uri = "/dashboard?unit=20&period=2025Q1"
            let before = Self.text(try await client.execute(uri: uri, method: .get, headers: tokens["leader"]))
            #expect(before.contains("50,0%") && !before.contains("70,0%"))
            try await DataEntry(db).write([Fixtures.input("178", Fixtures.workRecords.code, "2025Q1", numerator: 70, denominator: 100)], by: .machineOperator("system"))
            let after = Self.text(try await client.execute(uri: uri, method: .get, headers: tokens["leader"]))
            #expect(after.contains("70,0%") && !after.contains("50,0%"))
            let coordinator = Self.text(try await client.execute(uri: uri, method: .get, headers: tokens["coordinator"]))
            #expect(coordinator.contains("70,0%"))
            #expect(after.contains(">leader<") && !after.contains(">coordinator<"))
            #expect(coordinator.contains(">coordinator<") && !coordinator.contains(">leader<"))
        }
    }

    @Test(arguments: TestBackend.available)
    func everyTableDownloadsAsCSVAndXLSX(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            try await Self.seed(db)
            let csv = try await client.execute(uri: "/dashboard?unit=20&period=2025Q1&table=duoi-chi-tieu&format=csv", method: .get, headers: tokens["leader"])
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = Self.text(csv).split(separator: "\r\n")
            #expect(lines.count == 2)
            #expect(lines[1].contains("Thành phố Lạng Sơn") && lines[1].hasSuffix(";50;80"), "for Excel set to Vietnamese: \(lines[1])")
            let xlsx = try await client.execute(uri: "/dashboard?unit=20&period=2025Q1&table=tru-cot&format=xlsx", method: .get, headers: tokens["leader"])
            #expect(xlsx.status == .ok && Array(xlsx.body.readableBytesView.prefix(2)) == Array("PK".utf8))
            let missing = try await client.execute(uri: "/dashboard?table=nope&format=csv", method: .get, headers: tokens["leader"])
            #expect(missing.status == .notFound)
        }
    }

    /// A page's weight grows with one unit's children, not with the province: the unit picker
    /// drills down, and the units below target show the 50 furthest below (the download has all).
    @Test func theDashboardStaysLightWhenAProvinceHasManyUnits() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            try await Self.seed(db)
            let communes = (1...60).map { OrgUnit(code: "X\($0)", name: "Xã thử \($0)", kind: .commune, parentCode: "20") }
            try await db.transaction { try await OrgUnitStore($0).save(communes) }
            try await DataEntry(db).write(communes.enumerated().map { i, c in
                Fixtures.input(c.code, Fixtures.workRecords.code, "2025Q1", numerator: Double(i + 1), denominator: 100)
            }, by: .machineOperator("system"))
            let html = Self.text(try await client.execute(uri: "/dashboard?unit=20&period=2025Q1", method: .get, headers: tokens["leader"]))
            let table = try #require(html.range(of: #"<table id="t-duoi-chi-tieu""#).map { html[$0.lowerBound...] }
                .flatMap { t in t.range(of: "</table>").map { t[..<$0.upperBound] } })
            #expect(table.components(separatedBy: "<tr>").count - 2 == 15, "a header row and 15 rows: a phone's few screens")
            #expect(table.contains("Xã thử 1<") && !table.contains("Xã thử 60<"), "furthest below first: 1% before 60%")
            // 59 communes under 60% (the 60th meets it) and the district under 80%.
            let note = html.contains("Trang chỉ hiện 15 dòng đầu; tệp tải về có đủ 60 dòng.")
            #expect(note)
            let csv = Self.text(try await client.execute(uri: "/dashboard?unit=20&period=2025Q1&table=duoi-chi-tieu&format=csv", method: .get, headers: tokens["leader"]))
            #expect(csv.split(separator: "\r\n").count == 61)
            // The picker: the path down to the unit, then the unit's own children.
            #expect(html.contains(#"<option value="X60">"#) && html.contains(#"<option value="20-STTTT">"#))
            let department = Self.text(try await client.execute(uri: "/dashboard?unit=20-STTTT&period=2025Q1", method: .get, headers: tokens["leader"]))
            #expect(department.contains(#"<option value="20">"#) && department.contains(#"<option value="20-STTTT" selected="selected">"#))
            #expect(!department.contains(#"<option value="X60">"#) && !department.contains(#"<option value="178">"#))
        }
    }

    @Test func anIndicatorIsMappedWhenBoundariesAreLoaded() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            try await Self.seed(db)
            let uri = "/indicators/cqs_ho_so_cong_viec_truc_tuyen?unit=20&period=2025Q1"
            #expect(!Self.text(try await client.execute(uri: uri, method: .get, headers: tokens["leader"])).contains(#"id="map-title""#))
            let square = { (x: Double) in [[[x, 21.8], [x + 0.1, 21.8], [x + 0.1, 21.9], [x, 21.9], [x, 21.8]]] }
            try await Boundaries(db).save([Boundary(unitCode: "178", rings: square(106.7)), Boundary(unitCode: "20-STTTT", rings: square(106.8))], by: "test")
            let html = Self.text(try await client.execute(uri: uri, method: .get, headers: tokens["leader"]))
            let mapped = html.contains(#"<title id="map-title">"#) && html.contains("<title>Thành phố Lạng Sơn: 50,0%</title>")
                && html.contains("<title>Sở Thông tin và Truyền thông: chưa có số liệu</title>") && html.contains(##"href="#t-don-vi""##)
            #expect(mapped, "the district in its colour, the department (a draft only) grey, and the table as the map's data")
            #expect(html.components(separatedBy: "<path d=").count - 1 == 2)
        }
    }

    @Test func englishIsOneClickAwayAndKeepsThePage() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            try await Self.seed(db)
            let html = Self.text(try await client.execute(uri: "/dashboard?unit=20&period=2025Q1&lang=en", method: .get, headers: tokens["leader"]))
            #expect(html.contains(#"<html lang="en">"#) && html.contains("Units below target") && html.contains("50.0%"))
            #expect(html.contains(#"href="/lang/vi?back=/dashboard"#))
            #expect(Self.text(try await client.execute(uri: "/login?lang=en", method: .get)).contains(#"<label for="username">Username</label>"#))
            #expect(Self.text(try await client.execute(uri: "/?lang=en", method: .get)).contains("Directory of units"))
            let r = try await client.execute(uri: "/lang/en?back=/plans", method: .get)
            #expect(r.status == .found && r.headers[.location] == "/plans")
            #expect(r.headers[.setCookie]?.contains("dxtrack_lang=en") == true)
            for evil in ["//evil.example/x", "https://evil.example/", "/\\evil.example"] {
                let e = try await client.execute(uri: "/lang/en?back=\(evil.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", method: .get)
                #expect(e.headers[.location] == "/", "no open redirect to \(evil)")
            }
        }
    }

    @Test func pagesSendTheSignedOutToLoginAndBack() async throws {
        try await withApp(.sqlite) { client, _, _ in
            let r = try await client.execute(uri: "/dashboard?unit=20", method: .get)
            #expect(r.status == .found && r.headers[.location] == "/login?next=/dashboard%3Funit%3D20")
            let login = Self.text(try await client.execute(uri: "/login?next=/dashboard%3Funit%3D20", method: .get))
            #expect(login.contains(#"name="next" value="/dashboard?unit=20""#))
            let evil = Self.text(try await client.execute(uri: "/login?next=//evil.example", method: .get))
            #expect(evil.contains(#"name="next" value="/""#))
        }
    }

    @Test(arguments: TestBackend.available)
    func unitIndicatorAndPlanPagesExplainTheirFigures(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            try await Self.seed(db)
            let indicator = Self.text(try await client.execute(uri: "/indicators/\(Fixtures.workRecords.code)?unit=178&period=2025Q1",
                                                               method: .get, headers: tokens["coordinator"]))
            #expect(indicator.contains("<polyline"), "two quarters make a line")
            #expect(indicator.contains("Σ tử số / Σ mẫu số"))
            #expect(indicator.contains("Quý 4/2024") && indicator.contains("40,0%"))
            let unit = Self.text(try await client.execute(uri: "/units/178?period=2025Q1", method: .get, headers: tokens["coordinator"]))
            // 40% then 50%: rising fast enough towards 80% by the end of 2025.
            #expect(unit.contains("Thành phố Lạng Sơn") && unit.contains(#"<span class="s-onTrack">Đúng tiến độ</span>"#))
            #expect(unit.contains("<title id=\"b-0-title\">"), "a bullet chart per target")
            let plan = Self.text(try await client.execute(uri: "/plans/KH135?period=2025Q1", method: .get, headers: tokens["coordinator"]))
            #expect(plan.contains("KH135-04") && plan.contains("KH135-01") && plan.contains("KH135-05"))
            let list = Self.text(try await client.execute(uri: "/plans", method: .get))
            #expect(list.contains("135/KH-UBND") && list.contains(#"href="/plans/KH135""#))
        }
    }

    @Test(arguments: TestBackend.available)
    func rankingsAndTheLeaderboard(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            try await DataEntry(db).write([Fixtures.input("05983", Fixtures.vehicles.code, "2025Q3", value: 7776)], by: .machineOperator("system"))
            try await db.transaction { try await OrgUnitStore($0).save([OrgUnit(code: "05984", name: "Phường Đông Kinh", kind: .ward, parentCode: "20")]) }
            try await DataEntry(db).write([Fixtures.input("05984", Fixtures.vehicles.code, "2025Q3", value: 9000)], by: .machineOperator("system"))
            let html = Self.text(try await client.execute(uri: "/rankings?unit=20&indicator=cks_phuong_tien&kind=ward&period=2025",
                                                          method: .get, headers: tokens["leader"]))
            let first = try #require(html.range(of: "1. Phường Đông Kinh")), second = try #require(html.range(of: "2. Phường Lương Văn Tri"))
            #expect(first.lowerBound < second.lowerBound)
            #expect(html.contains("7.776 phương tiện"))
            let board = Self.text(try await client.execute(uri: "/emulation/TD", method: .get, headers: tokens["leader"]))
            #expect(board.contains("Khối thử") && board.contains("Đề xuất khen thưởng"))
        }
    }

    @Test(arguments: TestBackend.available)
    func theOpenDataPortalPublishesApprovedFiguresOfPublishedIndicators(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, _ in
            try await Self.seed(db)
            let index = Self.text(try await client.execute(uri: "/open-data", method: .get))
            #expect(index.contains(#"href="/open-data/cqs_ho_so_cong_viec_truc_tuyen""#))
            let csv = try await client.execute(uri: "/open-data/cqs_ho_so_cong_viec_truc_tuyen.csv", method: .get)
            #expect(csv.status == .ok && csv.headers[.accessControlAllowOrigin] == "*")
            // The last column is the day approved: for the district's figures, which no form asks for, the day they were written.
            let lines = Self.text(csv).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",") }
            #expect(lines == ["indicator,unit,unit_name,period,value,numerator,denominator,period_start,period_end",
                              "cqs_ho_so_cong_viec_truc_tuyen,178,Thành phố Lạng Sơn,2025Q1,50,50,100,2025-01-01,2025-03-31",
                              "cqs_ho_so_cong_viec_truc_tuyen,178,Thành phố Lạng Sơn,2024Q4,40,40,100,2024-10-01,2024-12-31"], "no draft figure of the department")
            let doc = try decode(OpenDataFile.Document.self,
                                 try await client.execute(uri: "/open-data/cqs_ho_so_cong_viec_truc_tuyen.json?period=2025Q1", method: .get))
            #expect(doc.values.map(\.unit) == ["178"] && doc.values.first?.value == 50)
            let page = Self.text(try await client.execute(uri: "/open-data/cqs_ho_so_cong_viec_truc_tuyen", method: .get))
            #expect(page.contains("50,0%") && page.contains("<label for=\"f-unit\">"))
            // An indicator the catalog keeps internal is not there at all.
            var changed = Fixtures.workRecords
            changed.published = false
            let unpublished = changed
            try await db.transaction { try await CatalogStore($0).save(indicators: [unpublished]) }
            #expect(try await client.execute(uri: "/open-data/cqs_ho_so_cong_viec_truc_tuyen.csv", method: .get).status == .notFound)
            #expect(!Self.text(try await client.execute(uri: "/open-data", method: .get)).contains("cqs_ho_so_cong_viec_truc_tuyen"))
        }
    }

    /// The coordinators' page of the exchange: each scheduled target with its latest outcome,
    /// and the latest pushes, of their own subtree only.
    @Test(arguments: TestBackend.available)
    func theExchangePageShowsScheduledTargetsAndHowEachPushWent(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            let target = PushTarget(name: "quoc-gia", url: "https://dhis2.gov.vn/api/dataValueSets", unit: "20", periodType: .quarterly,
                                    afterDays: 10, mapping: .lookupByCode)
            try await db.transaction { sql in
                try await ExportStore(sql).save(target: target, at: "2025-04-11T02:00:00Z")
                try await ExportStore(sql).record(ExportRecord(target: target.url, unitCode: "20", period: "2025Q1", rows: 4, status: "sent", attempts: 1,
                                                               response: "HTTP 200", payload: "{}", startedAt: "2025-04-11T02:00:00Z",
                                                               finishedAt: "2025-04-11T02:00:01Z", startedBy: "schedule", targetName: "quoc-gia"))
                try await ExportStore(sql).record(ExportRecord(target: "https://other.example/api/dataValueSets", unitCode: "05983", period: "2025Q1",
                                                               rows: 1, status: "failed", attempts: 3, response: "HTTP 503", payload: "{}",
                                                               startedAt: "2025-04-11T03:00:00Z", finishedAt: "2025-04-11T03:00:09Z", startedBy: "cli"))
            }
            let html = Self.text(try await client.execute(uri: "/exchange", method: .get, headers: tokens["coordinator"]))
            #expect(html.contains("quoc-gia") && html.contains("Đã gửi 4 dòng") && html.contains("UID tra theo mã"))
            #expect(html.contains("Không gửi được") && html.contains("HTTP 503"))
            #expect(html.contains(#"href="/exchange""#), "in the coordinator's navigation")
            let leader = Self.text(try await client.execute(uri: "/plans", method: .get, headers: tokens["leader"]))
            #expect(!leader.contains(#"href="/exchange""#), "not in a leader's")
        }
    }

    @Test(arguments: TestBackend.available)
    func aReporterSeesTheirReportHistoryAndNoOneElses(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            _ = try await Submissions(db, clock: Fixtures.clock).save(form: "F", unit: "20-STTTT", period: try Period("2024Q1"),
                                                                      values: [Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2024Q1", value: 3)],
                                                                      version: 0, by: "reporter")
            let mine = Self.text(try await client.execute(uri: "/reports", method: .get, headers: tokens["reporter"]))
            let history = try #require(mine.range(of: "Lịch sử báo cáo"))
            #expect(mine[history.upperBound...].contains("Quý 1/2024") && mine[history.upperBound...].contains("Bản nháp"))
            let ward = Self.text(try await client.execute(uri: "/reports", method: .get, headers: tokens["ward-reporter"]))
            #expect(!ward.contains("Quý 1/2024"))
        }
    }

    /// A province's own index names an indicator the catalog lacks: the page says which
    /// component, by its name, and ranks on the others (it used to answer 422 with the code).
    @Test func anIndexComponentWithoutItsIndicatorIsNamedNotFatal() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            let r = try await client.execute(uri: "/rankings/index?unit=20&framework=lang-son-cap-xa", method: .get, headers: tokens["leader"])
            #expect(r.status == .ok)
            let html = Self.text(r)
            #expect(html.contains("Danh mục chưa có chỉ tiêu cho thành phần: Hồ sơ công việc ký số"))
            #expect(!html.contains("cqs_ho_so_cong_viec_ky_so"))
        }
    }

    @Test func namesAreEscapedInsideChartsToo() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            try await db.transaction { try await OrgUnitStore($0).save([OrgUnit(code: "x", name: "<script>alert(1)</script>", kind: .ward, parentCode: "20")]) }
            try await DataEntry(db).write([Fixtures.input("x", Fixtures.vehicles.code, "2025Q3", value: 5)], by: .machineOperator("system"))
            let html = Self.text(try await client.execute(uri: "/rankings?unit=20&indicator=cks_phuong_tien&kind=ward&period=2025",
                                                          method: .get, headers: tokens["leader"]))
            #expect(html.contains("<svg") && html.contains("&lt;script&gt;"))
            #expect(!html.contains("<script>"))
        }
    }
}
