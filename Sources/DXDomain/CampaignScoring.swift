/// A unit's scores on one criterion: its own (self-assessment) and the appraisal
/// council's, each with a note, and the evidence files (SHA-256) it offers.
public struct CriterionScore: Hashable, Sendable, Codable {
    public var unitCode: String
    public var criterionCode: String
    public var selfScore: Double?
    public var selfNote: String?
    public var appraisalScore: Double?
    public var appraisalNote: String?
    public var evidence: [String]

    public init(unitCode: String, criterionCode: String, selfScore: Double? = nil, selfNote: String? = nil,
                appraisalScore: Double? = nil, appraisalNote: String? = nil, evidence: [String] = []) {
        self.unitCode = unitCode
        self.criterionCode = criterionCode
        self.selfScore = selfScore
        self.selfNote = selfNote
        self.appraisalScore = appraisalScore
        self.appraisalNote = appraisalNote
        self.evidence = evidence
    }
}

/// What the figures say about a criterion tied to a target: the points they suggest and why.
public struct CriterionEvidence: Hashable, Sendable, Codable {
    public var suggested: Double
    public var status: ProgressStatus
    public var latest: Double?
    public var latestPeriod: String?
    public var threshold: Double?
    public var explanationVi: String

    public init(suggested: Double, status: ProgressStatus, latest: Double?, latestPeriod: String?, threshold: Double?, explanationVi: String) {
        self.suggested = suggested
        self.status = status
        self.latest = latest
        self.latestPeriod = latestPeriod
        self.threshold = threshold
        self.explanationVi = explanationVi
    }
}

/// One criterion as scored for one unit.
public struct CriterionResult: Hashable, Sendable {
    public enum Basis: String, Hashable, Sendable, Codable {
        /// The appraisal council's score.
        case appraisal
        /// Not appraised yet: the score the figures suggest, provisionally.
        case figures
        /// Neither: counts 0 until appraised.
        case none
    }

    public var criterion: Criterion
    public var score: CriterionScore
    public var figures: CriterionEvidence?
    public var basis: Basis

    /// The points that count: the appraisal, else (provisionally) what the figures suggest.
    public var points: Double { score.appraisalScore ?? (basis == .figures ? figures?.suggested ?? 0 : 0) }
}

/// A unit's place in its cluster.
public struct CampaignStanding: Hashable, Sendable {
    public var unitCode: String
    public var clusterCode: String
    public var results: [CriterionResult]
    /// 1, 2, 2, 4 within the cluster, on the share of points at 2 decimals of a percent.
    public var rank: Int

    public var total: Double { results.reduce(0) { $0 + $1.points } }
    public var maxPoints: Double { results.reduce(0) { $0 + $1.criterion.points } }
    /// The unit's own total, if it scored itself on every criterion.
    public var selfTotal: Double? {
        results.allSatisfy { $0.score.selfScore != nil } ? results.reduce(0) { $0 + ($1.score.selfScore ?? 0) } : nil
    }
    /// Units of one cluster may be scored on different criteria (a school is not scored
    /// on a hospital's targets), so they are compared on the share of their own maximum.
    public var share: Double { maxPoints > 0 ? total / maxPoints : 0 }
    /// Every criterion has its appraisal score: the standing is final.
    public var appraised: Bool { results.allSatisfy { $0.score.appraisalScore != nil } }

    /// Per criterion: the points that count, the unit's own score, the appraisal's note,
    /// the figures and the evidence files behind it; what an award proposal rests on.
    public var groundsVi: String {
        results.map { r in
            var parts = ["\(r.criterion.code): \(VietnameseNumber.format(r.points, decimals: 2))/\(VietnameseNumber.format(r.criterion.points))"]
            if let own = r.score.selfScore { parts.append("tự chấm \(VietnameseNumber.format(own, decimals: 2))") }
            if let note = r.score.appraisalNote { parts.append("thẩm định: \(note)") }
            if let f = r.figures { parts.append("số liệu: \(f.explanationVi)") }
            if !r.score.evidence.isEmpty { parts.append("minh chứng \(r.score.evidence.map { String($0.prefix(12)) }.joined(separator: ", "))") }
            return parts.joined(separator: ", ")
        }.joined(separator: "; ")
    }
}

/// A unit proposed for an award, with what it rests on.
public struct AwardProposal: Hashable, Sendable {
    public var award: String
    public var clusterCode: String
    public var standing: CampaignStanding
}

public enum CampaignScoring {
    /// The points a criterion tied to a target earns on the figures: all of them when the
    /// target is met, otherwise in proportion to how far the latest figure got
    /// (latest ÷ target, or target ÷ latest when lower is better), none without figures.
    public static func suggested(points: Double, assessment a: ProgressAssessment, direction: Direction) -> CriterionEvidence? {
        guard a.status != .noData, let latest = a.latest else { return nil }
        var share: Double
        if a.status == .met {
            share = 1
        } else if let t = a.threshold, a.method != "rank" {
            share = direction == .lowerIsBetter ? (latest.value > 0 ? t / latest.value : 1) : (t > 0 ? latest.value / t : 1)
        } else {
            share = 0
        }
        share = min(1, max(0, share))
        let suggested = (points * share * 100).rounded() / 100
        let figure = VietnameseNumber.format(latest.value, decimals: 2)
        let why = a.status == .met
            ? "\(a.status.nameVi) (\(figure), kỳ \(latest.period.id)): đủ \(VietnameseNumber.format(points)) điểm."
            : "\(a.status.nameVi): \(figure) so với mục tiêu \(a.threshold.map { VietnameseNumber.format($0, decimals: 2) } ?? "–") (kỳ \(latest.period.id)) → \(VietnameseNumber.format(suggested))/\(VietnameseNumber.format(points)) điểm."
        return CriterionEvidence(suggested: suggested, status: a.status, latest: latest.value, latestPeriod: latest.period.id,
                                 threshold: a.threshold, explanationVi: why)
    }

    /// Standings of every participating unit, ranked inside its cluster.
    ///
    /// - Parameters:
    ///   - criteria: the criteria each unit is scored on (``Campaign/criteria(for:kind:targets:)``).
    ///   - figures: per unit and criterion, what the figures suggest.
    public static func standings(_ campaign: Campaign, criteria: [String: [Criterion]], scores: [CriterionScore],
                                 figures: [String: [String: CriterionEvidence]]) -> [CampaignStanding] {
        let byKey = Dictionary(scores.map { ("\($0.unitCode)|\($0.criterionCode)", $0) }, uniquingKeysWith: { a, _ in a })
        var out: [CampaignStanding] = []
        for cluster in campaign.clusters {
            var members: [CampaignStanding] = cluster.members.map { unit in
                let results = (criteria[unit] ?? []).map { c in
                    let score = byKey["\(unit)|\(c.code)"] ?? CriterionScore(unitCode: unit, criterionCode: c.code)
                    let fig = figures[unit]?[c.code]
                    let basis: CriterionResult.Basis = score.appraisalScore != nil ? .appraisal : fig != nil ? .figures : .none
                    return CriterionResult(criterion: c, score: score, figures: fig, basis: basis)
                }
                return CampaignStanding(unitCode: unit, clusterCode: cluster.code, results: results, rank: 0)
            }
            let shown = { (s: CampaignStanding) in (s.share * 10_000).rounded() }
            members.sort { shown($0) != shown($1) ? shown($0) > shown($1) : $0.unitCode < $1.unitCode }
            for i in members.indices {
                members[i].rank = i > 0 && shown(members[i - 1]) == shown(members[i]) ? members[i - 1].rank : i + 1
            }
            out += members
        }
        return out
    }

    /// The award proposals: in each cluster, every fully appraised unit gets the first
    /// award whose rank and share it reaches (ties at a rank share its award).
    public static func proposals(_ campaign: Campaign, standings: [CampaignStanding]) -> [AwardProposal] {
        standings.compactMap { s in
            guard s.appraised, !s.results.isEmpty,
                  let award = campaign.awards.first(where: { s.rank <= $0.topPerCluster && s.share >= $0.minShare - 1e-9 }) else { return nil }
            return AwardProposal(award: award.title, clusterCode: s.clusterCode, standing: s)
        }
    }
}
