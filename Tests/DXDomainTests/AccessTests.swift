import DXDomain
import Testing

@Suite struct AccessTests {
    static let commune = ["05983", "20"]
    static let otherCommune = ["05977", "20"]
    static let otherProvince = ["03646", "14"]

    @Test func thePublicOnlyReadsTheCatalog() {
        #expect(Access.allows(nil, .readCatalog))
        for a in Action.allCases where a != .readCatalog { #expect(!Access.allows(nil, a, onUnitWithAncestry: Self.commune)) }
    }

    @Test func aCommuneReporterWritesOnlyItsCommune() {
        let r = Principal(username: "an", role: .reporter, unitCode: "05983")
        #expect(Access.allows(r, .writeValues, onUnitWithAncestry: Self.commune))
        #expect(Access.allows(r, .readValues, onUnitWithAncestry: Self.commune))
        #expect(!Access.allows(r, .writeValues, onUnitWithAncestry: Self.otherCommune))
        #expect(!Access.allows(r, .readValues, onUnitWithAncestry: Self.otherCommune))
        #expect(!Access.allows(r, .approve, onUnitWithAncestry: Self.commune))
        #expect(!Access.allows(r, .manageUsers))
    }

    @Test func aProvinceCoordinatorActsAcrossItsProvinceOnly() {
        let c = Principal(username: "binh", role: .coordinator, unitCode: "20")
        for a in Action.allCases {
            #expect(Access.allows(c, a, onUnitWithAncestry: Self.commune))
            #expect(a == .readCatalog || !Access.allows(c, a, onUnitWithAncestry: Self.otherProvince))
        }
    }

    @Test func leadersReadAndApproversApproveBelowThem() {
        let leader = Principal(username: "lan", role: .leader, unitCode: "20")
        #expect(Access.allows(leader, .readValues, onUnitWithAncestry: Self.commune))
        #expect(!Access.allows(leader, .writeValues, onUnitWithAncestry: Self.commune))
        let approver = Principal(username: "minh", role: .approver, unitCode: "20")
        #expect(Access.allowsApproval(approver, ofUnitWithAncestry: Self.commune))
        #expect(!Access.allowsApproval(approver, ofUnitWithAncestry: ["20"]), "not their own unit's report")
        #expect(!Access.allowsApproval(approver, ofUnitWithAncestry: Self.otherProvince))
    }

    @Test func adminsActEverywhereAndReadOnlyTokensNeverWrite() {
        let admin = Principal(username: "root", role: .admin, unitCode: nil)
        for a in Action.allCases { #expect(Access.allows(admin, a, onUnitWithAncestry: Self.otherProvince)) }
        let token = Principal(username: "root", role: .admin, unitCode: nil, readOnly: true)
        #expect(Access.allows(token, .readValues, onUnitWithAncestry: Self.commune))
        #expect(!Access.allows(token, .writeValues, onUnitWithAncestry: Self.commune))
    }
}
