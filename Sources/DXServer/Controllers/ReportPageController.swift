import DXDomain
import DXForms
import DXSignature
import DXStorage
import Foundation
import Hummingbird

/// The reporter's and approver's pages: what I owe, and the report form itself.
struct ReportPageController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock
    let seal: KeySeal?

    func add(to router: Router<Context>) {
        // One form posts every step (save, submit, approve, …): reading the report is what
        // each needs at least, and the step the form names narrows to its own right.
        GuardedRoutes(router, db: db)
            .get("reports", .page(.readValues), use: mine)
            .post("reports/approve", .page(.approve), use: approveMany)
            .get("reports/:form/:unit/:period", .page(.readValues, unit: .path("unit")), use: page)
            .post("reports/:form/:unit/:period", .page(.readValues, unit: .path("unit")), use: post)
            .post("reports/:form/:unit/:period/evidence", .page(.writeValues, unit: .path("unit")), use: evidence)
    }

    /// Attaches (`action=attach`, a `file`) or removes (`action=remove`, `sha256`) an evidence file.
    @Sendable func evidence(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let (formCode, unit, period) = try ReportController.key(context)
        let form = try await request.multipartForm(upTo: EvidenceFile.maxBytes + 64 * 1024)
        try context.requireFormToken(form.fields["csrf"])
        let user = caller.username, today = clock.today(), submissions = Submissions(db, seal: seal, clock: clock)
        var version = Int(form.fields["version"] ?? "") ?? -1
        // A remove button inside the report's form says which file as `remove=INDICATOR:SHA256`;
        // the bare form of the API's callers says it as `action=remove`, `indicator` and `sha256`.
        let removing = form.fields["remove"].map { $0.split(separator: ":", maxSplits: 1).map(String.init) }
        let indicator = removing?.first ?? form.fields["indicator"] ?? ""
        // The report's page posts its whole form here, so what was typed is saved as the draft
        // first and never lost to an upload; a bare evidence form posts no figures.
        let typed = form.fields.filter { ReportEntryForm.isValueField($0.key) && !$0.value.trimmingWhitespace().isEmpty }
        if !typed.isEmpty {
            let entry = ReportEntryForm(action: .save, csrf: form.fields["csrf"], version: version, entered: form.fields.filter { ReportEntryForm.isValueField($0.key) })
            if let refused = try await saveTyped(entry, request, context: context, version: &version, by: user) { return refused }
        }
        do {
            if let sha256 = removing.map({ $0.last ?? "" }) ?? (form.fields["action"] == "remove" ? form.fields["sha256"] : nil) {
                _ = try await submissions.detach(sha256, indicator: indicator, form: formCode, unit: unit, period: period,
                                                 version: version, by: user)
            } else {
                guard let file = form.files["file"], !file.bytes.isEmpty else { throw DomainErrors([DomainError.required("file")]) }
                _ = try await submissions.attach(file.bytes, filename: file.filename, indicator: indicator, form: formCode, unit: unit,
                                                 period: period, version: version, by: user)
            }
        } catch let e as any DomainProblems {
            let report = try await submissions.report(form: formCode, unit: unit, period: period, today: today)
            return try await render(report, request, context: context, typed: [:], problems: e.problems, status: Self.status(e.problems))
        }
        return Response.redirect(to: SiteURL.report(form: formCode, unit: unit, period: period.id).path, type: .normal)
    }

    static func status(_ errors: [DomainError]) -> HTTPResponse.Status {
        ProblemMiddleware<Context>.problem(for: errors).status
    }

    @Sendable func mine(_ request: Request, context: Context, caller principal: Principal) async throws -> Response {
        let today = clock.today()
        let scope = principal.scope
        var items: [MyReportsPage.Item] = []
        let (forms, names) = try await db.read { sql in
            (try await FormStore(sql).forms(), try await OrgUnitStore(sql).names())
        }
        for form in forms {
            let current = Period(type: form.periodType, containing: today)
            for period in [current, current.previous] {
                for r in try await Submissions(db, seal: seal, clock: clock).obligations(form: form.code, period: period, within: scope, today: today) {
                    items.append(.init(report: r, unitName: names[r.unitCode] ?? r.unitCode))
                }
            }
        }
        let history = try await db.read { try await FormStore($0).history(withinSubtreeOf: scope) }
        let past = history.compactMap { r in
            forms.first { $0.code == r.formCode }.map { MyReportsPage.Past(record: r, form: $0, unitName: names[r.unitCode] ?? r.unitCode) }
        }
        let narrowing = MyReportsPage.Narrowing { request.uri.queryParameters[Substring($0)].map(String.init) }
        return try MyReportsPage.build(items, history: past, role: principal.role, narrowing: narrowing, csrf: context.csrfToken, PagePlace(request))
            .response(request, context: context)
    }

    /// Approves the reports ticked in the queue, each as if approved on its own page (the same
    /// checks of level, version and workflow), and comes back to the queue. A report that cannot
    /// be approved is left as it was and its problem listed; the others are approved.
    @Sendable func approveMany(_ request: Request, context: Context, caller principal: Principal) async throws -> Response {
        let batch = try await request.form(ApprovalBatchForm.self)
        try context.requireFormToken(batch.csrf)
        let submissions = Submissions(db, seal: seal, clock: clock)
        var problems: [DomainError] = []
        for item in try batch.items() {
            do {
                try await context.require(.approve, unit: item.unit, db: db)
                let report = try await submissions.report(form: item.form, unit: item.unit, period: item.period, today: clock.today())
                guard !report.form.signatureRequired else { throw DomainErrors([.signatureRequired(form: item.form, user: principal.username)]) }
                _ = try await submissions.act(.approve, form: item.form, unit: item.unit, period: item.period, version: item.version,
                                              reason: nil, by: principal)
            } catch let e as any DomainProblems {
                problems += e.problems.map { p in DomainError(code: p.code, field: "reports", vi: "\(item.form) · \(item.unit) · \(item.period.nameVi): \(p.vi)",
                                                              en: "\(item.form) · \(item.unit) · \(item.period.id): \(p.en)", kind: p.kind) }
            }
        }
        guard !problems.isEmpty else { return Response.redirect(to: SiteURL.myReports.path + "#t-cho-duyet", type: .normal) }
        throw DomainErrors(problems)
    }

    @Sendable func page(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let (form, unit, period) = try ReportController.key(context)
        let report = try await Submissions(db, seal: seal, clock: clock).report(form: form, unit: unit, period: period, today: clock.today())
        return try await render(report, request, context: context, typed: [:], problems: [])
    }

    @Sendable func post(_ request: Request, context: Context, caller principal: Principal) async throws -> Response {
        let (formCode, unit, period) = try ReportController.key(context)
        let entry = try await request.form(ReportEntryForm.self)
        let action = entry.action
        try await context.require(action.permission, unit: unit, db: db) // and the level, in act
        try context.requireFormToken(entry.csrf)
        let user = principal.username, today = clock.today()
        var version = entry.version ?? -1
        let submissions = Submissions(db, seal: seal, clock: clock)
        do {
            if action == .save || action == .submit {
                if let refused = try await saveTyped(entry, request, context: context, version: &version, by: user) { return refused }
            }
            if action != .save {
                _ = try await submissions.act(action, form: formCode, unit: unit, period: period, version: version,
                                              reason: entry.reason, by: principal)
            }
        } catch let e as any DomainProblems {
            // Answered as the API answers the same problems: by their most telling kind.
            let report = try await submissions.report(form: formCode, unit: unit, period: period, today: today)
            return try await render(report, request, context: context, typed: entry.entered, problems: e.problems, status: Self.status(e.problems))
        }
        return Response.redirect(to: SiteURL.report(form: formCode, unit: unit, period: period.id).path, type: .normal)
    }

    // MARK: Helpers

    /// Saves what was typed as the report's draft, moving `version` on; or, when any field has
    /// a problem, the page again with every problem beside its field and nothing saved.
    private func saveTyped(_ entry: ReportEntryForm, _ request: Request, context: Context, version: inout Int, by user: String) async throws -> Response? {
        let (formCode, unit, period) = try ReportController.key(context)
        let submissions = Submissions(db, seal: seal, clock: clock)
        let report = try await submissions.report(form: formCode, unit: unit, period: period, today: clock.today())
        let indicators = try await db.read { try await CatalogStore($0).indicators(codes: Set(report.form.indicators)) }
        let (inputs, problems) = entry.values(of: report.form, indicators: indicators, unit: unit, period: period)
        guard problems.isEmpty else {
            return try await render(report, request, context: context, typed: entry.entered, problems: problems, status: .unprocessableContent)
        }
        version = try await submissions.save(form: formCode, unit: unit, period: period, values: inputs, version: version, by: user).version
        return nil
    }

    private func render(_ report: Submissions.Report, _ request: Request, context: Context, typed: [String: String], problems: [DomainError],
                        status: HTTPResponse.Status = .ok) async throws -> Response {
        let p = context.principal
        let history = try await Submissions(db, seal: seal, clock: clock).history(of: report)
        let page = try await db.read { sql in
            let indicators = try await CatalogStore(sql).indicators(codes: Set(report.form.indicators))
            let previous = try await DataValueStore(sql).values(.init(unitCode: report.unitCode, period: report.period.previous))
            let ancestry = report.ancestry.map(\.code)
            let level = try await OrgUnitStore(sql).adminLevel(of: report.unitCode)
            var rows: [ReportPage.Row] = []
            for (i, code) in report.form.indicators.enumerated() {
                guard let indicator = indicators[code] else { continue }
                let targets = try await CatalogStore(sql).targets(indicator: code).filter { $0.horizon.end >= report.period.end }
                    .sorted { $0.horizon < $1.horizon }
                let target = targets.lazy.compactMap { t in t.threshold(for: level).map { (t, $0) } }.first
                rows.append(.init(indicator: indicator, current: report.values.first { $0.indicatorCode == code },
                                  previous: previous.first { $0.indicatorCode == code },
                                  target: target,
                                  typed: typed, problems: problems.filter { Self.belongs($0, to: code, index: i) }))
            }
            let general = problems.filter { p in !report.form.indicators.enumerated().contains { Self.belongs(p, to: $0.element, index: $0.offset) } }
            let editable = [.notStarted, .draft, .returned].contains(report.status) && Access.allows(p, .writeValues, onUnitWithAncestry: ancestry)
            return ReportPage(report: report, unitName: report.ancestry.first?.name ?? report.unitCode, rows: rows, generalProblems: general,
                              canEdit: editable,
                              canApprove: report.status == .submitted
                                  && Access.allowsApproval(p, at: report.pendingLevel, ofUnitWithAncestry: report.ancestry),
                              canReopen: report.status == .approved && Access.allows(p, .reopen, onUnitWithAncestry: ancestry),
                              signatures: try await CertificateStore(sql).signatures(form: report.form.code, unit: report.unitCode, period: report.period),
                              steps: history.steps, changes: history.changes)
        }
        return try page.build(PagePlace(request), viewer: context.viewer).response(request, context: context, status: status)
    }

    /// Whether a problem concerns the field of `indicator` (listed at `index` in the form).
    static func belongs(_ p: DomainError, to indicator: String, index: Int) -> Bool {
        guard let f = p.field else { return false }
        return f.hasPrefix("values[\(index)]") || f.hasSuffix(".\(indicator)") || f == "values.\(indicator)"
    }
}

/// Sends a browser without a session to the login page, which brings it back here after.
struct RedirectToLogin: HTTPResponseError {
    var status: HTTPResponse.Status { .found }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let here = request.method == .get ? request.uri.description : "/"
        return Response.redirect(to: SiteURL.login(next: here).path, type: .found)
    }

    /// A local path to go back to; anything else goes home. The test is made on what a
    /// browser would follow, not on the text as sent: browsers drop tabs and line breaks
    /// from a URL and read `\\` as `/`, so `/\t/evil.example` is `//evil.example`, another
    /// host. A path with any control character, space or backslash is refused outright.
    static func safe(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"),
              next.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\\") }),
              let url = URL(string: next), url.scheme == nil, url.host == nil else { return "/" }
        return next
    }
}
