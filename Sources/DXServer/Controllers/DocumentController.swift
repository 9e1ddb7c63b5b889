import DXDocuments
import DXDomain
import DXStorage
import Foundation
import Hummingbird
import NIOPosix

/// Documents made from the data: the quarterly report to the People's Committee.
struct DocumentController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock

    func add(to api: RouterGroup<Context>) {
        GuardedRoutes(api, db: db).get("reports/quarterly", .api(.readValues, unit: .query("unit")), use: quarterly)
    }

    /// The app's policy, letting in the report page's one style block (its hash, computed once).
    static let reportPolicy = SecurityHeadersMiddleware<Context>.policy(allowingStyle: QuarterlyReport.htmlStyle)

    /// `GET /api/reports/quarterly?unit=20&period=2026Q3&format=docx|html|pdf`. The PDF is
    /// the one its signer signed once the report is signed, else one made now, unsigned.
    @Sendable func quarterly(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let q = request.uri.queryParameters
        let unit = try context.required("unit", in: request)
        let period = try ReportController.period(q["period"].map(String.init) ?? "")
        let name = "bao-cao-chuyen-doi-so-\(unit)-\(period.id)"
        if q["format"] == "pdf", let signed = try await CommitteeReports(db, clock: clock).signedPDF(unit: unit, period: period) {
            return .download(signed, type: "application/pdf", filename: "\(name)-da-ky-so.pdf")
        }
        let report = try await QuarterlyReportBuilder.build(db, unit: unit, period: period, date: clock.today(), letterhead: nil)
        if q["format"] == "pdf" {
            return .download(try await NIOThreadPool.singleton.runIfActive { try report.pdf() }, type: "application/pdf", filename: "\(name).pdf")
        }
        if q["format"] == "html" {
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8",
                                                   .contentSecurityPolicy: Self.reportPolicy],
                            body: .init(byteBuffer: ByteBuffer(string: report.html())))
        }
        return .download(try report.docx(), type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", filename: "\(name).docx")
    }
}
