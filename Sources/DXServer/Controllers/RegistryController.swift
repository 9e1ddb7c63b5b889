import DXDomain
import DXSpreadsheet
import DXStorage
import Foundation
import Hummingbird

/// The information-system registry: each unit's systems for those who read the unit,
/// entries written by those who write for it.
struct RegistryController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock

    func add(to api: RouterGroup<Context>) {
        // An entry is written for the unit that owns the system, which the body names.
        GuardedRoutes(api, db: db)
            .get("registry", .api(.readValues, unit: .query("unit")), use: list)
            .put("registry/:code", .api(.writeValues), use: save)
    }

    /// `GET /api/registry[?unit=20-STTTT][&format=csv|xlsx]`: the systems owned inside the unit
    /// (the caller's own scope by default), with the level ND 85/2016 suggests.
    @Sendable func list(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let unit = request.code("unit") ?? caller.scope
        let systems = try await Registry(db).systems(within: unit)
        guard let format = TableDownload.format(request) else {
            return try ListResponse(systems.map(SystemView.init)).response(from: request, context: context)
        }
        let rows = RegistryFile.rows(systems)
        return try TableDownload(name: "Hệ thống thông tin", header: rows[0], rows: rows.dropFirst().map { $0.map { .text($0) } })
            .response(format, filename: "so-dang-ky-he-thong-thong-tin")
    }

    /// `PUT /api/registry/{code}` with the entry as JSON: created or updated, audited.
    @Sendable func save(_ request: Request, context: Context, caller: Principal) async throws -> SystemView {
        var system = try await request.decodeJSON(InformationSystem.self)
        system.code = try context.parameters.code("code")
        try await context.require(.writeValues, unit: system.ownerUnit, db: db)
        try await Registry(db).save([system], by: caller.username, within: caller.scope, today: clock.today())
        return SystemView(system)
    }
}

