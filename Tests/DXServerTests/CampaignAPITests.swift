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

@Suite struct CampaignAPITests {
    /// A second campaign on the fixture's plan, as the API takes it.
    static let newCampaign = #"{"code":"TD2","nameVi":"Thi đua 2026","theme":"Về đích","unitCode":"20","planCode":"KH135","start":"2026-01-01","end":"2026-12-31","clusters":[{"code":"K","nameVi":"Khối","members":["20-STTTT"]}],"criteria":[{"code":"a","nameVi":"Hồ sơ","points":10,"targetCode":"KH135-04"}]}"#

    @Test(arguments: TestBackend.available)
    func aCoordinatorLaunchesACampaignOverTheAPI(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            let created = try await client.execute(uri: "/api/campaigns", method: .post, headers: tokens.json("coordinator"), body: ByteBuffer(string: Self.newCampaign))
            #expect(try created.status == .created && json(created)["code"] as? String == "TD2")
            #expect(try await Campaigns(db).campaign("TD2").criteria.map(\.targetCode) == ["KH135-04"])
            let history = try await AuditLog.history(of: "campaign:TD2", db)
            #expect(history.map(\.action) == ["campaign.create"] && history.first?.actor == "coordinator")
            // The same code again, a unit that does not exist, a target of no plan of its: every problem, nothing written.
            let again = try await client.execute(uri: "/api/campaigns", method: .post, headers: tokens.json("coordinator"), body: ByteBuffer(string: Self.newCampaign))
            #expect(again.status == .unprocessableContent && String(buffer: again.body).contains("duplicate_code"))
            let bad = Self.newCampaign.replacingOccurrences(of: "TD2", with: "TD3").replacingOccurrences(of: "20-STTTT", with: "20-KHONG")
                .replacingOccurrences(of: "KH135-04", with: "KH999-01")
            let refused = try await client.execute(uri: "/api/campaigns", method: .post, headers: tokens.json("coordinator"), body: ByteBuffer(string: bad))
            let problems = String(buffer: refused.body)
            #expect(refused.status == .unprocessableContent && problems.contains("20-KHONG") && problems.contains("KH999-01"))
            #expect(try await Campaigns(db).all().map(\.code) == ["TD", "TD2"])
            #expect(try await client.execute(uri: "/api/campaigns", method: .post, headers: tokens.json("leader"), body: ByteBuffer(string: bad)).status == .forbidden)
        }
    }

    @Test func aCoordinatorLaunchesACampaignFromThePage() async throws {
        try await withApp(.sqlite) { client, db, _ in
            let (cookie, csrf) = try await ReportPageTests.signIn(client, "coordinator")
            let session: HTTPFields = [.cookie: "dxtrack_session=\(cookie)"]
            let list = String(buffer: try await client.execute(uri: "/emulation", method: .get, headers: session).body)
            #expect(list.contains(#"href="/emulation/new""#))
            let form = String(buffer: try await client.execute(uri: "/emulation/new", method: .get, headers: session).body)
            #expect(form.contains(#"<option value="KH135""#) && form.contains(#"<label for="clusters">"#) && form.contains("20-STTTT"))
            var headers = session
            headers[.contentType] = "application/x-www-form-urlencoded"
            func post(_ fields: [(String, String)]) async throws -> TestResponse {
                let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
                return try await client.execute(uri: "/emulation/new", method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            var fields = [("csrf", csrf), ("code", "TD-2026"), ("nameVi", "Thi đua chuyển đổi số 2026"), ("theme", "Về đích sớm"), ("planCode", "KH135"),
                          ("start", "01/01/2026"), ("end", "31/12/2025"), ("clusters", "Khối sở: 20-STTTT\nCụm huyện 178"), ("points", "10"),
                          ("awards", "Bằng khen: 1, 80%")]
            // Problems come back beside their fields, with what was typed kept.
            let refused = try await post(fields)
            let page = String(buffer: refused.body)
            #expect(refused.status == .unprocessableContent)
            #expect(page.contains("Dòng 2: thiếu tên và dấu hai chấm") && page.contains("Cụm huyện 178") && page.contains(#"value="TD-2026""#))
            fields[6] = ("end", "31/12/2026")
            fields[7] = ("clusters", "Khối sở: 20-STTTT\nCụm huyện: 178")
            let done = try await post(fields)
            #expect(done.status == .seeOther && done.headers[.location] == "/emulation/TD-2026")
            let c = try await Campaigns(db).campaign("TD-2026")
            #expect(c.unitCode == "20" && c.clusters.map(\.members) == [["20-STTTT"], ["178"]] && c.criteria.count == Fixtures.targets.count)
            #expect(c.awards == [AwardRule(title: "Bằng khen", topPerCluster: 1, minShare: 0.8)])
            let board = String(buffer: try await client.execute(uri: "/emulation/TD-2026", method: .get, headers: session).body)
            #expect(board.contains("Thi đua chuyển đổi số 2026") && board.contains("Khối sở"))
            // Without the page's token, nothing.
            fields[0] = ("csrf", "sai")
            fields[1] = ("code", "TD-2027")
            #expect(try await post(fields).status == .forbidden)
            #expect(try await Campaigns(db).all().count == 2)
        }
    }

    static func put(_ client: any TestClientProtocol, _ tokens: Tokens, as user: String, unit: String = "20-STTTT",
                    criterion: String, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: "/api/campaigns/TD/units/\(unit)/criteria/\(criterion)", method: .put,
                                 headers: tokens.json(user), body: ByteBuffer(string: body))
    }

    @Test(arguments: TestBackend.available)
    func aUnitScoresItselfTheProvinceAppraisesAndRanks(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, _, tokens in
            // The unit's own score; the unit may not appraise itself, nor may an approver.
            let own = try await Self.put(client, tokens, as: "reporter", criterion: "hs", #"{"selfScore": 9.5, "note": "Báo cáo kèm theo"}"#)
            #expect(own.status == .ok)
            #expect(try decode(ScoreView.self, own).selfScore == 9.5)
            for user in ["reporter", "approver", "leader"] {
                #expect(try await Self.put(client, tokens, as: user, criterion: "hs", #"{"appraisalScore": 8}"#).status == .forbidden, "\(user)")
            }
            #expect(try await Self.put(client, tokens, as: "coordinator", criterion: "hs", #"{"appraisalScore": 12}"#).status == .unprocessableContent)
            #expect(try await Self.put(client, tokens, as: "coordinator", criterion: "hs", #"{"selfScore": 1, "appraisalScore": 2}"#).status == .unprocessableContent)
            #expect(try await Self.put(client, tokens, as: "coordinator", unit: "05983", criterion: "hs", #"{"appraisalScore": 2}"#).status == .unprocessableContent)
            #expect(try await Self.put(client, tokens, as: "coordinator", criterion: "hs", #"{"appraisalScore": 8, "note": "Biên bản 3"}"#).status == .ok)
            #expect(try await Self.put(client, tokens, as: "coordinator", criterion: "tt", #"{"appraisalScore": 6.5}"#).status == .ok)

            let board = try decode(BoardView.self, try await client.execute(uri: "/api/campaigns/TD/standings", method: .get, headers: tokens["leader"]))
            let stttt = try #require(board.standings.first { $0.unitCode == "20-STTTT" })
            #expect(stttt.total == 14.5 && stttt.rank == 1 && stttt.appraised)
            #expect(stttt.results.map(\.points).reduce(0, +) == stttt.total)
            #expect(board.unitNames["20-STTTT"] == "Sở Thông tin và Truyền thông")
            // The unit reads its own standing, not the board; the ward neither.
            #expect(try await client.execute(uri: "/api/campaigns/TD/units/20-STTTT", method: .get, headers: tokens["reporter"]).status == .ok)
            #expect(try await client.execute(uri: "/api/campaigns/TD/standings", method: .get, headers: tokens["reporter"]).status == .forbidden)
            #expect(try await client.execute(uri: "/api/campaigns/TD/units/20-STTTT", method: .get, headers: tokens["ward-reporter"]).status == .forbidden)

            let awards = try decode(ListResponse<AwardView>.self,
                                    try await client.execute(uri: "/api/campaigns/TD/awards", method: .get, headers: tokens["coordinator"]))
            let proposal = try #require(awards.items.first)
            #expect(proposal.award == "Bằng khen")
            #expect(proposal.standing.unitCode == "20-STTTT")

            let csv = String(buffer: try await client.execute(uri: "/api/campaigns/TD/awards?format=csv", method: .get, headers: tokens["coordinator"]).body)
            #expect(csv.hasPrefix("\u{FEFF}Hình thức,\"Cụm, khối\",Hạng,"))
            #expect(csv.contains("Bằng khen,K,1,20-STTTT") && csv.contains("hs: 8,00/10") && csv.contains("thẩm định: Biên bản 3"))
            let ranking = String(buffer: try await client.execute(uri: "/api/campaigns/TD/standings?format=csv&cluster=K", method: .get,
                                                                  headers: tokens["coordinator"]).body)
            // The unit scored itself on one criterion of two: no self total.
            #expect(ranking.contains("K,1,20-STTTT,Sở Thông tin và Truyền thông,14.5,20,0.725,,Đủ"))
            #expect(try await client.execute(uri: "/api/campaigns/NOPE/standings", method: .get, headers: tokens["coordinator"]).status == .notFound)
            // On the board's page, each proposal's grounds are a table, criterion by criterion.
            let page = String(buffer: try await client.execute(uri: "/emulation/TD", method: .get, headers: tokens["coordinator"]).body)
            #expect(page.contains("Căn cứ đề nghị: Sở Thông tin và Truyền thông – Bằng khen") && page.contains(#"id="t-can-cu-1""#))
            let grounds = String(buffer: try await client.execute(uri: "/emulation/TD?table=can-cu-1&format=csv", method: .get, headers: tokens["coordinator"]).body)
            #expect(grounds.hasPrefix("\u{FEFF}Tiêu chí;Điểm tối đa;Tự chấm;Thẩm định;Điểm tính;Ghi chú;Số liệu;Minh chứng\r\n"), "\(grounds.prefix(120))")
            #expect(grounds.contains(";10;9,5;8;8;Tự đánh giá: Báo cáo kèm theo · Thẩm định: Biên bản 3;"), "\(grounds)")
        }
    }

    @Test func evidenceForAScoreIsReadableThroughTheUnit() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            let pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
            let r = try await client.execute(uri: "/api/campaigns/TD/units/20-STTTT/criteria/tt/evidence?filename=bien-ban.pdf", method: .post,
                                             headers: tokens["reporter"], body: ByteBuffer(string: pdf))
            #expect(r.status == .ok)
            let sha = try decode(CampaignEvidenceView.self, r).sha256
            #expect(try await client.execute(uri: "/api/evidence/\(sha)", method: .get, headers: tokens["leader"]).status == .ok)
            #expect(try await client.execute(uri: "/api/evidence/\(sha)", method: .get, headers: tokens["ward-reporter"]).status == .notFound)
            let bad = try await client.execute(uri: "/api/campaigns/TD/units/20-STTTT/criteria/tt/evidence?filename=x.pdf", method: .post,
                                               headers: tokens["reporter"], body: ByteBuffer(string: "<html></html>"))
            #expect(bad.status == .unprocessableContent)
        }
    }

    @Test func theCommandsScoreRankAndProposeWithDecimalCommas() async throws {
        let dir = try await Fixtures.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let base = ["--campaign", "TD", "--data-dir", dir]
        #expect(try DxtrackExecutable.run(["emulation", "score", "--unit", "20-STTTT", "--criterion", "hs", "--self", "9,5"] + base).contains("self 9,5"))
        _ = try DxtrackExecutable.run(["emulation", "score", "--unit", "20-STTTT", "--criterion", "hs", "--appraisal", "8,5", "--note", "BB 1"] + base)
        _ = try DxtrackExecutable.run(["emulation", "score", "--unit", "20-STTTT", "--criterion", "tt", "--appraisal", "9"] + base)
        let tooHigh = try DxtrackExecutable.run(["emulation", "score", "--unit", "20-STTTT", "--criterion", "tt", "--appraisal", "11"] + base, errors: true)
        #expect(tooHigh.contains("phải từ 0 đến 10") && tooHigh.contains("must be from 0 to 10"))
        let csv = try DxtrackExecutable.run(["emulation", "ranking", "--format", "csv"] + base)
        #expect(csv.split(separator: "\n").first == "cluster,rank,unit,name,points,max_points,share,self_points,appraised")
        #expect(csv.contains("K,1,20-STTTT,Sở Thông tin và Truyền thông,17.5000,20.0000,0.8750,,yes"))
        #expect(csv.contains("K,2,178,Thành phố Lạng Sơn,0.0000,20.0000,0.0000,,no"))
        let awards = try DxtrackExecutable.run(["emulation", "awards"] + base)
        #expect(awards.contains("Bằng khen: Sở Thông tin và Truyền thông (20-STTTT), hạng 1 K, 17,50/20 điểm"))
        #expect(awards.contains("hs: 8,50/10, tự chấm 9,50, thẩm định: BB 1"))
    }
}
