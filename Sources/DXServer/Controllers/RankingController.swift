import DXCatalog
import DXDomain
import DXStorage
import Hummingbird

/// Rankings (by an indicator, and by a composite index with its stability) and the
/// emulation leaderboards.
struct RankingController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock

    func add(to router: Router<Context>) {
        // Each ranks inside the unit the reader picks (or their own), or shows a campaign's
        // board to its launching unit's readers: the handlers narrow to that unit.
        GuardedRoutes(router, db: db)
            .get("rankings", .page(.readValues), use: byIndicator)
            .get("rankings/index", .page(.readValues), use: byIndex)
            .get("emulation", .page(.readValues), use: campaigns)
            .get("emulation/:campaign", .page(.readValues), use: leaderboard)
    }

    /// `?indicator=&period=&kind=&unit=`: the units of a kind inside a unit, ranked on an indicator.
    @Sendable func byIndicator(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let today = clock.today()
        let root = try await DashboardController.root(request, caller, today: today, db: db)
        try await context.require(.readValues, unit: root, db: db)
        let q = request.uri.queryParameters
        let (indicators, targets) = try await db.read { (try await CatalogStore($0).indicators(), try await CatalogStore($0).targets()) }
        // Unpicked: an indicator, kind and period that have figures to rank (RankingChoice).
        var opening: RankingChoice? = nil
        if request.code("indicator") == nil && q["period"] == nil {
            // Each unit's latest figures are read once per version of the data, not on every visit.
            let db = db
            opening = try await db.derived("ranking-choice|\(root)") {
                try await db.read { sql in
                    let kinds = Dictionary(try await OrgUnitStore(sql).all().map { ($0.code, $0.kind) }, uniquingKeysWith: { a, _ in a })
                    return RankingChoice.firstWithData(targets: targets, latest: try await DataValueStore(sql).latest(withinSubtreeOf: root), kindOf: kinds)
                }
            }
        }
        let first = targets.first { !$0.unitKinds.isEmpty }
        let code = request.code("indicator") ?? opening?.indicator ?? first?.indicatorCode ?? indicators.first?.code ?? ""
        let kind = q["kind"].flatMap { OrgUnitKind(rawValue: String($0)) } ?? opening?.kind ?? first?.unitKinds.first ?? .department
        let period = try q["period"].map { try ReportController.period(String($0)) } ?? opening?.period ?? Period(type: .yearly, containing: today).previous
        let ranked = try await Analytics(db).rank(indicator: code, period: period, within: root, kinds: [kind])
        let names = try await db.read { try await OrgUnitStore($0).names() }
        let form = RankingPage.Choice(indicator: code, kind: kind, period: period, root: root)
        return try RankingPage.byIndicator(ranked, indicators: indicators, choice: form, names: names, today: today, PagePlace(request)).response(request, context: context)
    }

    /// `?framework=&period=`: a composite index (a province's own, or the DTI) with rank intervals.
    /// Only the shipped frameworks: a name never reaches the file system from here.
    @Sendable func byIndex(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let today = clock.today()
        let root = try await DashboardController.root(request, caller, today: today, db: db)
        try await context.require(.readValues, unit: root, db: db)
        let q = request.uri.queryParameters
        let shipped = try IndexFrameworks.shipped()
        let name = q["framework"].map(String.init) ?? shipped.first { $0.unitCode == root }?.code ?? "dti-2022"
        guard let framework = shipped.first(where: { $0.code == name || $0.aliases.contains(name) }) else {
            throw Problem.notFound(.unknownFramework(name))
        }
        let period = try q["period"].map { try ReportController.period(String($0)) } ?? Period(type: .yearly, containing: today).previous
        let within = framework.unitKinds.isEmpty ? nil : root
        let inputs = try await Analytics(db).indexInputs(framework, period: period, within: within)
        let missing = try await Analytics(db).missingComponents(framework)
        let names = try await db.read { try await OrgUnitStore($0).names() }
        return try RankingPage.byIndex(framework, frameworks: shipped, period: period, ranked: framework.rank(inputs, withStability: true),
                                       missing: missing, names: names, today: today, PagePlace(request)).response(request, context: context)
    }

    @Sendable func campaigns(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let all = try await Campaigns(db).all()
        return try EmulationPage.list(all, mayLaunch: Access.allows(caller, .manageCatalog), PagePlace(request)).response(request, context: context)
    }

    @Sendable func leaderboard(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let code = try context.parameters.code("campaign")
        let campaign = try await Campaigns(db).campaign(code)
        try await context.require(.readValues, unit: campaign.unitCode, db: db)
        let board = try await Campaigns(db).board(code)
        return try EmulationPage.board(board, PagePlace(request)).response(request, context: context)
    }
}
