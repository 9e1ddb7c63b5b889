import DXDomain
import DXForms
import DXStorage
import Foundation
import Hummingbird

/// Importing a file of values: `POST /api/import` for scripts, `/import` for people.
struct ImportController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock
    /// CSV or XLSX files up to 20 MB (about 200,000 rows).
    static let maxFile = 20 * 1024 * 1024

    func add(api: RouterGroup<Context>, pages router: Router<Context>) {
        GuardedRoutes(api, db: db).post("import", .api(.writeValues), use: importFile)
        GuardedRoutes(router, db: db)
            .get("import", .page(.writeValues), use: page)
            .post("import", .page(.writeValues), use: upload)
    }

    /// The file as the body (CSV or XLSX); `?dry_run=true` checks without writing.
    @Sendable func importFile(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let bytes = try await request.collectBody(upTo: Self.maxFile, field: "file")
        let dryRun = ["true", "1"].contains(request.uri.queryParameters["dry_run"].map(String.init) ?? "")
        let outcome = try await ValueImport(db: db, clock: clock).run(bytes, as: caller, dryRun: dryRun)
        return try ImportView(outcome).response(from: request, context: context).with(status: outcome.problems.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func page(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        try ImportPage(outcome: nil, filename: nil).build(PagePlace(request), viewer: context.viewer).response(request, context: context)
    }

    @Sendable func upload(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let form = try await request.multipartForm(upTo: Self.maxFile + 64 * 1024)
        try context.requireFormToken(form.fields["csrf"])
        guard let file = form.files["file"], !file.bytes.isEmpty else {
            let outcome = ValueImport.Outcome(format: "", dryRun: true, written: 0,
                                              problems: [RowProblem(line: 1, column: nil, error: DomainError.required("file"))])
            return try ImportPage(outcome: outcome, filename: nil).build(PagePlace(request), viewer: context.viewer)
                .response(request, context: context, status: .unprocessableContent)
        }
        let outcome = try await ValueImport(db: db, clock: clock).run(file.bytes, as: caller, dryRun: form.fields["dry_run"] == "1")
        return try ImportPage(outcome: outcome, filename: EvidenceFile.clean(file.filename)).build(PagePlace(request), viewer: context.viewer)
            .response(request, context: context, status: outcome.problems.isEmpty ? .ok : .unprocessableContent)
    }
}

extension Response {
    func with(status: HTTPResponse.Status) -> Response {
        var copy = self
        copy.status = status
        return copy
    }
}
