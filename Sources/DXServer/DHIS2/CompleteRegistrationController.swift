import DXDomain
import DXSignature
import DXStorage
import Foundation
import Hummingbird

/// `/api/completeDataSetRegistrations`: DHIS2's "this report is complete", which in
/// dxtrack is a report sent (submitted or approved). Reading lists the sent reports of a
/// form, period and unit (with `children=true`, its subtree); registering submits each
/// report named, by the same rules as the report's own page: the caller's units only,
/// the entry window, the required figures, the signature the form asks for.
struct CompleteRegistrationController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock
    let seal: KeySeal?

    func add(to api: RouterGroup<Context>) {
        GuardedRoutes(api, db: db)
            .get("completeDataSetRegistrations", .api(.readValues), use: list)
            .post("completeDataSetRegistrations", .api(.writeValues), use: register)
    }

    /// `?dataSet=ID&period=P&orgUnit=ID[&children=true]`, identifiers by UID or code.
    @Sendable func list(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let q = request.uri.queryParameters, ids = try await DHIS2Directory(db).identifiers()
        guard let formID = q["dataSet"].map(String.init), let periodID = q["period"].map(String.init),
              let unitID = q["orgUnit"].map(String.init) else {
            throw Problem.invalid(["dataSet", "period", "orgUnit"].filter { q[Substring($0)] == nil }.map { DomainError.required($0) })
        }
        let form = ids.code(for: formID, as: .dataSet)
        let unit = ids.code(for: unitID, as: .organisationUnit)
        try await context.require(.readValues, unit: unit, db: db)
        let period = try ReportController.period(periodID)
        let submissions = Submissions(db, seal: seal, clock: clock)
        let reports = q["children"] == "true"
            ? try await submissions.obligations(form: form, period: period, within: unit, today: clock.today())
            : [try await submissions.report(form: form, unit: unit, period: period, today: clock.today())]
        let uid = ids.code(.dataSet, uid: formID) != nil || ids.code(.organisationUnit, uid: unitID) != nil
        let sent = reports.filter { $0.status == .submitted || $0.status == .approved }.map { r in
            CompleteRegistration(dataSet: uid ? ids.uid(.dataSet, r.form.code) ?? r.form.code : r.form.code, period: r.period.id,
                         organisationUnit: uid ? ids.uid(.organisationUnit, r.unitCode) ?? r.unitCode : r.unitCode,
                         attributeOptionCombo: ids.uid(.categoryOptionCombo, "default"), completed: true,
                         date: r.current.submittedAt, storedBy: r.current.submittedBy)
        }
        return try JSONAnswer.response(CompleteRegistrations(completeDataSetRegistrations: sent))
    }

    /// `{"completeDataSetRegistrations": [{"dataSet", "period", "organisationUnit", "completed"}]}`:
    /// each report submitted, or a conflict saying why not.
    @Sendable func register(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let body: CompleteRegistrations
        do { body = try JSONDecoder().decode(CompleteRegistrations.self, from: Data(try await request.collectBody(upTo: 1 << 20))) }
        catch is DecodingError { throw Problem.badRequest(.notARegistration) }
        let ids = try await DHIS2Directory(db).identifiers()
        var summary = DataValueSetImport.Summary(), sent: [String: String] = [:]
        let submissions = Submissions(db, seal: seal, clock: clock)
        for (i, r) in body.completeDataSetRegistrations.enumerated() {
            let form = ids.code(for: r.dataSet, as: .dataSet)
            let unit = ids.code(for: r.organisationUnit, as: .organisationUnit)
            (sent[form], sent[unit]) = (r.dataSet, r.organisationUnit)
            // A refused registration counts once as ignored, whatever number of reasons it has.
            func refuse(_ object: String, _ errors: [DomainError]) {
                summary.conflicts += errors.map { .init(object: object, error: $0, indexes: [i]) }
                summary.ignored += 1
            }
            guard r.completed ?? true else { refuse(form, [.cannotUncomplete]); continue }
            let ancestry = try await db.read { try await OrgUnitStore($0).ancestry(of: unit) }
            guard Access.allows(caller, .writeValues, onUnitWithAncestry: ancestry.isEmpty ? [unit] : ancestry) else {
                refuse(unit, [.mayNotWriteValues(user: caller.username, unit: unit, field: "organisationUnit")])
                continue
            }
            do {
                let period = try Period(r.period)
                let report = try await submissions.report(form: form, unit: unit, period: period, today: clock.today())
                if report.status == .submitted || report.status == .approved { summary.ignored += 1; continue }
                _ = try await submissions.act(.submit, form: form, unit: unit, period: period, version: report.version, reason: nil, by: caller)
                summary.imported += 1
            } catch let e as any DomainProblems {
                refuse(form, e.problems)
            }
        }
        return try ImportSummaryView(summary, sent: sent).response(for: context.dhis2)
    }
}

extension DomainError {
    static let notARegistration = DomainError(code: "malformed_json", field: "body",
        vi: "JSON không phải danh sách completeDataSetRegistrations hợp lệ.", en: "The JSON is not a valid completeDataSetRegistrations list.")
    static let cannotUncomplete = DomainError(code: "cannot_uncomplete", field: "completed",
        vi: "Không thể bỏ trạng thái đã gửi qua giao diện này; đề nghị điều phối viên mở lại báo cáo.",
        en: "A sent report cannot be marked incomplete here; ask the coordinator to reopen it.", kind: .conflict)
}
