import DXDomain
import DXStorage
import Hummingbird

/// Read-only catalog: org units, indicators, periods. Public: it is what the
/// province publishes about itself.
struct CatalogController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock

    func add(to group: RouterGroup<Context>) {
        GuardedRoutes(group, db: db)
            .get("org-units", .everyone, use: listUnits)
            .get("org-units/:code", .everyone, use: unit)
            .get("indicators", .everyone, use: listIndicators)
            .get("indicators/:code", .everyone, use: indicator)
            .get("periods", .everyone, use: listPeriods)
            .get("periods/:id", .everyone, use: period)
    }

    @Sendable func listUnits(_ request: Request, context: Context) async throws -> ListResponse<UnitView> {
        let parent = request.uri.queryParameters["parent"].map(String.init)
        let units = try await db.read { sql in
            if let parent { return try await OrgUnitStore(sql).children(of: parent) }
            return try await OrgUnitStore(sql).all()
        }
        return ListResponse(units.map(UnitView.init))
    }

    @Sendable func unit(_ request: Request, context: Context) async throws -> UnitView {
        let code = try context.parameters.code("code")
        guard let unit = try await db.read({ try await OrgUnitStore($0).find(code) }) else {
            throw Problem.notFound(.unknown(.unit, code: code))
        }
        return UnitView(unit)
    }

    @Sendable func listIndicators(_ request: Request, context: Context) async throws -> ListResponse<IndicatorView> {
        ListResponse(try await db.read { try await CatalogStore($0).indicators() }.map(IndicatorView.init))
    }

    @Sendable func indicator(_ request: Request, context: Context) async throws -> IndicatorView {
        let code = try context.parameters.code("code")
        guard let found = try await db.read({ try await CatalogStore($0).indicator(code) }) else {
            throw Problem.notFound(.unknown(.indicator, code: code))
        }
        return IndicatorView(found)
    }

    /// `GET /api/periods?type=Quarterly&from=2025-01-01&to=2025-12-31`: the periods of
    /// a type in a date range (default: quarters of the current year).
    @Sendable func listPeriods(_ request: Request, context: Context) async throws -> ListResponse<PeriodInfo> {
        let q = request.uri.queryParameters
        let typeName = q["type"].map(String.init) ?? PeriodType.quarterly.rawValue
        guard let type = PeriodType(rawValue: typeName) else {
            throw Problem.badRequest(.unknownPeriodType(typeName))
        }
        let thisYear = Period.year(clock.today().year)!
        let from = try q["from"].map { v throws(DomainError) in try LocalDate(iso: String(v)).self } ?? thisYear.start
        let to = try q["to"].map { v throws(DomainError) in try LocalDate(iso: String(v)) } ?? thisYear.end
        guard from <= to, from.days(until: to) <= 366 * 10 else {
            throw Problem.badRequest(.periodRangeTooLong)
        }
        var periods: [PeriodInfo] = []
        var p = Period(type: type, containing: from)
        while p.start <= to {
            periods.append(PeriodInfo(p))
            p = p.next
        }
        return ListResponse(periods)
    }

    @Sendable func period(_ request: Request, context: Context) async throws -> PeriodInfo {
        do {
            return PeriodInfo(try Period(try context.parameters.require("id")))
        } catch let e as DomainError {
            throw Problem.badRequest(e)
        }
    }
}

