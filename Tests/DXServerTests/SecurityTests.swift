import DXDomain
@testable import DXServer
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite struct SecurityTests {
    /// One request per route, and the status each caller gets. A route that is not
    /// in this table fails `everyRouteHasARule`: adding a route means deciding who may use it.
    /// 200 means "let through": any answer but 401, 403 or a server error (a state conflict
    /// from an earlier caller's request is fine; access is what this table is about).
    struct Row: Sendable {
        let method: HTTPRequest.Method
        let route: String
        let uri: String
        var body: String? = nil
        /// Status for: public, admin, coordinator, reporter (20-STTTT), approver, leader, ward-reporter (05983).
        let expect: [Int]
    }

    static let callers = ["public", "admin", "coordinator", "reporter", "approver", "leader", "ward-reporter"]
    static let sttttValue = #"{"values":[{"unit":"20-STTTT","indicator":"cks_phuong_tien","period":"2025Q1","value":3}]}"#

    static let table: [Row] = [
        Row(method: .get, route: "/health", uri: "/health", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/openapi.json", uri: "/openapi.json", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/", uri: "/", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/static/app.css", uri: "/static/app.css", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/static/app.js", uri: "/static/app.js", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/static/favicon.svg", uri: "/static/favicon.svg", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/favicon.ico", uri: "/favicon.ico", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/login", uri: "/login", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .post, route: "/login", uri: "/login", body: "username=x&password=y&csrf=z", expect: [403, 403, 403, 403, 403, 403, 403]),
        Row(method: .post, route: "/logout", uri: "/logout", body: "csrf=", expect: [302, 302, 302, 302, 302, 302, 302]),
        Row(method: .get, route: "/api/org-units", uri: "/api/org-units", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/org-units/{code}", uri: "/api/org-units/20", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/indicators", uri: "/api/indicators", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/indicators/{code}", uri: "/api/indicators/cks_phuong_tien", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/periods", uri: "/api/periods", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/periods/{id}", uri: "/api/periods/2025Q1", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/data-values", uri: "/api/data-values?unit=20-STTTT", expect: [401, 200, 200, 200, 200, 200, 403]),
        Row(method: .post, route: "/api/data-values", uri: "/api/data-values", body: sttttValue, expect: [401, 200, 200, 200, 403, 403, 403]),
        Row(method: .get, route: "/reports", uri: "/reports", expect: [302, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/reports/{form}/{unit}/{period}", uri: "/reports/F/20-STTTT/2025Q1", expect: [302, 200, 200, 200, 200, 200, 403]),
        // Report forms change only from a signed-in browser (session + CSRF token): API tokens cannot post them.
        Row(method: .post, route: "/reports/{form}/{unit}/{period}", uri: "/reports/F/20-STTTT/2025Q1", body: "action=save&version=0&csrf=x",
            expect: [302, 403, 403, 403, 403, 403, 403]),
        Row(method: .post, route: "/reports/approve", uri: "/reports/approve", body: "csrf=x", expect: [302, 403, 403, 403, 403, 403, 403]),
        Row(method: .get, route: "/api/forms", uri: "/api/forms", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/obligations", uri: "/api/obligations?form=F&period=2025Q1", expect: [401, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/reports/{form}/{unit}/{period}", uri: "/api/reports/F/20-STTTT/2025Q1", expect: [401, 200, 200, 200, 200, 200, 403]),
        Row(method: .get, route: "/api/reports/{form}/{unit}/{period}/template.csv", uri: "/api/reports/F/20-STTTT/2025Q1/template.csv",
            expect: [401, 200, 200, 200, 200, 200, 403]),
        Row(method: .put, route: "/api/reports/{form}/{unit}/{period}", uri: "/api/reports/F/20-STTTT/2025Q1",
            body: #"{"version":0,"values":[]}"#, expect: [401, 200, 200, 200, 403, 403, 403]),
        Row(method: .post, route: "/api/reports/{form}/{unit}/{period}/submit", uri: "/api/reports/F/20-STTTT/2025Q1/submit",
            body: #"{"version":0}"#, expect: [401, 200, 200, 200, 403, 403, 403]),
        Row(method: .post, route: "/api/reports/{form}/{unit}/{period}/approve", uri: "/api/reports/F/20-STTTT/2025Q1/approve",
            body: #"{"version":0}"#, expect: [401, 200, 200, 403, 200, 403, 403]),
        Row(method: .post, route: "/api/reports/{form}/{unit}/{period}/reopen", uri: "/api/reports/F/20-STTTT/2025Q1/reopen",
            body: #"{"version":0,"reason":"x"}"#, expect: [401, 200, 200, 403, 403, 403, 403]),
        Row(method: .post, route: "/api/reports/{form}/{unit}/{period}/return", uri: "/api/reports/F/20-STTTT/2025Q1/return",
            body: #"{"version":0,"reason":"x"}"#, expect: [401, 200, 200, 403, 200, 403, 403]),
        Row(method: .post, route: "/api/reports/{form}/{unit}/{period}/evidence",
            uri: "/api/reports/F/20-STTTT/2025Q1/evidence?indicator=cks_phuong_tien&version=0&filename=a.pdf",
            body: "%PDF-1.4 minh chung", expect: [401, 200, 200, 200, 403, 403, 403]),
        Row(method: .delete, route: "/api/reports/{form}/{unit}/{period}/evidence/{sha256}",
            uri: "/api/reports/F/20-STTTT/2025Q1/evidence/abc?indicator=cks_phuong_tien&version=0", expect: [401, 200, 200, 200, 403, 403, 403]),
        Row(method: .get, route: "/api/evidence/{sha256}", uri: "/api/evidence/abc", expect: [401, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/reports/{form}/{unit}/{period}/template.xlsx", uri: "/api/reports/F/20-STTTT/2025Q1/template.xlsx",
            expect: [401, 200, 200, 200, 200, 200, 403]),
        Row(method: .get, route: "/api/forms/{form}/template.csv", uri: "/api/forms/F/template.csv?period=2025Q1", expect: [401, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/forms/{form}/template.xlsx", uri: "/api/forms/F/template.xlsx?period=2025Q1", expect: [401, 200, 200, 200, 200, 200, 200]),
        // Rows of other units in a file are refused row by row (422), never written.
        Row(method: .post, route: "/api/import", uri: "/api/import?dry_run=true", body: "unit,indicator,period,value\n20-STTTT,cks_phuong_tien,2025Q1,5\n",
            expect: [401, 200, 200, 200, 403, 403, 200]),
        Row(method: .get, route: "/api/reports/{form}/{unit}/{period}/signed", uri: "/api/reports/F/20-STTTT/2025Q1/signed",
            expect: [401, 200, 200, 200, 200, 200, 403]),
        Row(method: .get, route: "/api/dataValueSets", uri: "/api/dataValueSets?orgUnit=20-STTTT", expect: [401, 200, 200, 200, 200, 200, 403]),
        Row(method: .post, route: "/api/dataValueSets", uri: "/api/dataValueSets?dryRun=true",
            body: #"{"dataValues":[{"dataElement":"cks_phuong_tien","period":"2025Q1","orgUnit":"20-STTTT","value":"5"}]}"#,
            expect: [401, 200, 200, 200, 403, 403, 200]),
        // The DHIS2 door: metadata is the public catalog; values and registrations as dxtrack's own routes.
        Row(method: .get, route: "/api/system/info", uri: "/api/system/info.json", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/me", uri: "/api/40/me.json", expect: [401, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/organisationUnits", uri: "/api/organisationUnits.json?fields=*", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/organisationUnits/{uid}", uri: "/api/organisationUnits/NoSuchUid00", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/organisationUnitLevels", uri: "/api/organisationUnitLevels.json?fields=*", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/organisationUnitLevels/{uid}", uri: "/api/organisationUnitLevels/NoSuchUid00", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/dataElements", uri: "/api/dataElements.json?fields=*", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/dataElements/{uid}", uri: "/api/dataElements/NoSuchUid00", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/dhis2/indicators", uri: "/api/indicators.json?fields=*", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/dhis2/indicators/{uid}", uri: "/api/dhis2/indicators/NoSuchUid00", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/dataSets", uri: "/api/dataSets.json?fields=*", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/dataSets/{uid}", uri: "/api/dataSets/NoSuchUid00", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/categoryCombos", uri: "/api/categoryCombos.json?fields=*", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/categoryCombos/{uid}", uri: "/api/categoryCombos/NoSuchUid00", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/categoryOptionCombos", uri: "/api/categoryOptionCombos.json?fields=*", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/categoryOptionCombos/{uid}", uri: "/api/categoryOptionCombos/NoSuchUid00", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/periodTypes", uri: "/api/periodTypes.json?fields=*", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/completeDataSetRegistrations", uri: "/api/completeDataSetRegistrations?dataSet=F&period=2025Q1&orgUnit=20-STTTT",
            expect: [401, 200, 200, 200, 200, 200, 403]),
        Row(method: .post, route: "/api/completeDataSetRegistrations", uri: "/api/completeDataSetRegistrations",
            body: #"{"completeDataSetRegistrations":[]}"#, expect: [401, 200, 200, 200, 403, 403, 200]),
        Row(method: .get, route: "/api/dataValues", uri: "/api/dataValues?de=cks_phuong_tien&pe=2025Q1&ou=20-STTTT", expect: [401, 200, 200, 200, 200, 200, 403]),
        Row(method: .post, route: "/api/dataValues", uri: "/api/dataValues?de=cks_phuong_tien&pe=2025Q1&ou=20-STTTT&value=3",
            expect: [401, 200, 200, 200, 403, 403, 200]),
        Row(method: .get, route: "/api/reports/quarterly", uri: "/api/reports/quarterly?unit=20&period=2025Q1&format=html",
            expect: [401, 200, 200, 403, 200, 200, 403]),
        Row(method: .get, route: "/api/committee-reports/{unit}/{period}", uri: "/api/committee-reports/20/2025Q1",
            expect: [401, 200, 200, 403, 200, 200, 403]),
        Row(method: .post, route: "/api/committee-reports/{unit}/{period}/{step}", uri: "/api/committee-reports/20/2025Q1/draft",
            expect: [401, 200, 200, 403, 403, 403, 403]),
        Row(method: .put, route: "/api/committee-reports/{unit}/{period}/proposals", uri: "/api/committee-reports/20/2025Q1/proposals",
            body: #"{"proposals":["Đề nghị UBND tỉnh chỉ đạo."]}"#, expect: [401, 200, 200, 403, 403, 403, 403]),
        Row(method: .get, route: "/committee-reports/{unit}/{period}", uri: "/committee-reports/20/2025Q1", expect: [302, 200, 200, 403, 200, 200, 403]),
        Row(method: .post, route: "/committee-reports/{unit}/{period}/proposals", uri: "/committee-reports/20/2025Q1/proposals", body: "csrf=x&proposals=y",
            expect: [302, 403, 403, 403, 403, 403, 403]),  // a forged token: refused even to those who may edit
        Row(method: .post, route: "/committee-reports/{unit}/{period}", uri: "/committee-reports/20/2025Q1", body: "csrf=x",
            expect: [302, 400, 400, 403, 403, 403, 403]),
        Row(method: .get, route: "/api/aggregate", uri: "/api/aggregate?indicator=cks_phuong_tien&unit=20-STTTT&period=2025",
            expect: [401, 200, 200, 200, 200, 200, 403]),
        Row(method: .get, route: "/registry", uri: "/registry?filter=unclassified", expect: [302, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/registry/{code}", uri: "/registry/new", expect: [302, 200, 200, 200, 403, 403, 200]),
        Row(method: .post, route: "/registry/{code}", uri: "/registry/new", body: "csrf=x&name=X", expect: [302, 403, 403, 403, 403, 403, 403]),
        Row(method: .post, route: "/registry/import", uri: "/registry/import", body: "csrf=x", expect: [302, 400, 400, 400, 403, 403, 400]),
        Row(method: .get, route: "/import", uri: "/import", expect: [302, 200, 200, 200, 403, 403, 200]),
        Row(method: .post, route: "/import", uri: "/import", body: "csrf=x", expect: [302, 400, 400, 400, 403, 403, 400]),
        Row(method: .post, route: "/reports/{form}/{unit}/{period}/evidence", uri: "/reports/F/20-STTTT/2025Q1/evidence", body: "csrf=x",
            expect: [302, 400, 400, 400, 403, 403, 403]),
        Row(method: .get, route: "/api/registry", uri: "/api/registry?unit=20-STTTT", expect: [401, 200, 200, 200, 200, 200, 403]),
        Row(method: .put, route: "/api/registry/{code}", uri: "/api/registry/X1",
            body: #"{"name": "Hệ thống thử", "ownerUnit": "20-STTTT", "information": "public", "kind": "internal", "hosting": "ownServerRoom"}"#,
            expect: [401, 200, 200, 200, 403, 403, 403]),
        Row(method: .get, route: "/api/campaigns", uri: "/api/campaigns", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .post, route: "/api/campaigns", uri: "/api/campaigns", body: CampaignAPITests.newCampaign, expect: [401, 200, 200, 403, 403, 403, 403]),
        Row(method: .get, route: "/api/campaigns/{campaign}", uri: "/api/campaigns/TD", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/api/campaigns/{campaign}/standings", uri: "/api/campaigns/TD/standings", expect: [401, 200, 200, 403, 200, 200, 403]),
        Row(method: .get, route: "/api/campaigns/{campaign}/awards", uri: "/api/campaigns/TD/awards?format=xlsx", expect: [401, 200, 200, 403, 200, 200, 403]),
        Row(method: .get, route: "/api/campaigns/{campaign}/units/{unit}", uri: "/api/campaigns/TD/units/20-STTTT", expect: [401, 200, 200, 200, 200, 200, 403]),
        Row(method: .put, route: "/api/campaigns/{campaign}/units/{unit}/criteria/{criterion}", uri: "/api/campaigns/TD/units/20-STTTT/criteria/tt",
            body: #"{"selfScore": 5}"#, expect: [401, 200, 200, 200, 403, 403, 403]),
        Row(method: .put, route: "/api/campaigns/{campaign}/units/{unit}/criteria/{criterion}", uri: "/api/campaigns/TD/units/20-STTTT/criteria/tt",
            body: #"{"appraisalScore": 5}"#, expect: [401, 200, 200, 403, 403, 403, 403]),
        Row(method: .post, route: "/api/campaigns/{campaign}/units/{unit}/criteria/{criterion}/evidence",
            uri: "/api/campaigns/TD/units/20-STTTT/criteria/tt/evidence?filename=a.pdf", body: "not a pdf", expect: [401, 200, 200, 200, 403, 403, 403]),
        // Pages: a browser without a session is sent to the login page; the open-data portal is for everyone.
        Row(method: .get, route: "/dashboard", uri: "/dashboard", expect: [302, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/dashboard", uri: "/dashboard?unit=20", expect: [302, 200, 200, 403, 200, 200, 403]),
        Row(method: .get, route: "/units/{unit}", uri: "/units/20-STTTT", expect: [302, 200, 200, 200, 200, 200, 403]),
        Row(method: .get, route: "/indicators/{indicator}", uri: "/indicators/cks_phuong_tien?unit=20", expect: [302, 200, 200, 403, 200, 200, 403]),
        Row(method: .get, route: "/plans", uri: "/plans", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/plans/{plan}", uri: "/plans/KH135", expect: [302, 200, 200, 403, 200, 200, 403]),
        Row(method: .get, route: "/rankings", uri: "/rankings?unit=20", expect: [302, 200, 200, 403, 200, 200, 403]),
        Row(method: .get, route: "/rankings/index", uri: "/rankings/index?unit=20&framework=dti-2022&period=2023", expect: [302, 200, 200, 403, 200, 200, 403]),
        Row(method: .get, route: "/emulation", uri: "/emulation", expect: [302, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/emulation/new", uri: "/emulation/new", expect: [302, 200, 200, 403, 403, 403, 403]),
        Row(method: .post, route: "/emulation/new", uri: "/emulation/new", body: "code=X&csrf=x", expect: [302, 403, 403, 403, 403, 403, 403]),
        Row(method: .get, route: "/emulation/{campaign}", uri: "/emulation/TD", expect: [302, 200, 200, 403, 200, 200, 403]),
        Row(method: .get, route: "/open-data", uri: "/open-data", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/open-data/{indicator}", uri: "/open-data/cks_phuong_tien.csv", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/open-data/{indicator}/datapackage.json", uri: "/open-data/cks_phuong_tien/datapackage.json", expect: [200, 200, 200, 200, 200, 200, 200]),
        // Metrics are for the operators' monitoring: an administrator, or a caller on the machine itself (no socket here).
        Row(method: .get, route: "/metrics", uri: "/metrics", expect: [403, 200, 403, 403, 403, 403, 403]),
        // The exchange with other systems: for those who run the catalog.
        Row(method: .get, route: "/exchange", uri: "/exchange", expect: [302, 200, 200, 403, 403, 403, 403]),
        Row(method: .get, route: "/open-data/catalog.jsonld", uri: "/open-data/catalog.jsonld", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/open-data/data.json", uri: "/open-data/data.json", expect: [200, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/lang/{code}", uri: "/lang/en?back=/plans", expect: [302, 302, 302, 302, 302, 302, 302]),
        // Readiness is for load balancers: anyone may ask (the values are loaded by the rows before).
        Row(method: .get, route: "/ready", uri: "/ready", expect: [200, 200, 200, 200, 200, 200, 200]),
        // Notices: each person's own; forms post only from a signed-in browser. Urging units is the coordinators'.
        Row(method: .get, route: "/inbox", uri: "/inbox", expect: [302, 200, 200, 200, 200, 200, 200]),
        Row(method: .get, route: "/inbox/{id}", uri: "/inbox/NOT-MINE", expect: [302, 200, 200, 200, 200, 200, 200]),
        Row(method: .post, route: "/inbox/read", uri: "/inbox/read", body: "csrf=x", expect: [302, 403, 403, 403, 403, 403, 403]),
        Row(method: .get, route: "/settings", uri: "/settings", expect: [302, 200, 200, 200, 200, 200, 200]),
        Row(method: .post, route: "/settings", uri: "/settings", body: "csrf=x&choice=each&language=vi", expect: [302, 403, 403, 403, 403, 403, 403]),
        Row(method: .get, route: "/reports/urge", uri: "/reports/urge?form=F&period=2025Q1", expect: [302, 200, 200, 403, 403, 403, 403]),
        Row(method: .post, route: "/reports/urge", uri: "/reports/urge", body: "csrf=x&form=F&period=2025Q1", expect: [302, 403, 403, 403, 403, 403, 403]),
    ]

    @Test func everyRouteHasARule() async throws {
        let registered = try await TestBackend.sqlite.withDatabase(migrated: false) { db in
            Set(buildRouter(ServerConfiguration(), db: db).routes.map { "\($0.method) \($0.path)" })
        }
        let covered = Set(Self.table.map { "\($0.method) \($0.route)" })
        #expect(registered.subtracting(covered).isEmpty, "routes without a row in the route × role table: \(registered.subtracting(covered).sorted())")
        #expect(covered.subtracting(registered).isEmpty, "rows for routes that do not exist: \(covered.subtracting(registered).sorted())")
    }

    @Test(arguments: TestBackend.available)
    func routeByRoleTable(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, _, tokens in
            for row in Self.table {
                for (i, caller) in Self.callers.enumerated() {
                    var headers: HTTPFields = caller == "public" ? [:] : tokens[caller]
                    if row.body != nil {
                        headers[.contentType] = row.body!.hasPrefix("{") ? "application/json" : "application/x-www-form-urlencoded"
                    }
                    let r = try await client.execute(uri: row.uri, method: row.method, headers: headers,
                                                     body: row.body.map { ByteBuffer(string: $0) })
                    let code = Int(r.status.code)
                    if row.expect[i] == 200 {
                        #expect(code != 401 && code != 403 && code < 500, "\(row.method) \(row.uri) as \(caller): \(code)")
                    } else {
                        #expect(code == row.expect[i], "\(row.method) \(row.uri) as \(caller): \(code)")
                    }
                }
            }
        }
    }

    /// A route's permission is declared where it is registered and decided before its
    /// handler runs: a caller without the right is refused before the body is even read,
    /// so a malformed body gets them 403, not a parser's 400.
    @Test(arguments: TestBackend.available)
    func thePermissionIsDecidedBeforeTheBodyIsRead(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, _, tokens in
            for (caller, method, uri) in [("reporter", HTTPRequest.Method.post, "/api/campaigns"),
                                          ("leader", .put, "/api/reports/F/20-STTTT/2025Q1"),
                                          ("leader", .post, "/api/reports/F/20-STTTT/2025Q1/submit"),
                                          ("reporter", .post, "/api/reports/F/20-STTTT/2025Q1/approve"),
                                          ("approver", .post, "/api/data-values")] {
                var headers = tokens[caller]
                headers[.contentType] = "application/json"
                let r = try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: "{not json"))
                #expect(r.status == .forbidden, "\(method) \(uri) as \(caller): \(r.status)")
            }
            let anonymous = try await client.execute(uri: "/api/import", method: .post, body: ByteBuffer(string: "not,a,file"))
            #expect(anonymous.status == .unauthorized)
        }
    }

    /// The server's day is the one it is given, not the machine's: the same report is not
    /// yet due the day after its quarter, and missing once its deadline has passed.
    @Test func theDayIsTheServersClock() async throws {
        // 2025Q1's report of the fixtures' form is due on 30/04/2025.
        for (day, expected) in [("2025-04-01", "notDue"), ("2025-04-30", "notDue"), ("2025-05-01", "missing"), ("2026-01-01", "missing")] {
            try await withApp(.sqlite, clock: .fixed(try LocalDate(iso: day))) { client, _, tokens in
                let r = try await client.execute(uri: "/api/obligations?form=F&period=2025Q1", method: .get, headers: tokens["admin"])
                let items = try decode(ListResponse<ReportView>.self, r).items
                #expect(!items.isEmpty)
                #expect(items.allSatisfy { $0.timeliness == expected }, "\(day): \(items.map(\.timeliness))")
            }
        }
    }

    /// A report is sent on the server's day too: sent on its deadline it is on time, the
    /// day after it is late, whatever the machine's date.
    @Test(arguments: [("2025-04-30", "onTime"), ("2025-05-01", "late")])
    func aReportIsSentOnTheServersDay(_ day: String, expected: String) async throws {
        let values = #"{"version":0,"values":[{"indicator":"cqs_ho_so_cong_viec_truc_tuyen","numerator":1,"denominator":2},{"indicator":"cks_phuong_tien","value":3}]}"#
        try await withApp(.sqlite, clock: .fixed(try LocalDate(iso: day))) { client, _, tokens in
            let uri = "/api/reports/F/20-STTTT/2025Q1"
            _ = try await client.execute(uri: uri, method: .put, headers: tokens.json("reporter"), body: ByteBuffer(string: values))
            let sent = try decode(ReportView.self, try await client.execute(uri: uri + "/submit", method: .post, headers: tokens.json("reporter"),
                                                                            body: ByteBuffer(string: #"{"version":1}"#)))
            #expect(sent.timeliness == expected)
            #expect(sent.submittedAt?.hasPrefix(day) == true, "\(sent.submittedAt ?? "")")
        }
    }

    @Test func aRouteThatForgetsToCheckAccessFailsClosed() async throws {
        try await TestBackend.sqlite.withDatabase { db in
            let router = buildRouter(ServerConfiguration(bcryptCost: 4), db: db)
            router.get("forgetful") { _, _ in "secret" }
            let app = Application(router: router)
            try await app.test(.router) { client in
                let r = try await client.execute(uri: "/forgetful", method: .get)
                #expect(r.status == .internalServerError)
                #expect(!String(buffer: r.body).contains("secret"))
            }
        }
    }

    @Test func securityHeadersOnEveryAnswer() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            for uri in ["/", "/api/org-units", "/api/org-units/nope", "/no-such-page"] {
                let r = try await client.execute(uri: uri, method: .get)
                #expect(r.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true, "\(uri)")
                #expect(r.headers[.init("X-Frame-Options")!] == "DENY", "\(uri)")
                #expect(r.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
            }
        }
    }

    @Test func readersOnlySeeTheirSubtree() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            try await DataEntry(db).write([
                Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q3", value: 5),
                Fixtures.input("05983", Fixtures.workRecords.code, "2025Q3", numerator: 1, denominator: 2),
            ], by: .machineOperator("system"))
            let all = try decode(ListResponse<ValueView>.self, try await client.execute(uri: "/api/data-values", method: .get, headers: tokens["leader"]))
            #expect(all.count == 2)
            let ward = try decode(ListResponse<ValueView>.self,
                                  try await client.execute(uri: "/api/data-values", method: .get, headers: tokens["ward-reporter"]))
            #expect(ward.items.map(\.unitCode) == ["05983"])
        }
    }

    @Test func aReadOnlyTokenCannotWriteAndABadTokenIsRefused() async throws {
        try await withApp(.sqlite) { client, db, _ in
            let token = try await Accounts(db, bcryptCost: 4).issueToken(for: "coordinator", name: "ro", readOnly: true, days: 1)
            let r = try await client.execute(uri: "/api/data-values", method: .post,
                                             headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                             body: ByteBuffer(string: Self.sttttValue))
            #expect(r.status == .forbidden)
            let bad = try await client.execute(uri: "/api/org-units", method: .get, headers: [.authorization: "Bearer dxt_nope"])
            #expect(bad.status == .unauthorized)
        }
    }

    @Test func browserSignInSessionAndCSRF() async throws {
        try await withApp(.sqlite) { client, _, _ in
            // The login form sets a double-submit cookie that the post must repeat.
            let form = try await client.execute(uri: "/login", method: .get)
            let html = String(buffer: form.body)
            #expect(html.contains(#"<label for="username">"#) && html.contains(#"<label for="password">"#))
            let loginCSRF = try #require(Self.cookie("dxtrack_login_csrf", in: form))
            let ok = try await client.execute(
                uri: "/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "dxtrack_login_csrf=\(loginCSRF)"],
                body: ByteBuffer(string: "username=leader&password=mat-khau-leader&csrf=\(loginCSRF)"))
            #expect(ok.status == .found)
            let setCookie = ok.headers[.setCookie] ?? ""
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"))
            let session = try #require(Self.cookie("dxtrack_session", in: ok))
            // Signed in, the page greets the user and offers to sign out with the session's CSRF token.
            let home = String(buffer: try await client.execute(uri: "/", method: .get, headers: [.cookie: "dxtrack_session=\(session)"]).body)
            #expect(home.contains("leader") && home.contains("Đăng xuất"))
            // A cookie-authenticated JSON write without the CSRF header is refused.
            let forged = try await client.execute(uri: "/api/data-values", method: .post,
                                                  headers: [.cookie: "dxtrack_session=\(session)", .contentType: "application/json"],
                                                  body: ByteBuffer(string: Self.sttttValue))
            #expect(forged.status == .forbidden)
            // Without the login cookie the login post is refused too (cross-site form).
            let crossSite = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                     body: ByteBuffer(string: "username=leader&password=mat-khau-leader&csrf=abc"))
            #expect(crossSite.status == .forbidden)
        }
    }

    static func cookie(_ name: String, in response: TestResponse) -> String? {
        for field in response.headers where field.name == .setCookie {
            let first = field.value.split(separator: ";").first.map(String.init) ?? ""
            if first.hasPrefix("\(name)=") { return String(first.dropFirst(name.count + 1)) }
        }
        return nil
    }
}

@Suite struct ServerLimitTests {
    /// Over a real socket: a request with oversized headers is refused, not processed.
    @Test func oversizedHeadersAreRefused() async throws {
        try await TestBackend.sqlite.withDatabase { db in
            try await Fixtures.load(into: db)
            let app = buildApplication(ServerConfiguration(port: 0, bcryptCost: 4), db: db, logger: .init(label: "t"))
            try await app.test(.live) { client in
                let ok = try await client.execute(uri: "/health", method: .get)
                #expect(ok.status == .ok)
                let huge = String(repeating: "a", count: 20 * 1024)
                let refused = try? await client.execute(uri: "/health", method: .get, headers: [.init("X-Big")!: huge])
                #expect(refused == nil || refused!.status.code >= 400, "a 20 KiB header must not be served")
            }
        }
    }
}
