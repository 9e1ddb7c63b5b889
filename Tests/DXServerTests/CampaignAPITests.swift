import DXDomain
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite struct CampaignAPITests {
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
            #expect(try json(own)["selfScore"] as? Double == 9.5)
            for user in ["reporter", "approver", "leader"] {
                #expect(try await Self.put(client, tokens, as: user, criterion: "hs", #"{"appraisalScore": 8}"#).status == .forbidden, "\(user)")
            }
            #expect(try await Self.put(client, tokens, as: "coordinator", criterion: "hs", #"{"appraisalScore": 12}"#).status == .unprocessableContent)
            #expect(try await Self.put(client, tokens, as: "coordinator", criterion: "hs", #"{"selfScore": 1, "appraisalScore": 2}"#).status == .unprocessableContent)
            #expect(try await Self.put(client, tokens, as: "coordinator", unit: "05983", criterion: "hs", #"{"appraisalScore": 2}"#).status == .unprocessableContent)
            #expect(try await Self.put(client, tokens, as: "coordinator", criterion: "hs", #"{"appraisalScore": 8, "note": "Biên bản 3"}"#).status == .ok)
            #expect(try await Self.put(client, tokens, as: "coordinator", criterion: "tt", #"{"appraisalScore": 6.5}"#).status == .ok)

            let board = try json(try await client.execute(uri: "/api/campaigns/TD/standings", method: .get, headers: tokens["leader"]))
            let standings = board["standings"] as? [[String: Any]] ?? []
            let stttt = try #require(standings.first { $0["unitCode"] as? String == "20-STTTT" })
            #expect(stttt["total"] as? Double == 14.5 && stttt["rank"] as? Int == 1 && stttt["appraised"] as? Bool == true)
            #expect((board["unitNames"] as? [String: String])?["20-STTTT"] == "Sở Thông tin và Truyền thông")
            // The unit reads its own standing, not the board; the ward neither.
            #expect(try await client.execute(uri: "/api/campaigns/TD/units/20-STTTT", method: .get, headers: tokens["reporter"]).status == .ok)
            #expect(try await client.execute(uri: "/api/campaigns/TD/standings", method: .get, headers: tokens["reporter"]).status == .forbidden)
            #expect(try await client.execute(uri: "/api/campaigns/TD/units/20-STTTT", method: .get, headers: tokens["ward-reporter"]).status == .forbidden)

            let awards = try json(try await client.execute(uri: "/api/campaigns/TD/awards", method: .get, headers: tokens["coordinator"]))
            let proposal = try #require((awards["items"] as? [[String: Any]])?.first)
            #expect(proposal["award"] as? String == "Bằng khen")
            #expect(((proposal["standing"] as? [String: Any])?["unitCode"] as? String) == "20-STTTT")

            let csv = String(buffer: try await client.execute(uri: "/api/campaigns/TD/awards?format=csv", method: .get, headers: tokens["coordinator"]).body)
            #expect(csv.hasPrefix("\u{FEFF}Hình thức,\"Cụm, khối\",Hạng,"))
            #expect(csv.contains("Bằng khen,K,1,20-STTTT") && csv.contains("hs: 8,00/10") && csv.contains("thẩm định: Biên bản 3"))
            let ranking = String(buffer: try await client.execute(uri: "/api/campaigns/TD/standings?format=csv&cluster=K", method: .get,
                                                                  headers: tokens["coordinator"]).body)
            // The unit scored itself on one criterion of two: no self total.
            #expect(ranking.contains("K,1,20-STTTT,Sở Thông tin và Truyền thông,14.5,20,0.725,,Đủ"))
            #expect(try await client.execute(uri: "/api/campaigns/NOPE/standings", method: .get, headers: tokens["coordinator"]).status == .notFound)
        }
    }

    @Test func evidenceForAScoreIsReadableThroughTheUnit() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            let pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
            let r = try await client.execute(uri: "/api/campaigns/TD/units/20-STTTT/criteria/tt/evidence?filename=bien-ban.pdf", method: .post,
                                             headers: tokens["reporter"], body: ByteBuffer(string: pdf))
            #expect(r.status == .ok)
            let sha = try #require(try json(r)["sha256"] as? String)
            #expect(try await client.execute(uri: "/api/evidence/\(sha)", method: .get, headers: tokens["leader"]).status == .ok)
            #expect(try await client.execute(uri: "/api/evidence/\(sha)", method: .get, headers: tokens["ward-reporter"]).status == .forbidden)
            let bad = try await client.execute(uri: "/api/campaigns/TD/units/20-STTTT/criteria/tt/evidence?filename=x.pdf", method: .post,
                                               headers: tokens["reporter"], body: ByteBuffer(string: "<html></html>"))
            #expect(bad.status == .unprocessableContent)
        }
    }

    @Test func theCommandsScoreRankAndProposeWithDecimalCommas() async throws {
        let dir = try await CommandTests.fixtureDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let base = ["--campaign", "TD", "--data-dir", dir]
        #expect(try CrashSafetyTests.run(["emulation", "score", "--unit", "20-STTTT", "--criterion", "hs", "--self", "9,5"] + base).contains("self 9,5"))
        _ = try CrashSafetyTests.run(["emulation", "score", "--unit", "20-STTTT", "--criterion", "hs", "--appraisal", "8,5", "--note", "BB 1"] + base)
        _ = try CrashSafetyTests.run(["emulation", "score", "--unit", "20-STTTT", "--criterion", "tt", "--appraisal", "9"] + base)
        let tooHigh = try CrashSafetyTests.run(["emulation", "score", "--unit", "20-STTTT", "--criterion", "tt", "--appraisal", "11"] + base, errors: true)
        #expect(tooHigh.contains("phải từ 0 đến 10") && tooHigh.contains("must be from 0 to 10"))
        let csv = try CrashSafetyTests.run(["emulation", "ranking", "--format", "csv"] + base)
        #expect(csv.split(separator: "\n").first == "cluster,rank,unit,name,points,max_points,share,self_points,appraised")
        #expect(csv.contains("K,1,20-STTTT,Sở Thông tin và Truyền thông,17.5000,20.0000,0.8750,,yes"))
        #expect(csv.contains("K,2,178,Thành phố Lạng Sơn,0.0000,20.0000,0.0000,,no"))
        let awards = try CrashSafetyTests.run(["emulation", "awards"] + base)
        #expect(awards.contains("Bằng khen: Sở Thông tin và Truyền thông (20-STTTT), hạng 1 K, 17,50/20 điểm"))
        #expect(awards.contains("hs: 8,50/10, tự chấm 9,50, thẩm định: BB 1"))
    }
}
