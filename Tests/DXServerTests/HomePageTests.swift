import DXDomain
import DXServer
import DXStorage
import DXTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct HomePageTests {
    @Test(arguments: TestBackend.available)
    func listsUnitsAndLatestValuesInVietnamese(_ backend: TestBackend) async throws {
        // A day of 2025Q4: the district ceased on 30/06/2025, its figures stay.
        try await withApp(backend, clock: .fixed(LocalDate(year: 2025, month: 10, day: 15)!)) { client, db, tokens in
            try await DataEntry(db).write([
                Fixtures.input("178", Fixtures.workRecords.code, "2025Q2", numerator: 378, denominator: 1000),
                Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q3", value: 7776),
            ], by: .machineOperator("system"))
            let anonymous = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(anonymous.contains("Sở Thông tin và Truyền thông") && !anonymous.contains("37,8%"), "the public sees units, not values")
            let r = try await client.execute(uri: "/", method: .get, headers: tokens["leader"])
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "text/html; charset=utf-8")
            let html = String(buffer: r.body)
            #expect(html.contains(#"<html lang="vi">"#))
            #expect(html.contains("Sở Thông tin và Truyền thông"))
            #expect(html.contains("Phường Lương Văn Tri"))
            #expect(html.contains("37,8%"))
            #expect(html.contains("7.776 phương tiện"))
            #expect(html.contains("Quý 2/2025"))
            // The district that ceased is listed apart, with its end date.
            #expect(html.contains("Đơn vị đã giải thể, sáp nhập"))
            #expect(html.contains("đến 30/06/2025"))
            // Self-contained: nothing loaded from another host.
            #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import"))
            #expect(html.contains("/static/app.css"))
            // The tables download one row per unit and figure, as Excel set to Vietnamese reads them.
            let csv = String(buffer: try await client.execute(uri: "/?table=dang-hoat-dong&format=csv", method: .get, headers: tokens["leader"]).body)
            #expect(csv.split(separator: "\r\n").contains { $0.hasPrefix("20-STTTT;Sở Thông tin và Truyền thông;") && $0.hasSuffix(";7776;Quý 3/2025") })
            let ceased = String(buffer: try await client.execute(uri: "/?table=da-giai-the&format=csv", method: .get, headers: tokens["leader"]).body)
            #expect(ceased.split(separator: "\r\n").contains { $0.hasPrefix("178;") && $0.hasSuffix(";37,8;Quý 2/2025") })
            // The page is kept per version of the data, apart for each subtree and for the public.
            let anonymousAgain = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(!anonymousAgain.contains("37,8%"), "the public never gets a signed-in reader's kept page")
            try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q3", value: 8000)], by: .machineOperator("system"))
            #expect(String(buffer: try await client.execute(uri: "/", method: .get, headers: tokens["leader"]).body).contains("8.000 phương tiện"))
            // A ward reporter sees only the ward's values.
            let ward = String(buffer: try await client.execute(uri: "/", method: .get, headers: tokens["ward-reporter"]).body)
            #expect(!ward.contains("37,8%") && !ward.contains("8.000"))
        }
    }

    @Test func aComputedValueSaysSoAndHowWithOneClick() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            let growth = Indicator(code: "phuong_tien_cung_ky", nameVi: "Phương tiện so với cùng kỳ", nameEn: "Growth", pillar: .digitalBorderGate,
                                   valueType: .ratio, aggregation: .average, direction: .higherIsBetter, decimals: 2, unitVi: "lần",
                                   computed: .formula(try Formula("#{cks_phuong_tien} / #{cks_phuong_tien}.periodOffset(-4)")))
            try await db.transaction { try await CatalogStore($0).save(indicators: [growth]) }
            try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2024Q3", value: 2),
                                           Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q3", value: 14)], by: .machineOperator("system"))
            let html = String(buffer: try await client.execute(uri: "/", method: .get, headers: tokens["leader"]).body)
            #expect(html.contains("Phương tiện so với cùng kỳ: <strong>7 lần</strong>") || html.contains("Phương tiện so với cùng kỳ: <strong>7,00 lần</strong>"))
            #expect(html.contains(#"<details class="computed"><summary>tự tính</summary>"#))
            #expect(html.contains("#{cks_phuong_tien}[2024Q3] = 2"))
        }
    }

    @Test func unitNamesAreEscaped() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            try await db.transaction { sql in
                try await OrgUnitStore(sql).save([OrgUnit(code: "x", name: "<script>alert(1)</script>", kind: .school, parentCode: "20")])
            }
            let html = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(html.contains("&lt;script&gt;"))
        }
    }

    @Test func thePublicSeesWhereTheProvinceStandsAndFindsAUnitByName() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            let home = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(home.contains(#"<h2 id="tinh-20">"#) && home.contains("chỉ tiêu đang có hiệu lực"), "the province's headline, for everyone")
            #expect(home.contains(#"<svg"#) && home.contains("Danh bạ đơn vị"))
            #expect(!home.contains(#"href="/units/"#), "unit pages are for those signed in")
            // Found without the marks, as people type on a phone.
            let found = String(buffer: try await client.execute(uri: "/?q=so+thong+tin", method: .get).body)
            #expect(found.contains("<li>Sở Thông tin và Truyền thông") && found.contains("1 đơn vị"))
            #expect(!found.contains("<li>Tỉnh Lạng Sơn"))
            let signedIn = String(buffer: try await client.execute(uri: "/?q=20-STTTT", method: .get, headers: tokens["leader"]).body)
            #expect(signedIn.contains(#"href="/units/"#))
        }
    }
}
