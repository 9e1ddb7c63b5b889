import DXDomain
import DXStorage
import Hummingbird

/// A unit's score on one criterion of a campaign, as the API shows it.
struct ScoreView: ResponseEncodable, Codable, Sendable {
    let unitCode: String
    let criterionCode: String
    let selfScore: Double?
    let selfNote: String?
    let appraisalScore: Double?
    let appraisalNote: String?
    /// The SHA-256 of each evidence file attached to the score.
    let evidence: [String]

    init(_ s: CriterionScore) {
        (unitCode, criterionCode, selfScore, selfNote) = (s.unitCode, s.criterionCode, s.selfScore, s.selfNote)
        (appraisalScore, appraisalNote, evidence) = (s.appraisalScore, s.appraisalNote, s.evidence)
    }
}

/// An evidence file attached to a campaign score, as the API shows it.
struct CampaignEvidenceView: ResponseEncodable, Codable, Sendable {
    let unitCode: String
    let criterionCode: String
    let sha256: String
    let filename: String
    let attachedBy: String
    let attachedAt: String

    init(_ e: CampaignEvidence) {
        (unitCode, criterionCode, sha256, filename, attachedBy, attachedAt) = (e.unitCode, e.criterionCode, e.sha256, e.filename, e.attachedBy, e.attachedAt)
    }
}
