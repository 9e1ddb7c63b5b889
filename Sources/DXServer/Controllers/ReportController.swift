import Foundation
import DXDomain
import DXSignature
import DXSpreadsheet
import DXStorage
import Hummingbird

/// Report forms, obligations, and each unit's report: enter, submit, return,
/// approve, reopen.
struct ReportController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock
    let seal: KeySeal?

    func add(to api: RouterGroup<Context>) {
        let report = "reports/:form/:unit/:period", unit = Permission.Unit.path("unit")
        let routes = GuardedRoutes(api, db: db)
            .get("forms", .everyone, use: forms)
            .get("obligations", .api(.readValues), use: obligations)
            .get(RouterPath(report), .api(.readValues, unit: unit), use: self.report)
            .get(RouterPath(report + "/template.csv"), .api(.readValues, unit: unit), use: template)
            .get(RouterPath(report + "/template.xlsx"), .api(.readValues, unit: unit), use: template)
            .get("forms/:form/template.csv", .api(.readValues), use: formTemplate)
            .get("forms/:form/template.xlsx", .api(.readValues), use: formTemplate)
            .put(RouterPath(report), .api(.writeValues, unit: unit), use: save)
            .post(RouterPath(report + "/evidence"), .api(.writeValues, unit: unit), use: attach)
            .delete(RouterPath(report + "/evidence/:sha256"), .api(.writeValues, unit: unit), use: detach)
            // A file is anyone's who may read a report it is attached to: the handler finds them.
            .get("evidence/:sha256", .everyone, use: evidence)
            .get(RouterPath(report + "/signed"), .api(.readValues, unit: unit), use: signed)
        // Each step of the workflow with the right it takes (an approval's level is checked in the step).
        for step in SubmissionAction.allCases where step != .save {
            routes.post(RouterPath(report + "/" + step.rawValue), .api(step.permission, unit: unit)) { request, context, caller in
                try await act(step, request, context: context, caller: caller)
            }
        }
    }

    /// The report with its signatures, authorities and evidence files: `dxtrack verify` checks it offline.
    /// A ZIP of each step's content and CMS signature (`openssl cms -verify` checks each), or the
    /// single JSON file with `?format=json` or `Accept: application/json`.
    @Sendable func signed(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let (form, unit, period) = try Self.key(context)
        let report = try await Signing(db, seal: nil).export(form: form, unit: unit, period: period, today: clock.today())
        let name = "\(form)-\(unit)-\(period.id)-signed"
        let json = request.uri.queryParameters["format"] == "json" || (request.headers[.accept] ?? "").hasPrefix("application/json")
        guard json else { return .download(try report.archive(), type: "application/zip", filename: name + ".zip") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return .download(Array(try encoder.encode(report)), type: "application/json", filename: name + ".json")
    }

    /// `POST …/evidence?indicator=X&version=N&filename=quyet-dinh.pdf`, the file as the body.
    @Sendable func attach(_ request: Request, context: Context, caller: Principal) async throws -> ReportView {
        let (form, unit, period) = try Self.key(context)
        let q = request.uri.queryParameters
        guard let indicator = request.code("indicator") else { throw Problem.invalid([DomainError.required("indicator")]) }
        let bytes = try await request.collectBody(upTo: EvidenceFile.maxBytes + 1, field: "file")
        return ReportView(try await Submissions(db, seal: seal, clock: clock).attach(bytes, filename: q["filename"].map(String.init) ?? "",
                                                           indicator: indicator, form: form, unit: unit, period: period,
                                                           version: try Self.version(q), by: caller.username))
    }

    /// `DELETE …/evidence/{sha256}?indicator=X&version=N`.
    @Sendable func detach(_ request: Request, context: Context, caller: Principal) async throws -> ReportView {
        let (form, unit, period) = try Self.key(context)
        let q = request.uri.queryParameters
        guard let indicator = request.code("indicator") else { throw Problem.invalid([DomainError.required("indicator")]) }
        return ReportView(try await Submissions(db, seal: seal, clock: clock).detach(try context.parameters.require("sha256"), indicator: indicator, form: form,
                                                           unit: unit, period: period, version: try Self.version(q),
                                                           by: caller.username))
    }

    /// An evidence file, for anyone who may read a report it is attached to.
    @Sendable func evidence(_ request: Request, context: Context) async throws -> Response {
        let sha256 = try context.parameters.require("sha256")
        let units = try await db.read { try await EvidenceStore($0).units(attachedTo: sha256) }
        var allowed = false
        for unit in units where !allowed { allowed = (try? await context.require(.readValues, unit: unit, db: db)) != nil }
        guard allowed else {
            // The public is asked to sign in; a signed-in caller who may not read the file is
            // told what one who asks for a file that does not exist is told, so that a hash
            // cannot be tested for a file in another unit's report.
            if context.principal == nil { throw context.denial(.readValues, unit: nil) }
            throw Problem.noSuchEvidence
        }
        guard let file = try await db.read({ try await EvidenceStore($0).content(sha256) }) else {
            throw Problem.noSuchEvidence
        }
        return .download(file.bytes, type: file.contentType, filename: "\(sha256.prefix(12)).\(Self.fileExtension(file.contentType))")
    }

    static func fileExtension(_ contentType: String) -> String {
        switch contentType { case "application/pdf": "pdf"; case "image/png": "png"; default: "jpg" }
    }

    static func version(_ q: Parameters) throws -> Int {
        guard let v = q["version"].flatMap({ Int(String($0)) }) else { throw Problem.invalid([DomainError.required("version")]) }
        return v
    }

    @Sendable func forms(_ request: Request, context: Context) async throws -> ListResponse<ReportForm> {
        ListResponse(try await db.read { try await FormStore($0).forms() })
    }

    /// `GET /api/obligations?form=CDS-QUY-SO&period=2026Q3`: who owes the report, where it stands, who is late.
    @Sendable func obligations(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let q = request.uri.queryParameters
        guard let form = request.code("form") else { throw Problem.invalid([DomainError.required("form")]) }
        let period = try Self.period(q["period"].map(String.init) ?? "")
        let scope = caller.scope
        let list = try await Submissions(db, seal: seal, clock: clock).obligations(form: form, period: period, within: scope, today: clock.today())
        guard let format = TableDownload.format(request) else { return try ListResponse(list.map(ReportView.init)).response(from: request, context: context) }
        let names = try await db.read { try await OrgUnitStore($0).find(codes: Set(list.map(\.unitCode))) }
        let rows: [[XLSXWriter.Cell]] = list.map { r in
            [.text(r.unitCode), .text(names[r.unitCode]?.name ?? ""), .text(r.period.id), .date(r.deadline), .text(r.status.nameVi),
             .text(r.timeliness.nameVi), .text(r.record?.submittedBy ?? ""), .text(r.record?.submittedAt ?? "")]
        }
        return try TableDownload(name: "Tình hình báo cáo", header: ["Mã đơn vị", "Đơn vị", "Kỳ", "Hạn nộp", "Trạng thái", "Thời hạn", "Người gửi", "Gửi lúc"],
                                 rows: rows).response(format, filename: "bao-cao-\(form)-\(period.id)")
    }

    @Sendable func report(_ request: Request, context: Context, caller: Principal) async throws -> ReportView {
        let (form, unit, period) = try Self.key(context)
        return ReportView(try await Submissions(db, seal: seal, clock: clock).report(form: form, unit: unit, period: period, today: clock.today()))
    }

    /// The template of the report (`template.csv` or `template.xlsx`), to fill in a spreadsheet and import.
    @Sendable func template(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let (formCode, unit, period) = try Self.key(context)
        let (form, indicators) = try await Self.form(formCode, db)
        let held = try await Submissions(db, seal: seal, clock: clock).report(form: formCode, unit: unit, period: period, today: clock.today()).values
        return try TemplateDownload.response(form: form, indicators: indicators, units: [unit], period: period, values: held,
                                             format: request.uri.path.hasSuffix(".xlsx") ? "xlsx" : "csv",
                                             filename: "\(formCode)-\(unit)-\(period.id)")
    }

    /// `GET /api/forms/{form}/template.xlsx?period=2026Q3`: one sheet for every unit in
    /// the caller's subtree that owes the form, for a department collecting its communes' figures.
    @Sendable func formTemplate(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let formCode = try context.parameters.code("form")
        let period = try Self.period(request.uri.queryParameters["period"].map(String.init) ?? "")
        let (form, indicators) = try await Self.form(formCode, db)
        let owing = try await Submissions(db, seal: seal, clock: clock).obligations(form: formCode, period: period, within: caller.scope, today: clock.today())
        return try TemplateDownload.response(form: form, indicators: indicators, units: owing.map(\.unitCode), period: period,
                                             values: owing.flatMap(\.values),
                                             format: request.uri.path.hasSuffix(".xlsx") ? "xlsx" : "csv",
                                             filename: "\(formCode)-\(period.id)")
    }

    static func form(_ code: String, _ db: Database) async throws -> (ReportForm, [String: Indicator]) {
        try await db.read { sql in
            guard let form = try await FormStore(sql).form(code) else { throw DomainErrors([DomainError.unknown(.form, code: code)]) }
            return (form, try await CatalogStore(sql).indicators(codes: Set(form.indicators)))
        }
    }

    /// `PUT` a draft: `{"version": 3, "values": [{"indicator", "value" | "numerator" + "denominator", "comment"}]}`.
    @Sendable func save(_ request: Request, context: Context, caller: Principal) async throws -> ReportView {
        let (form, unit, period) = try Self.key(context)
        let body = try await request.decodeJSON(SaveRequest.self)
        let values = body.values.map {
            DataValueInput(unit: unit, indicator: $0.indicator, period: period.id, value: $0.value, numerator: $0.numerator,
                           denominator: $0.denominator, comment: $0.comment)
        }
        return ReportView(try await Submissions(db, seal: seal, clock: clock).save(form: form, unit: unit, period: period, values: values, version: body.version,
                                                         by: caller.username))
    }

    /// `POST …/submit|return|approve|reopen` with `{"version": 3, "reason": "…"}`.
    func act(_ action: SubmissionAction, _ request: Request, context: Context, caller: Principal) async throws -> ReportView {
        let (form, unit, period) = try Self.key(context)
        let body = try await request.decodeJSON(ActRequest.self)
        return ReportView(try await Submissions(db, seal: seal, clock: clock).act(action, form: form, unit: unit, period: period, version: body.version,
                                                        reason: body.reason, by: caller))
    }

    static func key(_ context: Context) throws -> (String, String, Period) {
        (try context.parameters.code("form"), try context.parameters.code("unit"),
         try period(try context.parameters.require("period")))
    }

    static func period(_ id: String) throws -> Period {
        do { return try Period(id) } catch { throw Problem.badRequest(error) }
    }

    struct SaveRequest: Decodable {
        struct Item: Decodable {
            let indicator: String
            let value: Double?
            let numerator: Double?
            let denominator: Double?
            let comment: String?
        }
        let version: Int
        let values: [Item]
    }

    struct ActRequest: Decodable {
        let version: Int
        let reason: String?
    }
}

// A form is answered in its catalog file's format: one documented shape for both.
extension ReportForm: ResponseEncodable {}
