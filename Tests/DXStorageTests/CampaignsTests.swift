import DXDomain
import DXStorage
import DXTestSupport
import Testing

@Suite struct CampaignsTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)

    /// The fixture campaign (20-STTTT and district 178 in block K), with one approved
    /// quarter for the department: 80 % of work records online against the 90 % target.
    static func setUp(_ db: Database) async throws {
        try await Fixtures.load(into: db)
        try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.workRecords.code, "2025Q1", numerator: 80, denominator: 100)], by: .machineOperator("t"))
        try await Submissions(db).importHistory([SubmissionRecord(formCode: "F", unitCode: "20-STTTT", period: try Period("2025Q1"),
                                                                  status: .approved, version: 2)], by: "t")
    }

    @Test(arguments: TestBackend.available)
    func figuresSuggestScoresUntilTheAppraisalDecides(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.setUp(db)
            let before = try await Campaigns(db).board("TD")
            let stttt = try #require(before.standings.first { $0.unitCode == "20-STTTT" })
            let hs = try #require(stttt.results.first { $0.criterion.code == "hs" })
            // Judged at the end of 2025 on the approved 80 % against 90 %: missed, 10 × 80/90.
            #expect(hs.basis == .figures && hs.figures?.status == .missed && hs.points == 8.89)
            #expect(before.standings.first { $0.unitCode == "178" }?.results.allSatisfy { $0.basis == .none } == true)
            #expect(before.proposals.isEmpty)

            try await Campaigns(db).score(campaign: "TD", unit: "20-STTTT", criterion: "hs", score: 9.5, note: "Tự đánh giá", appraisal: false, by: "reporter")
            try await Campaigns(db).score(campaign: "TD", unit: "20-STTTT", criterion: "hs", score: 8, note: "Biên bản 3", appraisal: true, by: "coordinator")
            try await Campaigns(db).score(campaign: "TD", unit: "20-STTTT", criterion: "tt", score: 7, note: nil, appraisal: true, by: "coordinator")
            let after = try await Campaigns(db).board("TD")
            let s = try #require(after.standings.first { $0.unitCode == "20-STTTT" })
            #expect(s.total == 15 && s.maxPoints == 20 && s.appraised && s.rank == 1)
            #expect(s.results.first { $0.criterion.code == "hs" }?.score.selfScore == 9.5)
            #expect(after.proposals.map(\.standing.unitCode) == ["20-STTTT"])
            let audit = try await AuditLog.history(of: "campaign:TD|20-STTTT|hs", db)
            #expect(audit.map(\.action) == ["campaign.self_score", "campaign.appraise"])
            #expect(audit.last?.after == "8.0" && audit.last?.reason == "Biên bản 3")
        }
    }

    @Test(arguments: TestBackend.available)
    func scoresOutsideTheRulesAreRefusedAndABatchIsAllOrNothing(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.setUp(db)
            let c = Campaigns(db)
            func code(_ body: () async throws -> Void) async -> [String] {
                do { try await body(); return [] } catch let e as DomainErrors { return e.errors.map(\.code) } catch { return ["\(error)"] }
            }
            #expect(await code { try await c.score(campaign: "TD", unit: "20-STTTT", criterion: "hs", score: 10.5, note: nil, appraisal: false, by: "t") } == ["out_of_range"])
            #expect(await code { try await c.score(campaign: "TD", unit: "05983", criterion: "hs", score: 5, note: nil, appraisal: false, by: "t") } == ["not_participating"])
            #expect(await code { try await c.score(campaign: "TD", unit: "20-STTTT", criterion: "zz", score: 5, note: nil, appraisal: false, by: "t") } == ["unknown_criterion"])
            #expect(await code { _ = try await c.board("NOPE") } == ["unknown_campaign"])
            let batch = [CriterionScore(unitCode: "20-STTTT", criterionCode: "hs", selfScore: 9),
                         CriterionScore(unitCode: "178", criterionCode: "tt", appraisalScore: 11)]
            #expect(await code { try await c.record(batch, campaign: "TD", by: "t") } == ["out_of_range"])
            #expect(try await db.read { try await CampaignStore($0).scores(campaign: "TD") }.isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func evidenceIsKeptOnceAndReadableThroughTheUnit(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.setUp(db)
            let e = try await Campaigns(db).attach(Self.pdf, filename: "bien-ban.pdf", campaign: "TD", unit: "20-STTTT", criterion: "tt", by: "reporter")
            #expect(e.filename == "bien-ban.pdf" && e.sha256.count == 64)
            #expect(try await db.read { try await EvidenceStore($0).units(attachedTo: e.sha256) } == ["20-STTTT"])
            let board = try await Campaigns(db).board("TD")
            #expect(board.standings.first { $0.unitCode == "20-STTTT" }?.results.first { $0.criterion.code == "tt" }?.score.evidence == [e.sha256])
            await #expect(throws: DomainError.self) {
                _ = try await Campaigns(db).attach(Array("<html>".utf8), filename: "x.pdf", campaign: "TD", unit: "20-STTTT", criterion: "tt", by: "reporter")
            }
        }
    }
}
