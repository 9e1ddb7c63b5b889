import DXCatalog
import DXDomain
import Testing

@Suite struct StarterUnitTests {
    static let units = SeedTargetTests.catalog.units.map(\.value)

    @Test(arguments: [("20", "Tỉnh Lạng Sơn", 11, 65), ("14", "Tỉnh Sơn La", 12, 75)])
    func provincesHaveTheirDistrictsUntilJune2025AndTheirCommunesSince(_ code: String, _ name: String, _ districts: Int, _ communes: Int) {
        #expect(Self.units.first { $0.code == code }?.name == name)
        let inProvince = Self.units.filter { $0.parentCode == code }
        let d = inProvince.filter { $0.kind == .district }
        #expect(d.count == districts)
        #expect(d.allSatisfy { $0.validTo == LocalDate(year: 2025, month: 6, day: 30) })
        let c = inProvince.filter { $0.kind.adminLevel == .commune }
        #expect(c.count == communes)
        #expect(c.allSatisfy { $0.validFrom == LocalDate(year: 2025, month: 7, day: 1) && $0.code.count == 5 })
    }

    @Test func officialCodesAndNames() {
        let byCode = Dictionary(uniqueKeysWithValues: Self.units.map { ($0.code, $0) })
        #expect(byCode["178"]?.name == "Thành phố Lạng Sơn")
        #expect(byCode["116"]?.name == "Thành phố Sơn La")
        #expect(byCode["05983"]?.name == "Phường Lương Văn Tri")
        #expect(byCode["03646"]?.name == "Phường Tô Hiệu")
    }

    @Test func newCommunesLinkBackToTheDistrictsTheyCameFrom() {
        let changes = SeedTargetTests.catalog.changes.map(\.value)
        let lsDistricts = Set(["178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189"])
        let linkedFromLS = Set(changes.filter { lsDistricts.contains($0.predecessorCode) }.map(\.successorCode))
        #expect(linkedFromLS.count == 65, "every Lạng Sơn commune of 2025 links to a former district")
        #expect(changes.contains { $0.predecessorCode == "178" && $0.successorCode == "05983" && $0.kind == .split })
        // Departments merged on 01/03/2025 keep a link to their successor.
        #expect(changes.contains { $0.predecessorCode == "20-STTTT" && $0.successorCode == "20-SKHCN" && $0.kind == .merge })
    }

    @Test func sampleReportingUnitsOfEveryKind() {
        for kind in [OrgUnitKind.school, .healthFacility, .enterprise] {
            #expect(Self.units.filter { $0.kind == kind && $0.code.hasPrefix("20-") }.count >= 2, "\(kind) in Lạng Sơn")
            #expect(Self.units.filter { $0.kind == kind && $0.code.hasPrefix("14-") }.count >= 2, "\(kind) in Sơn La")
        }
    }

    @Test func theNationalMapHas63FormerAnd34CurrentProvinces() {
        let m = SeedTargetTests.catalog.provinceMergers.map(\.value)
        #expect(m.count == 63)
        #expect(Set(m.map(\.currentProvince)).count == 34)
        #expect(m.filter { $0.kind == .unchanged }.count == 11)
        #expect(m.contains { $0.formerProvince == "Lạng Sơn" && $0.kind == .unchanged })
    }
}
