import DXDomain
import DXStorage
import Hummingbird

/// `/exchange`: how the pushes to other systems went, for those who run the catalog.
struct ExchangeController: Sendable {
    typealias Context = AppRequestContext
    let db: Database

    func add(to router: Router<Context>) {
        GuardedRoutes(router, db: db).get("exchange", .page(.manageCatalog), use: page)
    }

    @Sendable func page(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let (targets, pushes, names) = try await db.read { sql in
            (try await ExportStore(sql).targets(), try await ExportStore(sql).latest(100), try await OrgUnitStore(sql).names())
        }
        // A coordinator sees the pushes of their own subtree's units; an administrator every one.
        var inside: Set<String>?
        if let root = caller.scope { inside = Set(try await db.read { try await OrgUnitStore($0).subtree(of: root) }) }
        let mine = { (unit: String) in inside?.contains(unit) ?? true }
        return try ExchangePage.build(targets: targets.filter { mine($0.unit) }, pushes: pushes.filter { mine($0.unitCode) }, names: names,
                                      PagePlace(request)).response(request, context: context)
    }
}
