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

/// The attacks of the trust review, each replayed as it was made: as an outsider, and as
/// a signed-in reporter. Every test here failed on the code before the fixes.
@Suite struct AttackTests {
    static let report = "/api/reports/F/20-STTTT/2025Q1"
    static let values = #"{"version":0,"values":[{"indicator":"cqs_ho_so_cong_viec_truc_tuyen","numerator":378,"denominator":1000},{"indicator":"cks_phuong_tien","value":7776}]}"#

    /// A report of the department for 2025Q1, entered, submitted and approved.
    static func approve(_ client: some TestClientProtocol, _ tokens: Tokens) async throws {
        for (user, uri, body) in [("reporter", report, values), ("reporter", report + "/submit", #"{"version":1}"#),
                                  ("approver", report + "/approve", #"{"version":2}"#)] {
            let r = try await client.execute(uri: uri, method: uri == report ? .put : .post, headers: tokens.json(user), body: ByteBuffer(string: body))
            #expect(r.status == .ok, "\(uri): \(String(buffer: r.body))")
        }
    }

    static func vehicles(_ db: Database) async throws -> Double? {
        try await db.read { try await DataValueStore($0).values(.init()) }.first { $0.indicatorCode == "cks_phuong_tien" }?.value
    }

    // MARK: 1. Identifiers

    /// `"2025Q1 "`, `"2025Q1\t"`: the period the lock looks up is the one the value is stored under.
    @Test(arguments: TestBackend.available)
    func anApprovedReportCannotBeChangedThroughAPeriodSpelledAnotherWay(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            try await Self.approve(client, tokens)
            for period in ["2025Q1 ", "2025Q1\\t", " 2025Q1", "\\u00a02025Q1"] {
                let direct = #"{"values":[{"unit":"20-STTTT","indicator":"cks_phuong_tien","period":"\#(period)","value":1}]}"#
                let r = try await client.execute(uri: "/api/data-values", method: .post, headers: tokens.json("coordinator"), body: ByteBuffer(string: direct))
                #expect(r.status == .conflict, "period \(period): \(r.status)")
                let set = #"{"dataValues":[{"dataElement":"cks_phuong_tien","period":"\#(period)","orgUnit":"20-STTTT","value":"1"}]}"#
                let s = try await client.execute(uri: "/api/dataValueSets", method: .post, headers: tokens.json("coordinator"), body: ByteBuffer(string: set))
                #expect(try decode(ImportSummaryView.self, s).response.importCount.updated == 0, "\(period)")
            }
            #expect(try await Self.vehicles(db) == 7776)
            let status = try decode(ReportView.self, try await client.execute(uri: Self.report, method: .get, headers: tokens["leader"]))
            #expect(status.status == "approved" && status.version == 3)
        }
    }

    /// A unit's code with space around it is the same unit to the access check as to the
    /// store; a code outside the grammar names no unit at all.
    @Test func unitCodesAreCanonicalBeforeAccessIsDecided() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            func write(_ unit: String, as user: String) async throws -> HTTPResponse.Status {
                let body = #"{"values":[{"unit":"\#(unit)","indicator":"cks_phuong_tien","period":"2025Q2","value":5}]}"#
                return try await client.execute(uri: "/api/data-values", method: .post, headers: tokens.json(user), body: ByteBuffer(string: body)).status
            }
            #expect(try await write("20-STTTT ", as: "ward-reporter") == .forbidden)
            #expect(try await write(" 20-STTTT", as: "reporter") == .ok)
            #expect(try await write("20-ＳTTTT", as: "ward-reporter") == .forbidden, "a fullwidth look-alike names no unit of the ward's")
            let r = try await client.execute(uri: "/api/reports/F/20-STTTT%20/2025Q1", method: .get, headers: tokens["ward-reporter"])
            #expect(r.status == .forbidden || r.status == .notFound)
            let odd = try await client.execute(uri: "/api/reports/F/20%22STTTT/2025Q1", method: .get, headers: tokens["admin"])
            #expect(odd.status == .notFound)
            #expect(try await db.read { try await DataValueStore($0).values(.init()) }.map(\.unitCode) == ["20-STTTT"])
        }
    }

    // MARK: 3. No input crashes the server

    /// Sixteen bytes once stopped the server (a range with its bounds reversed).
    @Test func aMalformedMultipartBodyIsRefusedNotFatal() async throws {
        try await withApp(.sqlite) { client, _, _ in
            let (cookie, csrf) = try await ReportPageTests.signIn(client, "reporter")
            for uri in ["/import", "/reports/F/20-STTTT/2025Q1/evidence"] {
                for body in ["--B\r\n\r\n\r\n--B--\r\n", "--B\r\n", "--B--", "", "--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--\r\n"] {
                    let r = try await client.execute(uri: uri, method: .post,
                                                     headers: [.cookie: "dxtrack_session=\(cookie)", .contentType: "multipart/form-data; boundary=B",
                                                               .init("X-CSRF-Token")!: csrf],
                                                     body: ByteBuffer(string: body))
                    #expect(r.status.code >= 400 && r.status.code < 500, "\(uri) \(body.debugDescription): \(r.status)")
                }
            }
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
        }
    }

    // MARK: 4. Lockout

    /// Forty wrong guesses at once: each is counted by the database, so the account locks
    /// and the right password is refused after them, over the form and over HTTP Basic.
    @Test(arguments: TestBackend.available)
    func parallelGuessesCannotOutrunTheLockout(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, _ in
            let accounts = Accounts(db, bcryptCost: 4)
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<40 { group.addTask { _ = try? await accounts.authenticate(username: "leader", password: "doan-sai-mat-khau") } }
            }
            let failed = try await db.read { try await $0.raw("SELECT failed_logins FROM users WHERE username = 'leader'").first()?.decode(column: "failed_logins", as: Int.self) }
            #expect(failed == 40, "every guess was counted")
            await #expect(throws: DomainError.self) { try await accounts.authenticate(username: "leader", password: "mat-khau-leader") }
            let basic = "Basic " + Data("leader:mat-khau-leader".utf8).base64EncodedString()
            #expect(try await client.execute(uri: "/api/data-values", method: .get, headers: [.authorization: basic]).status == .unauthorized)
            let events = try await accounts.events("leader")
            #expect(events.filter { $0 == "login_failed" }.count + events.filter { $0 == "locked" }.count <= Accounts.maxFailures,
                    "only the first five guesses had their password checked")
        }
    }

    /// The same over two instances, each with its own pool, against one PostgreSQL.
    @Test func parallelGuessesAtTwoInstancesCannotOutrunTheLockout() async throws {
        guard TestBackend.postgresURL != nil else { return } // SQLite is one process by design
        try await withApp(.postgres) { _, db, _ in
            _ = try await Database.withDatabase(at: db.location, logger: Logger(label: "b")) { second in
                let instances = [Accounts(db, bcryptCost: 4), Accounts(second, bcryptCost: 4)]
                await withTaskGroup(of: Void.self) { group in
                    for i in 0..<40 { group.addTask { _ = try? await instances[i % 2].authenticate(username: "leader", password: "doan-sai-mat-khau") } }
                }
                for accounts in instances {
                    await #expect(throws: DomainError.self) { try await accounts.authenticate(username: "leader", password: "mat-khau-leader") }
                }
            }
        }
    }

    /// A locked account and an unknown one are refused in the same words.
    @Test func aLockTellsNothingAboutTheAccount() async throws {
        try await TestBackend.sqlite.withDatabase { db in
            try await Fixtures.load(into: db)
            let accounts = Accounts(db, bcryptCost: 4)
            try await accounts.create(username: "lan", displayName: "Lan", role: .leader, unitCode: "20", password: "mat-khau-cua-lan")
            for _ in 0..<6 { _ = try? await accounts.authenticate(username: "lan", password: "sai-mat-khau-roi") }
            var answers: [DomainError] = []
            for user in ["lan", "khong-co-ai"] {
                do { _ = try await accounts.authenticate(username: user, password: "mat-khau-cua-lan") } catch let e as DomainError { answers.append(e) }
            }
            #expect(answers.count == 2 && answers[0] == answers[1])
        }
    }

    // MARK: 6. CSRF and cross-site writes

    @Test func aDoubledSlashDoesNotSkipTheCSRFCheck() async throws {
        try await withApp(.sqlite) { client, db, _ in
            let (cookie, _) = try await ReportPageTests.signIn(client, "reporter")
            let body = #"{"values":[{"unit":"20-STTTT","indicator":"cks_phuong_tien","period":"2025Q2","value":5}]}"#
            for uri in ["//api/data-values", "///api/data-values", "/api/data-values"] {
                let r = try await client.execute(uri: uri, method: .post, headers: [.cookie: "dxtrack_session=\(cookie)", .contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: body))
                #expect(r.status == .forbidden || r.status == .notFound, "\(uri): \(r.status)")
            }
            #expect(try await db.read { try await DataValueStore($0).count() } == 0)
        }
    }

    @Test func aWriteFromAnotherSiteIsRefused() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            let (cookie, csrf) = try await ReportPageTests.signIn(client, "reporter")
            let body = ByteBuffer(string: #"{"values":[{"unit":"20-STTTT","indicator":"cks_phuong_tien","period":"2025Q2","value":5}]}"#)
            var headers: HTTPFields = [.cookie: "dxtrack_session=\(cookie)", .contentType: "application/json", .init("X-CSRF-Token")!: csrf]
            headers[.init("Sec-Fetch-Site")!] = "cross-site"
            #expect(try await client.execute(uri: "/api/data-values", method: .post, headers: headers, body: body).status == .forbidden)
            headers[.init("Sec-Fetch-Site")!] = nil
            headers[.origin] = "https://evil.example"
            #expect(try await client.execute(uri: "/api/data-values", method: .post, headers: headers, body: body).status == .forbidden)
            var login: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .origin: "null"]
            login[.init("Sec-Fetch-Site")!] = "cross-site"
            #expect(try await client.execute(uri: "/login", method: .post, headers: login, body: ByteBuffer(string: "username=a&password=b&csrf=c")).status == .forbidden)
            // Behind a reverse proxy, the host the browser saw is the one the proxy passes on.
            var proxied: HTTPFields = [.cookie: "dxtrack_session=\(cookie)", .contentType: "application/json", .init("X-CSRF-Token")!: csrf,
                                       .origin: "https://dxtrack.langson.gov.vn", .init("X-Forwarded-Host")!: "dxtrack.langson.gov.vn"]
            proxied[.init("Sec-Fetch-Site")!] = "same-origin"
            #expect(try await client.execute(uri: "/api/data-values", method: .post, headers: proxied, body: body).status == .ok)
            // API clients send neither header, and pass.
            #expect(try await client.execute(uri: "/api/data-values", method: .post, headers: tokens.json("reporter"), body: body).status == .ok)
        }
    }

    // MARK: 7. Attributes

    @Test func queryTextNeverLandsRawInAnAttribute() async throws {
        try await withApp(.sqlite) { client, _, _ in
            let (cookie, _) = try await ReportPageTests.signIn(client, "admin")
            let hostile = #""><meta http-equiv="refresh" content="0;url=https://evil.example">"#
            let query = hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            for page in ["/rankings?unit=", "/rankings/index?unit=", "/dashboard?unit=", "/open-data?unit="] {
                let r = try await client.execute(uri: page + query, method: .get, headers: [.cookie: "dxtrack_session=\(cookie)"])
                // A problem+json answer may quote the text; no HTML answer may carry it as markup.
                let html = r.headers[.contentType]?.hasPrefix("text/html") == true
                #expect(!html || !String(buffer: r.body).contains("<meta http-equiv"), "\(page): \(r.status)")
            }
        }
    }

    @Test func aCampaignCodeOutsideTheGrammarIsRefused() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            var campaign = Fixtures.campaign
            campaign.code = #"x" onmouseover="alert(1)"#
            let body = try JSONEncoder().encode(campaign)
            let r = try await client.execute(uri: "/api/campaigns", method: .post, headers: tokens.json("coordinator"), body: ByteBuffer(bytes: body))
            #expect(r.status == .unprocessableContent)
            #expect(try problems(r).contains { $0.code == "invalid_code" })
        }
    }

    // MARK: 8. Redirects

    @Test func redirectsStayOnThisSite() async throws {
        try await withApp(.sqlite) { client, _, _ in
            for back in ["/%09/evil.example", "/%0a/evil.example", "/%5Cevil.example", "//evil.example", "https://evil.example", "/\\evil.example",
                         "/%20/evil.example"] {
                let r = try await client.execute(uri: "/lang/en?back=\(back)", method: .get)
                #expect(r.headers[.location] == "/", "\(back) → \(r.headers[.location] ?? "")")
            }
            #expect(try await client.execute(uri: "/lang/en?back=/plans", method: .get).headers[.location] == "/plans")
            let login = String(buffer: try await client.execute(uri: "/login?next=/%09/evil.example", method: .get).body)
            #expect(login.contains(#"name="next" value="/""#))
        }
    }

    // MARK: 10. The entry window, whichever door

    @Test(arguments: TestBackend.available)
    func theEntryWindowHoldsForEveryDoor(_ backend: TestBackend) async throws {
        let today = LocalDate(year: 2025, month: 6, day: 1)!
        try await withApp(backend, clock: .fixed(today)) { client, db, tokens in
            // A draft entered while 2025Q1 was open; then the form's window closes on it.
            #expect(try await client.execute(uri: Self.report, method: .put, headers: tokens.json("reporter"), body: ByteBuffer(string: Self.values)).status == .ok)
            var form = Fixtures.form
            form.deadline = .daysAfterPeriodEnd(5)
            form.lockDaysAfterDeadline = 10
            try await db.transaction { [form] in try await FormStore($0).save([form]) }
            // 2025Q1 fell due on 05/04 and locked on 15/04; 2025Q4 is not open yet.
            let future = Period(type: .quarterly, containing: today).advanced(by: 2).id
            for period in ["2025Q1", future] {
                let one = #"{"values":[{"unit":"20-STTTT","indicator":"cks_phuong_tien","period":"\#(period)","value":5}]}"#
                let r = try await client.execute(uri: "/api/data-values", method: .post, headers: tokens.json("reporter"), body: ByteBuffer(string: one))
                let code = try problems(r).first?.code
                #expect(r.status == .conflict && code == "entry_closed", "\(period): \(r.status)")
                let set = #"{"dataValues":[{"dataElement":"cks_phuong_tien","period":"\#(period)","orgUnit":"20-STTTT","value":"5"}]}"#
                let s = try decode(ImportSummaryView.self, try await client.execute(uri: "/api/dataValueSets", method: .post,
                                                                                   headers: tokens.json("reporter"), body: ByteBuffer(string: set)))
                #expect(s.response.conflicts.map(\.errorCode) == ["entry_closed"])
                let csv = "unit,indicator,period,value\n20-STTTT,cks_phuong_tien,\(period),5\n"
                let i = try await client.execute(uri: "/api/import", method: .post, headers: tokens.json("reporter"), body: ByteBuffer(string: csv))
                #expect(i.status.code >= 400 || String(buffer: i.body).contains("entry_closed"), "\(period): \(i.status)")
            }
            let submit = try await client.execute(uri: Self.report + "/submit", method: .post, headers: tokens.json("reporter"), body: ByteBuffer(string: #"{"version":1}"#))
            let submitCode = try problems(submit).first?.code
            #expect(submit.status == .conflict && submitCode == "entry_closed")
            let (vehicles, count) = (try await Self.vehicles(db), try await db.read { try await DataValueStore($0).count() })
            #expect(vehicles == 7776 && count == 2)
            // A coordinator, who may reopen the report anyway, may correct a closed period.
            let fix = #"{"values":[{"unit":"20-STTTT","indicator":"cks_phuong_tien","period":"2025Q1","value":5}]}"#
            #expect(try await client.execute(uri: "/api/data-values", method: .post, headers: tokens.json("coordinator"), body: ByteBuffer(string: fix)).status == .ok)
        }
    }

    // MARK: 11, 12, 14. Downloads and headers

    @Test func aFormulaInACommentIsDefusedInCSV() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            try await DataEntry(db).write([DataValueInput(unit: "20-STTTT", indicator: "cks_phuong_tien", period: "2025Q2", value: 3,
                                                          comment: #"=HYPERLINK("https://evil.example","x")"#)], by: .machineOperator("t"))
            let csv = String(buffer: try await client.execute(uri: "/api/data-values?format=csv", method: .get, headers: tokens["leader"]).body)
            #expect(csv.contains(#""'=HYPERLINK(""https://evil.example"",""x"")""#))
        }
    }

    @Test func signedInPagesAreNeverKeptBySharedCaches() async throws {
        try await withApp(.sqlite) { client, _, _ in
            let (cookie, _) = try await ReportPageTests.signIn(client, "leader")
            for uri in ["/open-data", "/open-data/cks_phuong_tien.csv", "/"] {
                let r = try await client.execute(uri: uri, method: .get, headers: [.cookie: "dxtrack_session=\(cookie)"])
                #expect(r.headers[.cacheControl] == "private, no-store", "\(uri)")
            }
            let open = try await client.execute(uri: "/open-data/cks_phuong_tien.csv", method: .get)
            #expect(open.headers[.cacheControl]?.hasPrefix("public") == true && open.headers[.vary]?.contains("Cookie") == true)
        }
    }

    @Test func overHTTPSBrowsersAreToldToStay() async throws {
        try await TestBackend.sqlite.withDatabase { db in
            try await Fixtures.load(into: db)
            let app = buildApplication(ServerConfiguration(secureCookies: true, bcryptCost: 4), db: db, logger: Logger(label: "t"))
            try await app.test(.router) { client in
                #expect(try await client.execute(uri: "/health", method: .get).headers[.strictTransportSecurity]?.contains("max-age=") == true)
                let lang = try await client.execute(uri: "/lang/en?back=/", method: .get)
                #expect(lang.headers[.setCookie]?.contains("Secure") == true)
            }
        }
    }

    // MARK: 13. Slow bodies

    /// Over a real socket: a body trickled a byte at a time is cut off, not waited for.
    @Test func aTrickledBodyIsCutOff() async throws {
        try await TestBackend.sqlite.withDatabase { db in
            try await Fixtures.load(into: db)
            let accounts = Accounts(db, bcryptCost: 4)
            try await accounts.create(username: "an", displayName: "An", role: .reporter, unitCode: "20-STTTT", password: "mat-khau-cua-an")
            let token = try await accounts.issueToken(for: "an", name: "t", readOnly: false, days: 1)
            let app = buildApplication(ServerConfiguration(port: 0, bcryptCost: 4), db: db, logger: Logger(label: "t"))
            try await app.test(.live) { client in
                let port = client.port!
                let started = ContinuousClock.now
                let answer = try await SlowClient.post(port: port, path: "/api/data-values", token: token, length: 500, byteEvery: .seconds(4),
                                                       giveUpAfter: .seconds(60))
                #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer.prefix(40))")
                #expect(ContinuousClock.now - started < .seconds(45))
            }
        }
    }

    // MARK: 16. Tokens, files, evidence

    @Test(arguments: TestBackend.available)
    func aNewPasswordEndsTheOldTokens(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            try await Accounts(db, bcryptCost: 4).setPassword("reporter", to: "mat-khau-moi-hoan-toan")
            #expect(try await client.execute(uri: "/api/data-values", method: .get, headers: tokens["reporter"]).status == .unauthorized)
        }
    }

    @Test func theDataDirectoryIsTheOwnersAlone() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-perm-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in try await Migrator(db).migrate() }
        func mode(_ path: String) throws -> Int { (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? 0) & 0o777 }
        #expect(try mode(dir) == 0o700)
        #expect(try mode(dir + "/" + DatabaseLocation.sqliteFileName) == 0o600)
    }
}

/// A client that sends a request's body a byte at a time, as a slowloris attacker does.
enum SlowClient {
    static func post(port: Int, path: String, token: String, length: Int, byteEvery pause: Duration, giveUpAfter limit: Duration) async throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard connected == 0 else { return "no connection" }
        var timeout = timeval(tv_sec: 0, tv_usec: 10_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\nContent-Length: \(length)\r\n\r\n"
        _ = head.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        let start = ContinuousClock.now
        var received = [UInt8](repeating: 0, count: 4096), answer = ""
        while ContinuousClock.now - start < limit {
            _ = send(fd, "{", 1, Int32(MSG_NOSIGNAL))
            let deadline = ContinuousClock.now + pause
            while ContinuousClock.now < deadline {
                let n = recv(fd, &received, received.count, 0)
                if n > 0 { answer += String(decoding: received[0..<n], as: UTF8.self) }
                if n == 0 || answer.contains("\r\n\r\n") { return answer }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        return answer
    }
}
