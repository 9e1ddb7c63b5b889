@testable import DXServer
import DXTestSupport
import NIOCore
import Testing

/// Links are built in one place, and what a user typed cannot break out of the path or query it goes in.
@Suite struct SiteURLTests {
    @Test func codesAndTextAreEscapedWhereTheyGo() {
        #expect(SiteURL.report(form: "CDS-QUY", unit: "20-STTTT", period: "2026Q3").path == "/reports/CDS-QUY/20-STTTT/2026Q3")
        #expect(SiteURL.reportDownload(form: "F", unit: "20", period: "2026Q3", file: "template.xlsx").path == "/api/reports/F/20/2026Q3/template.xlsx")
        #expect(SiteURL.indicator("a b/c", unit: "20").path == "/indicators/a%20b%2Fc?unit=20")
        #expect(SiteURL.dashboard(unit: nil).path == "/dashboard")
        #expect(SiteURL.language(.en, back: "/plans?x=1&y=\"2\"").path == "/lang/en?back=/plans%3Fx%3D1%26y%3D%222%22")
        #expect(SiteURL.quarterlyReport(unit: "20", period: "2026Q3", format: "docx").path == "/api/reports/quarterly?unit=20&period=2026Q3&format=docx")
        #expect(SiteURL.openDataIndicator("cks", format: "csv").path == "/open-data/cks.csv")
        #expect(SiteURL.login(next: "/reports?a=1").path == "/login?next=/reports%3Fa%3D1")
    }
}

/// A view is built from its data and a `PagePlace` (the language and the page's address):
/// no request, no server.
@Suite struct ViewWithoutHTTPTests {
    @Test func aPageIsBuiltFromItsDataInTheReadersLanguage() {
        let place = PagePlace(lang: .en, url: PageURL(path: "/plans", query: [("unit", "20")]))
        let page = PlanPage.list([Fixtures.plan], unitNames: ["20": "Tỉnh Lạng Sơn"], place)
        #expect(page.title == "Plans and directives")
        let html = String(buffer: page.rendered.body)
        #expect(html.contains(#"<a href="/plans/KH135">135/KH-UBND</a>"#))
        // The table's downloads keep the page's own query.
        #expect(html.contains(#"href="/plans?unit=20&amp;format=csv&amp;table=ke-hoach""#))
    }
}
