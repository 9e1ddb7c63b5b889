import DXDomain
import DXForms
import DXStorage
import DXDocuments
import DXSignature
import Hummingbird
import NIOPosix

/// The standing agency's own report to the People's Committee each quarter: where it stands
/// (`GET`), and its steps (drafted, signed, sent), from the API or the dashboard's buttons.
struct CommitteeReportController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock
    let seal: KeySeal?

    func add(api: RouterGroup<Context>, pages router: Router<Context>) {
        GuardedRoutes(api, db: db)
            .get("committee-reports/:unit/:period", .api(.readValues, unit: .path("unit")), use: show)
            .post("committee-reports/:unit/:period/:step", .api(.reportToCommittee, unit: .path("unit")), use: step)
            .put("committee-reports/:unit/:period/proposals", .api(.reportToCommittee, unit: .path("unit")), use: editProposals)
        GuardedRoutes(router, db: db)
            .get("committee-reports/:unit/:period", .page(.readValues, unit: .path("unit")), use: page)
            .post("committee-reports/:unit/:period", .page(.reportToCommittee, unit: .path("unit")), use: pageStep)
            .post("committee-reports/:unit/:period/proposals", .page(.reportToCommittee, unit: .path("unit")), use: pageProposals)
    }

    @Sendable func show(_ request: Request, context: Context, caller: Principal) async throws -> CommitteeReportView {
        let (unit, period) = try Self.key(context)
        return CommitteeReportView(try await CommitteeReports(db, clock: clock).report(unit: unit, period: period), today: clock.today())
    }

    /// `POST /api/committee-reports/20/2026Q3/send`.
    @Sendable func step(_ request: Request, context: Context, caller: Principal) async throws -> CommitteeReportView {
        let (unit, period) = try Self.key(context)
        guard let step = context.parameters.get("step").flatMap(CommitteeReport.Step.init(rawValue:)) else {
            throw Problem.badRequest(.required("step"))
        }
        return CommitteeReportView(try await take(step, unit: unit, period: period, by: caller), today: clock.today())
    }

    struct ProposalsBody: Decodable {
        var proposals: [String]
    }

    /// `PUT /api/committee-reports/20/2026Q3/proposals` `{"proposals": ["…", "…"]}`: the report's
    /// proposals as the coordinator words them, until it is signed; `[]` goes back to those drafted from the data.
    @Sendable func editProposals(_ request: Request, context: Context, caller: Principal) async throws -> CommitteeReportView {
        let (unit, period) = try Self.key(context)
        let body = try await request.decodeJSON(ProposalsBody.self)
        return CommitteeReportView(try await CommitteeReports(db, clock: clock).edit(proposals: body.proposals, unit: unit, period: period, by: caller.username),
                                   today: clock.today())
    }

    /// The page's proposals box: one proposal a line.
    @Sendable func pageProposals(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let (unit, period) = try Self.key(context)
        let form = try await request.form(CommitteeProposalsForm.self)
        try context.requireFormToken(form.csrf)
        _ = try await CommitteeReports(db, clock: clock).edit(proposals: form.lines, unit: unit, period: period, by: caller.username)
        return Response.redirect(to: SiteURL.committeeReport(unit: unit, period: period.id).path, type: .normal)
    }

    @Sendable func page(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let (unit, period) = try Self.key(context)
        let report = try await CommitteeReports(db, clock: clock).report(unit: unit, period: period)
        // The proposals to edit: as edited, else as the data drafts them.
        let proposals: [String]
        if let edited = report.proposals { proposals = edited } else {
            proposals = try await QuarterlyReportBuilder.build(db, unit: unit, period: period, date: clock.today(), letterhead: nil).draftedProposals
        }
        let (name, ancestry) = try await db.read { sql in
            (try await OrgUnitStore(sql).find(unit)?.name ?? unit, try await OrgUnitStore(sql).ancestry(of: unit))
        }
        return try CommitteeReportPage(report: report, unitName: name, today: clock.today(), proposals: proposals,
                                       mayAct: Access.allows(caller, .reportToCommittee, onUnitWithAncestry: ancestry))
            .build(PagePlace(request), viewer: context.viewer).response(request, context: context)
    }

    /// The page's button: takes the step and shows the report again.
    @Sendable func pageStep(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let (unit, period) = try Self.key(context)
        let form = try await request.form(CommitteeStepForm.self)
        try context.requireFormToken(form.csrf)
        _ = try await take(form.step, unit: unit, period: period, by: caller)
        return Response.redirect(to: SiteURL.committeeReport(unit: unit, period: period.id).path, type: .normal)
    }

    /// Takes `step`. Signing is a real signature: the report is made as a PDF (LibreOffice,
    /// off the event loops) and signed with the caller's own certificate and key (PAdES),
    /// and that PDF is what the step keeps and the download gives from then on.
    func take(_ step: CommitteeReport.Step, unit: String, period: Period, by caller: Principal) async throws -> CommitteeReport {
        let reports = CommitteeReports(db, clock: clock)
        // A step out of turn is refused before two seconds of LibreOffice, not after.
        guard step == .sign, try await reports.report(unit: unit, period: period).nextSteps.contains(.sign) else {
            return try await reports.take(step, unit: unit, period: period, by: caller.username)
        }
        let report = try await QuarterlyReportBuilder.build(db, unit: unit, period: period, date: clock.today(), letterhead: nil)
        let signed = try await Signing(db, seal: seal).sign(by: caller.username, reason: report.signingReason, location: report.letterhead.place) {
            try await NIOThreadPool.singleton.runIfActive { try report.pdf() }
        }
        return try await reports.take(.sign, unit: unit, period: period, by: caller.username, signedPDF: signed)
    }

    static func key(_ context: Context) throws -> (String, Period) {
        (try context.parameters.code("unit"), try ReportController.period(try context.parameters.require("period")))
    }
}
