import DXDomain
import Foundation
import SQLKit

/// An evidence file offered for one criterion of a campaign.
public struct CampaignEvidence: Hashable, Sendable, Codable {
    public var unitCode: String
    public var criterionCode: String
    public var sha256: String
    public var filename: String
    public var attachedBy: String
    public var attachedAt: String
}

/// Campaigns, their scores and evidence, over one connection or transaction.
public struct CampaignStore: Sendable {
    let sql: Session

    public init(_ sql: Session) { self.sql = sql }

    public func save(_ campaigns: [Campaign]) async throws {
        try await Upsert(table: "campaigns", columns: ["code", "unit_code", "definition"], key: ["code"])
            .run(try campaigns.map { [$0.code, $0.unitCode, try Self.definition($0)] }, on: sql)
    }

    /// A campaign as it is stored (and audited): JSON with sorted keys.
    static func definition(_ campaign: Campaign) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(campaign), as: UTF8.self)
    }

    public func all() async throws -> [Campaign] {
        try await sql.raw("SELECT definition FROM campaigns ORDER BY code").all().map(Self.campaign)
    }

    public func find(_ code: String) async throws -> Campaign? {
        try await sql.raw("SELECT definition FROM campaigns WHERE code = \(bind: code)").first().map(Self.campaign)
    }

    static func campaign(_ row: any SQLRow) throws -> Campaign {
        try JSONDecoder().decode(Campaign.self, from: Data(try row.text("definition").utf8))
    }

    /// Every score of the campaign (of one unit when given), with the evidence offered.
    public func scores(campaign: String, unit: String? = nil) async throws -> [CriterionScore] {
        let only: SQLQueryString = unit.map { " AND unit_code = \(bind: $0)" } ?? ""
        var scores = try await sql.raw("""
            SELECT unit_code, criterion_code, self_score, self_note, appraisal_score, appraisal_note
            FROM campaign_scores WHERE campaign_code = \(bind: campaign)\(only) ORDER BY unit_code, criterion_code
            """).all().map { row in
                CriterionScore(unitCode: try row.text("unit_code"), criterionCode: try row.text("criterion_code"),
                               selfScore: try row.number("self_score"),
                               selfNote: try row.optionalText("self_note"),
                               appraisalScore: try row.number("appraisal_score"),
                               appraisalNote: try row.optionalText("appraisal_note"))
            }
        let files = Dictionary(grouping: try await evidence(campaign: campaign, unit: unit)) { "\($0.unitCode)|\($0.criterionCode)" }
        for i in scores.indices { scores[i].evidence = files["\(scores[i].unitCode)|\(scores[i].criterionCode)"]?.map(\.sha256) ?? [] }
        // Evidence may come before any score.
        let scored = Set(scores.map { "\($0.unitCode)|\($0.criterionCode)" })
        for (key, list) in files where !scored.contains(key) {
            scores.append(CriterionScore(unitCode: list[0].unitCode, criterionCode: list[0].criterionCode, evidence: list.map(\.sha256)))
        }
        return scores
    }

    /// Writes the unit's own score (`appraisal: false`) or the appraisal council's.
    func setScore(campaign: String, unit: String, criterion: String, score: Double?, note: String?, appraisal: Bool, by user: String) async throws {
        let (s, n, b, a) = appraisal ? ("appraisal_score", "appraisal_note", "appraised_by", "appraised_at") : ("self_score", "self_note", "self_by", "self_at")
        try await sql.raw("""
            INSERT INTO campaign_scores (campaign_code, unit_code, criterion_code, \(ident: s), \(ident: n), \(ident: b), \(ident: a))
            VALUES (\(bind: campaign), \(bind: unit), \(bind: criterion), \(bind: score), \(bind: note), \(bind: user), \(bind: Timestamp.now()))
            ON CONFLICT (campaign_code, unit_code, criterion_code) DO UPDATE SET
              \(ident: s) = excluded.\(ident: s), \(ident: n) = excluded.\(ident: n),
              \(ident: b) = excluded.\(ident: b), \(ident: a) = excluded.\(ident: a)
            """).run()
    }

    public func evidence(campaign: String, unit: String? = nil) async throws -> [CampaignEvidence] {
        let only: SQLQueryString = unit.map { " AND unit_code = \(bind: $0)" } ?? ""
        return try await sql.raw("""
            SELECT unit_code, criterion_code, sha256, filename, attached_by, attached_at FROM campaign_evidence
            WHERE campaign_code = \(bind: campaign)\(only) ORDER BY unit_code, criterion_code, attached_at, sha256
            """).all().map { row in
                CampaignEvidence(unitCode: try row.text("unit_code"), criterionCode: try row.text("criterion_code"), sha256: try row.text("sha256"),
                                 filename: try row.text("filename"), attachedBy: try row.text("attached_by"), attachedAt: try row.text("attached_at"))
            }
    }

    func link(campaign: String, unit: String, criterion: String, sha256: String, filename: String, by user: String) async throws {
        try await sql.raw("""
            INSERT INTO campaign_evidence (campaign_code, unit_code, criterion_code, sha256, filename, attached_by, attached_at)
            VALUES (\(bind: campaign), \(bind: unit), \(bind: criterion), \(bind: sha256), \(bind: filename), \(bind: user), \(bind: Timestamp.now()))
            ON CONFLICT (campaign_code, unit_code, criterion_code, sha256) DO UPDATE SET filename = excluded.filename
            """).run()
    }
}
