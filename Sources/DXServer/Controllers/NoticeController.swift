import DXDomain
import DXForms
import DXStorage
import Hummingbird

/// The inbox (every signed-in person's own notices), one's mail settings, and the
/// coordinator's reminder by hand to the units overdue on a form.
struct NoticeController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock

    func add(to router: Router<Context>) {
        // Every role reads the catalog: these are for anyone signed in, each their own.
        GuardedRoutes(router, db: db)
            .get("inbox", .page(.readCatalog), use: inbox)
            .post("inbox/read", .page(.readCatalog), use: readAll)
            .get("inbox/:id", .page(.readCatalog), use: open)
            .get("settings", .page(.readCatalog), use: settings)
            .post("settings", .page(.readCatalog), use: saveSettings)
            .get("reports/urge", .page(.urge), use: urgeList)
            .post("reports/urge", .page(.urge), use: urge)
    }

    var notifications: Notifications { Notifications(db, clock: clock) }

    @Sendable func inbox(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        try InboxPage.build(try await notifications.inbox(of: caller.username), csrf: context.csrfToken, PagePlace(request))
            .response(request, context: context)
    }

    /// Marks the notice read and goes to its page; another person's notice is not found.
    @Sendable func open(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let entry = try await notifications.open(id, by: caller.username) else {
            throw Problem(.notFound, vi: "Không có thông báo này.", en: "No such notice.")
        }
        return Response.redirect(to: SiteURL(entry.notice.place).path, type: .normal)
    }

    @Sendable func readAll(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        try context.requireFormToken(try await request.form(TokenForm.self).csrf)
        try await notifications.readAll(of: caller.username)
        return Response.redirect(to: SiteURL.inbox.path, type: .normal)
    }

    @Sendable func settings(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let account = try await own(caller)
        return try SettingsPage.build(account, saved: request.uri.queryParameters["saved"] != nil, csrf: context.csrfToken, PagePlace(request))
            .response(request, context: context)
    }

    @Sendable func saveSettings(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let posted = try await request.form(MailSettingsForm.self)
        try context.requireFormToken(posted.csrf)
        do {
            try await Accounts(db).setMail(caller.username, email: posted.email, choice: posted.choice, english: posted.english)
            return Response.redirect(to: SiteURL.settings.path + "?saved=1", type: .normal)
        } catch let e as any DomainProblems {
            var account = try await own(caller)
            (account.mailChoice, account.prefersEnglish) = (posted.choice, posted.english)
            return try SettingsPage.build(account, typedEmail: posted.email, problems: e.problems, saved: false, csrf: context.csrfToken,
                                          PagePlace(request))
                .response(request, context: context, status: ReportPageController.status(e.problems))
        }
    }

    private func own(_ caller: Principal) async throws -> Account {
        guard let account = try await Accounts(db).account(caller.username) else { throw Problem(.notFound, vi: "Không có tài khoản.", en: "No account.") }
        return account
    }

    @Sendable func urgeList(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        guard let code = request.code("form") else { throw Problem.invalid([DomainError.required("form")]) }
        guard let text = request.uri.queryParameters["period"] else { throw Problem.invalid([DomainError.required("period")]) }
        let period = try ReportController.period(String(text))
        let today = clock.today()
        let reports = try await Submissions(db, clock: clock).obligations(form: code, period: period, within: caller.scope, today: today)
        let (form, names) = try await db.read { sql in (try await FormStore(sql).form(code), try await OrgUnitStore(sql).names()) }
        guard let form else { throw Problem.notFound(DomainError.unknown(.form, code: code)) }
        let sent = request.uri.queryParameters["sent"].flatMap { Int(String($0)) }
        return try UrgePage.build(form: form, period: period, overdue: reports.filter { $0.timeliness == .missing }, names: names, sent: sent,
                                  csrf: context.csrfToken, PagePlace(request))
            .response(request, context: context)
    }

    @Sendable func urge(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let posted = try await request.form(UrgeForm.self)
        try context.requireFormToken(posted.csrf)
        let form = Code.canonical(posted.form)
        let n = try await notifications.urge(form: form, period: posted.period, within: caller.scope, by: caller.username)
        return Response.redirect(to: SiteURL.urgeList(form: form, period: posted.period.id).path + "&sent=\(n)", type: .normal)
    }
}
