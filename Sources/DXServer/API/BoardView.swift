import DXDomain
import Hummingbird

/// A campaign's standings as the API answers them (`…/standings`, `…/units/U`) and
/// `dxtrack emulation standings --format json` prints them.
public struct BoardView: ResponseEncodable, Codable, Sendable {
    /// A unit's place in its cluster, with its totals worked out.
    public struct Standing: Codable, Sendable {
        public let unitCode: String
        public let clusterCode: String
        public let rank: Int
        public let total: Double
        public let maxPoints: Double
        public let selfTotal: Double?
        public let share: Double
        public let appraised: Bool
        public let results: [Result]

        public init(_ s: CampaignStanding) {
            unitCode = s.unitCode
            clusterCode = s.clusterCode
            rank = s.rank
            total = s.total
            maxPoints = s.maxPoints
            selfTotal = s.selfTotal
            share = s.share
            appraised = s.appraised
            results = s.results.map(Result.init)
        }
    }

    /// One criterion as scored for the unit; `points` is what counts.
    public struct Result: Codable, Sendable {
        public let criterion: Criterion
        public let score: CriterionScore
        public let figures: CriterionEvidence?
        public let basis: CriterionResult.Basis
        public let points: Double

        public init(_ r: CriterionResult) {
            criterion = r.criterion
            score = r.score
            figures = r.figures
            basis = r.basis
            points = r.points
        }
    }

    public let campaign: String
    public let standings: [Standing]
    public let unitNames: [String: String]

    public init(campaign: String, standings: [CampaignStanding], unitNames: [String: String]) {
        self.campaign = campaign
        self.standings = standings.map(Standing.init)
        self.unitNames = unitNames
    }
}

/// A unit proposed for an award (`…/awards`), with the standing it rests on.
public struct AwardView: Codable, Sendable {
    public let award: String
    public let clusterCode: String
    public let standing: BoardView.Standing

    public init(_ p: AwardProposal) {
        award = p.award
        clusterCode = p.clusterCode
        standing = .init(p.standing)
    }
}
