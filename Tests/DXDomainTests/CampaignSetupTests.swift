import DXDomain
import Testing

@Suite struct CampaignSetupTests {
    static let targets = [
        Target(code: "KH.b", planCode: "KH", indicatorCode: "i2", shape: .atLeast, value: .single(80), horizon: .year(2026)!, sourceText: "80% hồ sơ trực tuyến"),
        Target(code: "KH.a", planCode: "KH", indicatorCode: "i1", shape: .atLeast, value: .single(50), horizon: .year(2026)!),
        Target(code: "KHAC.a", planCode: "KHAC", indicatorCode: "i1", shape: .atLeast, value: .single(1), horizon: .year(2026)!),
    ]

    static let filled = CampaignSetup(code: "TD-2026", nameVi: "Thi đua chuyển đổi số 2026", theme: "Về đích sớm", planCode: "KH",
                                      start: "1/1/2026", end: "31/12/2026", reviewBy: "15/01/2027",
                                      clusters: "Khối các sở: 20-SNV, 20-STTTT\r\n\r\n  Cụm huyện : 178,180 \r\n", points: "12,5",
                                      awards: "Cờ thi đua: 1, 90%\nBằng khen: 2")

    @Test func aFilledFormIsACampaignScoredOnEveryTargetOfItsPlan() throws {
        let c = try Self.filled.campaign(unitCode: "20", planTargets: Self.targets)
        #expect(c.code == "TD-2026" && c.unitCode == "20" && c.planCode == "KH" && c.theme == "Về đích sớm")
        #expect(c.start == LocalDate(year: 2026, month: 1, day: 1) && c.end == LocalDate(year: 2026, month: 12, day: 31))
        #expect(c.reviewBy == LocalDate(year: 2027, month: 1, day: 15))
        #expect(c.clusters == [EmulationCluster(code: "K1", nameVi: "Khối các sở", members: ["20-SNV", "20-STTTT"]),
                               EmulationCluster(code: "K2", nameVi: "Cụm huyện", members: ["178", "180"])])
        // One criterion per target of this plan only, named by the plan's own wording when there is one.
        #expect(c.criteria == [Criterion(code: "a", nameVi: "KH.a", points: 12.5, targetCode: "KH.a"),
                               Criterion(code: "b", nameVi: "80% hồ sơ trực tuyến", points: 12.5, targetCode: "KH.b")])
        #expect(c.awards == [AwardRule(title: "Cờ thi đua", topPerCluster: 1, minShare: 0.9), AwardRule(title: "Bằng khen", topPerCluster: 2, minShare: 0)])
        #expect(c.validate().isEmpty)
    }

    @Test func clusterMembersAreWrittenByNameOrCodeAndASharedNameAsksForTheCode() throws {
        let units = [OrgUnit(code: "20-SNV", name: "Sở Nội vụ", kind: .department, parentCode: "20"),
                     OrgUnit(code: "20-STTTT", name: "Sở Thông tin và Truyền thông", kind: .department, parentCode: "20"),
                     OrgUnit(code: "0A", name: "Xã Tân Thành", kind: .commune, parentCode: "20"),
                     OrgUnit(code: "0B", name: "Xã Tân Thành", kind: .commune, parentCode: "20")]
        var s = Self.filled
        s.clusters = "Khối các sở: sở nội vụ, 20-STTTT\nCụm xã: 0B"
        let c = try s.campaign(unitCode: "20", planTargets: Self.targets, units: units)
        #expect(c.clusters.map(\.members) == [["20-SNV", "20-STTTT"], ["0B"]])
        s.clusters = "Cụm xã: Xã Tân Thành"
        #expect { try s.campaign(unitCode: "20", planTargets: Self.targets, units: units) } throws: { error in
            let e = (error as? DomainErrors)?.errors.first
            return e?.code == "ambiguous_unit" && e?.vi.contains("0A, 0B") == true && e?.field == "clusters"
        }
    }

    @Test func everyProblemIsNamedAtOnceByItsField() {
        var s = Self.filled
        s.code = "TD 2026"
        s.nameVi = "  "
        s.start = "2026-01-01"
        s.clusters = "20-SNV, 20-STTTT"
        s.points = "không"
        s.awards = "Cờ thi đua: 0\nBằng khen: 1, 150%"
        #expect(throws: DomainErrors.self) { try s.campaign(unitCode: "20", planTargets: Self.targets) }
        do {
            _ = try s.campaign(unitCode: "20", planTargets: Self.targets)
        } catch {
            #expect(error.errors.map(\.field) == ["code", "nameVi", "start", "points", "clusters[1]", "awards[1]", "awards[2]"])
            #expect(error.errors.allSatisfy { !$0.vi.isEmpty && !$0.en.isEmpty })
        }
    }

    @Test func aPlanWithoutTargetsOrAnEmptyFormIsRefused() {
        var s = Self.filled
        s.planCode = "TRONG"
        do { _ = try s.campaign(unitCode: "20", planTargets: Self.targets) } catch { #expect(error.errors.map(\.code) == ["no_targets"]) }
        do { _ = try CampaignSetup().campaign(unitCode: "20", planTargets: Self.targets) } catch {
            #expect(Set(error.errors.map(\.field)) == ["code", "nameVi", "theme", "planCode", "start", "end", "clusters"])
        }
    }

    @Test func referencesAreCheckedAgainstWhatExists() throws {
        var c = try Self.filled.campaign(unitCode: "20", planTargets: Self.targets)
        c.criteria.append(Criterion(code: "x", nameVi: "x", points: 1, targetCode: "KHAC.a"))
        c.criteria.append(Criterion(code: "y", nameVi: "y", points: 1, targetCode: "KH.z"))
        let units: Set = ["20", "20-SNV", "20-STTTT", "178"]
        let problems = c.checkReferences(unitExists: units.contains, planExists: { $0 == "KH" },
                                         target: { code in Self.targets.first { $0.code == code } })
        #expect(problems.map(\.code) == ["unknown_unit", "foreign_target", "unknown_target"])
        #expect(problems[0].vi.contains("180"))
    }
}
