import DXDomain
import DXForms
import DXSpreadsheet
import DXStorage
import Hummingbird

/// The registry's pages: the list (each reader sees the systems inside their own unit), an
/// entry's form for those who write for its unit, and the upload of a registry file.
struct RegistryPageController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock

    func add(to router: Router<Context>) {
        // An entry's unit is in what it names or posts: the handlers narrow to it.
        GuardedRoutes(router, db: db)
            .get("registry", .page(.readValues), use: list)
            .post("registry/import", .page(.writeValues), use: upload)
            .get("registry/:code", .page(.writeValues), use: entry)
            .post("registry/:code", .page(.writeValues), use: save)
    }

    @Sendable func list(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let systems = try await Registry(db).systems(within: caller.scope)
        let names = try await db.read { try await OrgUnitStore($0).names() }
        let filter = request.uri.queryParameters["filter"].flatMap { RegistryPage.Filter(rawValue: String($0)) }
        let writer = Access.allows(caller, .writeValues)
        var ancestries: [String: [String]] = [:]
        for unit in Set(systems.map(\.ownerUnit)) where writer {
            ancestries[unit] = try await db.read { try await OrgUnitStore($0).ancestry(of: unit) }
        }
        return try RegistryPage.list(systems, names: names, filter: filter,
                                     editable: { writer && Access.allows(caller, .writeValues, onUnitWithAncestry: ancestries[$0.ownerUnit] ?? []) },
                                     mayAdd: writer, csrf: context.csrfToken, today: clock.today(), PagePlace(request))
            .response(request, context: context)
    }

    @Sendable func entry(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let code = try context.parameters.code("code")
        let system = code == "new" ? nil : try await existing(code, caller: caller, context: context)
        // A new system is the caller's own unit's, until they pick another.
        let typed = system == nil ? ["owner_unit": caller.scope ?? ""] : [:]
        return try await form(system, code: code == "new" ? nil : code, typed: typed, problems: [], request, context: context, caller: caller)
    }

    @Sendable func save(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let posted = try await request.form(RegistryEntryForm.self)
        try context.requireFormToken(posted.csrf)
        let path = try context.parameters.code("code")
        let isNew = path == "new"
        if !isNew { _ = try await existing(path, caller: caller, context: context) }
        let code = isNew ? (posted.fields["code"] ?? "").trimmingWhitespace() : path
        var problems: [DomainError] = []
        switch posted.system(code: code) {
        case .success(let system):
            do {
                try await context.require(.writeValues, unit: system.ownerUnit, db: db)
                if isNew, try await find(code) != nil {
                    throw DomainErrors([DomainError(code: "duplicate", field: "code", vi: "Đã có hệ thống mã \(code).", en: "A system \(code) exists already.", kind: .conflict)])
                }
                try await Registry(db).save([system], by: caller.username, within: caller.scope, today: clock.today())
                return Response.redirect(to: SiteURL.registry(filter: nil).path, type: .normal)
            } catch let e as any DomainProblems {
                problems = e.problems.map { p in p.at(field: RegistryFile.column(p.field.map { String($0.split(separator: ".").last ?? "") })) }
            }
        case .failure(let e): problems = e.errors
        }
        return try await form(nil, code: isNew ? nil : code, typed: posted.fields, problems: problems, request, context: context, caller: caller)
            .with(status: ReportPageController.status(problems))
    }

    /// Reads a registry file (as `dxtrack registry import` does) and saves all of it, or nothing.
    @Sendable func upload(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let form = try await request.multipartForm(upTo: ImportController.maxFile + 64 * 1024)
        try context.requireFormToken(form.fields["csrf"])
        guard let file = form.files["file"], !file.bytes.isEmpty else { throw DomainErrors([DomainError.required("file")]) }
        let table = try ImportFile.table(file.bytes)
        let (systems, lines, problems) = RegistryFile.read(table: table)
        guard problems.isEmpty else { throw RowProblems(problems) }
        do {
            _ = try await Registry(db).save(systems, by: caller.username, within: caller.scope, today: clock.today())
        } catch let e as any DomainProblems {
            throw RowProblems(RowProblem.locate(e.problems, prefix: "systems", lines: lines, header: table.header, column: RegistryFile.column,
                                                context: { systems[$0].code }))
        }
        return Response.redirect(to: SiteURL.registry(filter: nil).path, type: .normal)
    }

    private func find(_ code: String) async throws -> InformationSystem? {
        try await db.read { try await RegistryStore($0).find(codes: [code])[code] }
    }

    /// The system, when it exists and the caller writes for its unit.
    private func existing(_ code: String, caller: Principal, context: Context) async throws -> InformationSystem {
        guard let system = try await find(code) else {
            throw DomainErrors([DomainError.unknown(.system, code: code)])
        }
        try await context.require(.writeValues, unit: system.ownerUnit, db: db)
        return system
    }

    private func form(_ system: InformationSystem?, code: String?, typed: [String: String], problems: [DomainError],
                      _ request: Request, context: Context, caller: Principal) async throws -> Response {
        let today = clock.today()
        let units = try await db.read { sql in
            var within: Set<String>? = nil
            if let scope = caller.scope { within = Set(try await OrgUnitStore(sql).subtree(of: scope)) }
            return try await OrgUnitStore(sql).all().filter { u in within.map { $0.contains(u.code) } ?? true }
                .filter { $0.isActive(on: today) }
                .sorted { ($0.code == caller.scope ? 0 : 1, $0.name) < ($1.code == caller.scope ? 0 : 1, $1.name) }.map { ($0.code, $0.name) }
        }
        return try RegistryPage.entry(system, code: code, typed: typed, units: units, problems: problems, csrf: context.csrfToken, PagePlace(request))
            .response(request, context: context)
    }
}

/// An uploaded file's problems, each with its row and cell, answered as one refusal.
struct RowProblems: DomainProblems {
    let rows: [RowProblem]
    init(_ rows: [RowProblem]) { self.rows = rows }
    var problems: [DomainError] {
        rows.map { r in DomainError(code: r.error.code, field: r.column, vi: "Dòng \(r.line)\(r.cell.map { ", ô \($0)" } ?? ""): \(r.error.vi)",
                                    en: "Row \(r.line)\(r.cell.map { ", cell \($0)" } ?? ""): \(r.error.en)", kind: r.error.kind) }
    }
}
