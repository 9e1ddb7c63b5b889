import DXCatalog
import DXDomain
import DXStorage
import DXTestSupport
import Foundation
import Logging
import Testing

/// A province's own index for its departments and communes, computed from the
/// approved figures of catalog indicators.
@Suite struct CascadedIndexTests {
    static let framework = """
        code: so-nganh-thu
        nameVi: Chỉ số chuyển đổi số sở, ngành (thử)
        unitCode: "20"
        unitKinds: [department]
        components:
          - {code: ho_so, nameVi: Hồ sơ công việc, weight: 1, indicator: cqs_ho_so_cong_viec_truc_tuyen, normalisation: {kind: distanceToTarget, target: 90}}
        pillars:
          - {code: cqs, nameVi: Chính quyền số, components: [ho_so]}
        """

    @Test func departmentsAreScoredOnTheirApprovedFigures() async throws {
        let dir = try await Fixtures.dataDirectory { db in
            try await db.transaction { try await OrgUnitStore($0).save([OrgUnit(code: "20-SNV", name: "Sở Nội vụ", kind: .department, parentCode: "20")]) }
            let code = Fixtures.workRecords.code
            try await DataEntry(db).write([Fixtures.input("20-STTTT", code, "2025Q1", numerator: 80, denominator: 100),
                                           Fixtures.input("20-SNV", code, "2025Q1", numerator: 100, denominator: 400),
                                           Fixtures.input("20-SNV", code, "2025Q2", numerator: 390, denominator: 400)], by: .machineOperator("t"))
            try await Submissions(db).importHistory([
                SubmissionRecord(formCode: "F", unitCode: "20-STTTT", period: try Period("2025Q1"), status: .approved, version: 2),
                SubmissionRecord(formCode: "F", unitCode: "20-SNV", period: try Period("2025Q1"), status: .approved, version: 2),
                SubmissionRecord(formCode: "F", unitCode: "20-SNV", period: try Period("2025Q2"), status: .submitted, version: 2),
            ], by: "t")
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/so-nganh.yaml"
        try Self.framework.write(toFile: file, atomically: true, encoding: .utf8)
        let args = ["index", "--framework", file, "--period", "2025Q1", "--format", "csv", "--data-dir", dir]
        // 80 % ÷ 90 % and 25 % ÷ 90 %.
        #expect(try DxtrackExecutable.run(args) == "rank,unit,index,cqs\n1,20-STTTT,0.8889,0.8889\n2,20-SNV,0.2778,0.2778\n")
        // A half-year rolls its quarters up by the indicator's rule; submitted figures only on request.
        let half = ["index", "--framework", file, "--period", "2025S1", "--format", "csv", "--data-dir", dir]
        #expect(try DxtrackExecutable.run(half).contains("2,20-SNV,0.2778"))
        #expect(try DxtrackExecutable.run(half + ["--include-submitted"]).contains("1,20-SNV,1.0000"))
    }

    @Test func shippedProvincialFrameworksReadIndicatorsOfTheStarterCatalog() throws {
        let catalog = try CatalogLoader.loadValid(StarterCatalog.path)
        let indicators = Set(catalog.indicators.map(\.value.code))
        let units = Set(catalog.units.map(\.value.code))
        let own = try IndexFrameworks.shipped().filter { !$0.unitKinds.isEmpty }
        #expect(Set(own.map(\.code)) == ["lang-son-so-nganh", "lang-son-cap-xa"])
        for f in own {
            #expect(f.unitCode.map(units.contains) == true, "\(f.code)")
            for c in f.components { #expect(c.indicator.map(indicators.contains) == true, "\(f.code).\(c.code)") }
        }
        var broken = own[0]
        broken.components[0].indicator = nil
        #expect(broken.validate().contains { $0.field == "indicator" })
    }
}
