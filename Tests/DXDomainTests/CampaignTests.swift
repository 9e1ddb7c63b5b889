import DXDomain
import Testing

@Suite struct CampaignTests {
    static func date(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }

    /// Two departments and a school in one block, a district alone in another; a target
    /// criterion for departments, one for schools, and a criterion everyone is scored on.
    static let campaign = Campaign(
        code: "TD", nameVi: "Thi đua", theme: "Quyết tâm", unitCode: "20", planCode: "P",
        start: date(2022, 1, 1), end: date(2022, 12, 31), reviewBy: date(2023, 1, 31),
        clusters: [EmulationCluster(code: "K1", nameVi: "Khối 1", members: ["S1", "S2", "T1", "S3"]),
                   EmulationCluster(code: "K2", nameVi: "Cụm 2", members: ["H1"])],
        criteria: [Criterion(code: "a1", nameVi: "Báo cáo trực tuyến", points: 10, targetCode: "P.a1", clusters: ["K1"]),
                   Criterion(code: "d1", nameVi: "Trường học số", points: 20, targetCode: "P.d1", clusters: ["K1"]),
                   Criterion(code: "tt", nameVi: "Tuyên truyền", points: 10)],
        awards: [AwardRule(title: "Cờ thi đua", topPerCluster: 1, minShare: 0.9), AwardRule(title: "Bằng khen", topPerCluster: 3, minShare: 0.8)])

    static let targets: [String: Target] = [
        "P.a1": Target(code: "P.a1", planCode: "P", indicatorCode: "a", shape: .atLeast, value: .single(50), horizon: .year(2022)!, unitKinds: [.department]),
        "P.d1": Target(code: "P.d1", planCode: "P", indicatorCode: "d", shape: .atLeast, value: .single(100), horizon: .year(2022)!, unitKinds: [.school]),
    ]

    static func criteria() -> [String: [Criterion]] {
        let kinds: [String: OrgUnitKind] = ["S1": .department, "S2": .department, "S3": .department, "T1": .school, "H1": .district]
        return kinds.reduce(into: [:]) { $0[$1.key] = campaign.criteria(for: $1.key, kind: $1.value, targets: targets) }
    }

    static func score(_ unit: String, _ criterion: String, own: Double? = nil, appraisal: Double? = nil) -> CriterionScore {
        CriterionScore(unitCode: unit, criterionCode: criterion, selfScore: own, appraisalScore: appraisal)
    }

    @Test func aUnitIsScoredOnTheCriteriaOfItsClusterAndItsKind() {
        let c = Self.criteria()
        #expect(c["S1"]?.map(\.code) == ["a1", "tt"])
        #expect(c["T1"]?.map(\.code) == ["d1", "tt"])
        #expect(c["H1"]?.map(\.code) == ["tt"])
        #expect(Self.campaign.criteria(for: "X", kind: .department, targets: Self.targets).isEmpty)
        #expect(Self.campaign.judgedPeriod == .year(2022)!)
    }

    @Test func unitsAreRankedInsideTheirClusterOnTheirShareWithTies() {
        let scores = [
            Self.score("S1", "a1", appraisal: 9), Self.score("S1", "tt", appraisal: 9),     // 18/20 = 90 %
            Self.score("S2", "a1", appraisal: 10), Self.score("S2", "tt", appraisal: 8),    // 18/20 = 90 %
            Self.score("T1", "d1", appraisal: 20), Self.score("T1", "tt", appraisal: 10),   // 30/30 = 100 %: more points is not what ranks
            Self.score("S3", "a1", appraisal: 5), Self.score("S3", "tt", own: 10),          // 5/20, tt not appraised
            Self.score("H1", "tt", appraisal: 7),
        ]
        let s = CampaignScoring.standings(Self.campaign, criteria: Self.criteria(), scores: scores, figures: [:])
        let k1 = s.filter { $0.clusterCode == "K1" }
        #expect(k1.map(\.unitCode) == ["T1", "S1", "S2", "S3"])
        #expect(k1.map(\.rank) == [1, 2, 2, 4])
        #expect(k1[1].total == 18 && k1[1].maxPoints == 20 && k1[1].share == 0.9)
        #expect(k1[3].total == 5 && !k1[3].appraised && k1[3].selfTotal == nil)
        #expect(s.first { $0.unitCode == "H1" }?.rank == 1)
        // Ranks agree with the order of shares.
        for (a, b) in zip(k1, k1.dropFirst()) { #expect(a.share >= b.share && (a.rank < b.rank) == (a.share > b.share)) }
    }

    @Test func theAppraisalCountsAndFiguresStandInUntilThen() {
        let fig = CriterionEvidence(suggested: 7.5, status: .missed, latest: 37.5, latestPeriod: "2022Q4", threshold: 50, explanationVi: "…")
        let figures = ["S1": ["a1": fig], "S2": ["a1": fig]]
        let scores = [Self.score("S1", "a1", own: 10), Self.score("S2", "a1", own: 10, appraisal: 6)]
        let s = CampaignScoring.standings(Self.campaign, criteria: Self.criteria(), scores: scores, figures: figures)
        let s1 = s.first { $0.unitCode == "S1" }!.results, s2 = s.first { $0.unitCode == "S2" }!.results
        #expect(s1[0].basis == .figures && s1[0].points == 7.5)   // the unit's own 10 does not count
        #expect(s2[0].basis == .appraisal && s2[0].points == 6)
        #expect(s1[1].basis == .none && s1[1].points == 0)
    }

    @Test func awardsGoToFullyAppraisedUnitsByRankAndShare() {
        let scores = [
            Self.score("S1", "a1", appraisal: 9.5), Self.score("S1", "tt", appraisal: 9),   // 92.5 %, rank 2 (T1 100 %)
            Self.score("S2", "a1", appraisal: 9.5), Self.score("S2", "tt", appraisal: 9),   // tied with S1
            Self.score("T1", "d1", appraisal: 20), Self.score("T1", "tt", appraisal: 10),
            Self.score("S3", "a1", appraisal: 9), Self.score("S3", "tt", appraisal: 6),     // 75 %: below every share
            Self.score("H1", "tt", appraisal: 8.5),                                          // first of its cluster, 85 %
        ]
        let standings = CampaignScoring.standings(Self.campaign, criteria: Self.criteria(), scores: scores, figures: [:])
        let proposals = CampaignScoring.proposals(Self.campaign, standings: standings)
        let byUnit = Dictionary(uniqueKeysWithValues: proposals.map { ($0.standing.unitCode, $0.award) })
        #expect(byUnit == ["T1": "Cờ thi đua", "S1": "Bằng khen", "S2": "Bằng khen", "H1": "Bằng khen"])
        // Not appraised on every criterion: no proposal, however high.
        var partial = scores.filter { !($0.unitCode == "T1" && $0.criterionCode == "tt") }
        partial.append(Self.score("T1", "tt", own: 10))
        let again = CampaignScoring.proposals(Self.campaign, standings: CampaignScoring.standings(Self.campaign, criteria: Self.criteria(),
                                                                                                  scores: partial, figures: [:]))
        #expect(!again.contains { $0.standing.unitCode == "T1" })
        #expect(standings.first { $0.unitCode == "S1" }?.groundsVi.contains("a1: 9,50/10") == true)
    }

    @Test func figuresSuggestPointsInProportionToTheTarget() {
        func assessed(_ shape: TargetShape, _ value: Double, _ latest: Double, lower: Bool = false) -> ProgressAssessment {
            let indicator = Indicator(code: "a", nameVi: "A", nameEn: "A", pillar: .digitalGovernment, valueType: lower ? .count : .percentage,
                                      aggregation: lower ? .sum : .ratioOfSums, direction: lower ? .lowerIsBetter : .higherIsBetter,
                                      decimals: 1, unitVi: "%")
            let t = Target(code: "t", planCode: "P", indicatorCode: "a", shape: shape, value: .single(value), horizon: .year(2022)!)
            return ProgressEvaluator.assess(t, indicator: indicator, level: nil, series: [Observation(.quarter(2022, 4)!, latest)],
                                            asOf: Self.date(2022, 12, 31))
        }
        let met = CampaignScoring.suggested(points: 10, assessment: assessed(.atLeast, 50, 60), direction: .higherIsBetter)
        #expect(met?.suggested == 10 && met?.status == .met)
        let short = CampaignScoring.suggested(points: 10, assessment: assessed(.atLeast, 80, 60), direction: .higherIsBetter)
        #expect(short?.suggested == 7.5 && short?.status == .missed && short?.explanationVi.contains("60,00") == true)
        let lower = CampaignScoring.suggested(points: 10, assessment: assessed(.atMost, 4, 5, lower: true), direction: .lowerIsBetter)
        #expect(lower?.suggested == 8)
        var none = assessed(.atLeast, 50, 60)
        none.status = .noData
        #expect(CampaignScoring.suggested(points: 10, assessment: none, direction: .higherIsBetter) == nil)
    }

    @Test func aDefinitionThatCannotWorkIsRefused() {
        var c = Self.campaign
        #expect(c.validate().isEmpty)
        c.end = Self.date(2021, 1, 1)
        c.clusters.append(EmulationCluster(code: "K1", nameVi: "Trùng", members: ["S1"]))
        c.criteria.append(Criterion(code: "x", nameVi: "X", points: 0, clusters: ["K9"]))
        let codes = c.validate().map(\.code)
        for code in ["invalid_dates", "duplicate_code", "duplicate_member", "invalid_points", "unknown_cluster"] {
            #expect(codes.contains(code), "\(code) in \(codes)")
        }
        #expect(throws: DomainError.self) { try Self.campaign.criteria[0].check(score: 10.5, field: "selfScore") }
        #expect(throws: DomainError.self) { try Self.campaign.criteria[0].check(score: -1, field: "selfScore") }
        #expect(throws: Never.self) { try Self.campaign.criteria[0].check(score: 8.5, field: "selfScore") }
    }
}
