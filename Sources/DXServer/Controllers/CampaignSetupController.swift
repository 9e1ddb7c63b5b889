import DXDomain
import DXForms
import DXStorage
import Hummingbird

/// A coordinator launches an emulation campaign from one of their plans.
struct CampaignSetupController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock

    func add(to router: Router<Context>) {
        GuardedRoutes(router, db: db)
            .get("emulation/new", .page(.manageCatalog), use: form)
            .post("emulation/new", .page(.manageCatalog), use: create)
    }

    @Sendable func form(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        try await page(CampaignSetup(), problems: [], request, context).response(request, context: context)
    }

    @Sendable func create(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let (token, setup) = try await request.form(TokenForm.self, CampaignSetup.self)
        try context.requireFormToken(token.csrf)
        do {
            let today = clock.today()
            let (plans, targets, units) = try await db.read {
                (try await CatalogStore($0).plans(), try await CatalogStore($0).targets(), try await OrgUnitStore($0).all().filter { $0.isActive(on: today) })
            }
            let plan = plans.first { $0.code == setup.planCode }
            // Launched by the plan's unit, which the coordinator must manage.
            try await context.require(.manageCatalog, unit: plan?.unitCode, db: db)
            let campaign = try setup.campaign(unitCode: plan?.unitCode ?? caller.scope ?? "", planTargets: targets, units: units)
            try await Campaigns(db).create(campaign, by: caller.username)
            return Response.redirect(to: SiteURL.campaign(campaign.code).path, type: .normal)
        } catch let e as any DomainProblems {
            return try await page(setup, problems: e.problems, request, context).response(request, context: context, status: .unprocessableContent)
        }
    }

    /// The form, offering the plans and units within the coordinator's scope.
    private func page(_ setup: CampaignSetup, problems: [DomainError], _ request: Request, _ context: Context) async throws -> Page {
        let principal = context.principal
        let (plans, units) = try await db.read { sql in
            let store = OrgUnitStore(sql)
            var mine: [Plan] = []
            for plan in try await CatalogStore(sql).plans() where Access.allows(principal, .manageCatalog, onUnitWithAncestry: try await store.ancestry(of: plan.unitCode)) {
                mine.append(plan)
            }
            let today = clock.today()
            var units = try await store.all().filter { $0.isActive(on: today) }
            if let scope = principal?.scope {
                let subtree = Set(try await store.subtree(of: scope))
                units = units.filter { subtree.contains($0.code) }
            }
            return (mine, units)
        }
        return CampaignSetupPage.build(setup, plans: plans, units: units, problems: problems, PagePlace(request), viewer: context.viewer)
    }
}
