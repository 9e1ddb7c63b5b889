import Crypto
import DXDomain
import Foundation
import SQLKit

/// Emulation campaigns: the units' own scores, the appraisal council's, the
/// standings inside each cluster and the award proposals.
public struct Campaigns: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// A campaign's standings, with the names of its units.
    public struct Board: Sendable {
        public var campaign: Campaign
        public var standings: [CampaignStanding]
        public var unitNames: [String: String]
        public var proposals: [AwardProposal] { CampaignScoring.proposals(campaign, standings: standings) }
    }

    public func all() async throws -> [Campaign] {
        try await db.read { try await CampaignStore($0).all() }
    }

    public func campaign(_ code: String) async throws -> Campaign {
        guard let c = try await db.read({ try await CampaignStore($0).find(code) }) else {
            throw DomainErrors([DomainError.unknown(.campaign, code: code)])
        }
        return c
    }

    /// Every participating unit scored and ranked inside its cluster. Criteria tied to a
    /// target are judged on the approved figures (submitted ones too on request) of the
    /// year the campaign ends, and suggest a score until the appraisal gives one.
    public func board(_ code: String, includeSubmitted: Bool = false) async throws -> Board {
        let campaign = try await self.campaign(code)
        let (units, targets, indicators, scores) = try await db.read { sql in
            let catalog = CatalogStore(sql)
            return (try await OrgUnitStore(sql).all(), try await catalog.targets(), try await catalog.indicators(),
                    try await CampaignStore(sql).scores(campaign: code))
        }
        let unitByCode = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) })
        let targetByCode = Dictionary(uniqueKeysWithValues: targets.map { ($0.code, $0) })
        let direction = Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0.direction) })
        var criteria: [String: [Criterion]] = [:]
        var figures: [String: [String: CriterionEvidence]] = [:]
        for unit in campaign.clusters.flatMap(\.members) {
            guard let u = unitByCode[unit] else { continue }
            let list = campaign.criteria(for: unit, kind: u.kind, targets: targetByCode)
            criteria[unit] = list
            let judged = Set(list.compactMap(\.targetCode))
            guard !judged.isEmpty else { continue }
            let progress = try await Analytics(db).progress(unit: unit, asOf: campaign.judgedPeriod, includeSubmitted: includeSubmitted,
                                                            include: { judged.contains($0.code) })
            let byTarget = Dictionary(progress.map { ($0.target.code, $0) }, uniquingKeysWith: { a, _ in a })
            for c in list {
                guard let t = c.targetCode, let p = byTarget[t],
                      let f = CampaignScoring.suggested(points: c.points, assessment: p.assessment, direction: direction[p.indicator.code] ?? .higherIsBetter)
                else { continue }
                figures[unit, default: [:]][c.code] = f
            }
        }
        return Board(campaign: campaign, standings: CampaignScoring.standings(campaign, criteria: criteria, scores: scores, figures: figures),
                     unitNames: unitByCode.mapValues(\.name))
    }

    /// Launches a new campaign: checked in itself and against the catalog (its unit, plan,
    /// members and targets), refused if its code is taken, then saved with an audit record.
    @discardableResult
    public func create(_ campaign: Campaign, by user: String) async throws -> Campaign {
        let dialect = db.dialect
        return try await db.transaction { sql in
            let catalog = CatalogStore(sql)
            let units = Set(try await OrgUnitStore(sql).names().keys), plans = Set(try await catalog.plans().map(\.code))
            let targets = Dictionary(try await catalog.targets().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            var problems = campaign.validate()
            problems += campaign.checkReferences(unitExists: units.contains, planExists: plans.contains, target: { targets[$0] })
            if try await CampaignStore(sql).find(campaign.code) != nil {
                problems.append(.campaignExists(campaign.code))
            }
            guard problems.isEmpty else { throw DomainErrors(problems) }
            try await CampaignStore(sql).save([campaign])
            try await AuditLog.append([AuditRecord(actor: user, action: "campaign.create", entity: "campaign:\(campaign.code)",
                                                   after: try CampaignStore.definition(campaign))], on: sql, dialect: dialect)
            return campaign
        }
    }

    /// Gives a unit's own score (`appraisal: false`) or the appraisal council's on one
    /// criterion; the change is audited with the score before and after.
    @discardableResult
    public func score(campaign code: String, unit: String, criterion criterionCode: String, score: Double, note: String?,
                      appraisal: Bool, by user: String) async throws -> CriterionScore {
        let criterion = try await applicable(code, unit: unit, criterion: criterionCode)
        do { try criterion.check(score: score, field: appraisal ? "appraisalScore" : "selfScore") } catch { throw DomainErrors([error]) }
        let dialect = db.dialect
        return try await db.transaction { sql in
            let store = CampaignStore(sql)
            let before = try await store.scores(campaign: code, unit: unit).first { $0.criterionCode == criterionCode }
            try await store.setScore(campaign: code, unit: unit, criterion: criterionCode, score: score, note: note, appraisal: appraisal, by: user)
            let old = appraisal ? before?.appraisalScore : before?.selfScore
            try await AuditLog.append([AuditRecord(actor: user, action: appraisal ? "campaign.appraise" : "campaign.self_score",
                                                   entity: "campaign:\(code)|\(unit)|\(criterionCode)", before: old.map { "\($0)" },
                                                   after: "\(score)", reason: note)], on: sql, dialect: dialect)
            if appraisal { try await Notifications.appraised([(unit, criterionCode, score)], campaign: code, by: user, sql: sql) }
            return try await store.scores(campaign: code, unit: unit).first { $0.criterionCode == criterionCode }!
        }
    }

    /// Records many scores at once (a spreadsheet of self-assessments, the appraisal
    /// council's minutes): every one is checked first, and none is written unless all are good.
    public func record(_ scores: [CriterionScore], campaign code: String, by user: String) async throws {
        var problems: [DomainError] = []
        for s in scores {
            do {
                let c = try await applicable(code, unit: s.unitCode, criterion: s.criterionCode)
                if let x = s.selfScore { try c.check(score: x, field: "selfScore") }
                if let x = s.appraisalScore { try c.check(score: x, field: "appraisalScore") }
            } catch let e as any DomainProblems { problems += e.problems }
        }
        guard problems.isEmpty else { throw DomainErrors(problems) }
        let dialect = db.dialect
        try await db.transaction { sql in
            let store = CampaignStore(sql)
            var audit: [AuditRecord] = []
            for s in scores {
                for (score, note, appraisal) in [(s.selfScore, s.selfNote, false), (s.appraisalScore, s.appraisalNote, true)] {
                    guard let score else { continue }
                    try await store.setScore(campaign: code, unit: s.unitCode, criterion: s.criterionCode, score: score, note: note, appraisal: appraisal, by: user)
                    audit.append(AuditRecord(actor: user, action: appraisal ? "campaign.appraise" : "campaign.self_score",
                                             entity: "campaign:\(code)|\(s.unitCode)|\(s.criterionCode)", after: "\(score)", reason: note))
                }
            }
            try await AuditLog.append(audit, on: sql, dialect: dialect)
            try await Notifications.appraised(scores.compactMap { s in s.appraisalScore.map { (s.unitCode, s.criterionCode, $0) } },
                                              campaign: code, by: user, sql: sql)
        }
    }

    /// Offers an evidence file (PDF, PNG, JPEG) for a unit's score on a criterion.
    public func attach(_ bytes: [UInt8], filename: String, campaign code: String, unit: String, criterion: String,
                       by user: String) async throws -> CampaignEvidence {
        _ = try await applicable(code, unit: unit, criterion: criterion)
        let file = try EvidenceFile(filename: filename, bytes: bytes)
        let sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let dialect = db.dialect
        return try await db.transaction { sql in
            try await EvidenceStore(sql).store(bytes, sha256: sha256, contentType: file.contentType, by: user)
            try await CampaignStore(sql).link(campaign: code, unit: unit, criterion: criterion, sha256: sha256, filename: file.filename, by: user)
            try await AuditLog.append([AuditRecord(actor: user, action: "campaign.evidence", entity: "campaign:\(code)|\(unit)|\(criterion)",
                                                   after: "\(sha256) \(file.filename)")], on: sql, dialect: dialect)
            return try await CampaignStore(sql).evidence(campaign: code, unit: unit).first { $0.criterionCode == criterion && $0.sha256 == sha256 }!
        }
    }

    /// The criterion, if the unit takes part in the campaign and is scored on it.
    private func applicable(_ code: String, unit: String, criterion: String) async throws -> Criterion {
        let campaign = try await self.campaign(code)
        let (found, targets) = try await db.read { sql in (try await OrgUnitStore(sql).find(unit), try await CatalogStore(sql).targets()) }
        guard let found else { throw DomainErrors([DomainError.unknown(.unit, code: unit)]) }
        guard campaign.cluster(of: unit) != nil else {
            throw DomainErrors([.notParticipating(unit: unit, campaign: code)])
        }
        let list = campaign.criteria(for: unit, kind: found.kind, targets: Dictionary(uniqueKeysWithValues: targets.map { ($0.code, $0) }))
        guard let c = list.first(where: { $0.code == criterion }) else {
            throw DomainErrors([.notScoredOn(criterion, unit: unit, campaign: code)])
        }
        return c
    }
}
