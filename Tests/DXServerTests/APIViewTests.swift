@testable import DXServer
import DXDomain
@testable import DXStorage
import DXTestSupport
import Foundation
import Testing

/// The API's answer types say exactly what answering with the domain's own types said:
/// moving the answers onto them changed nothing a client reads.
@Suite struct APIViewTests {
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func unitsIndicatorsAndValuesReadAsBefore() throws {
        let ward = OrgUnit(code: "05983", name: "Phường Lương Văn Tri", kind: .ward, parentCode: "20", validFrom: LocalDate(year: 2025, month: 7, day: 1))
        for unit in [ward, OrgUnit(code: "20", name: "Tỉnh Lạng Sơn", kind: .province)] {
            #expect(try Self.json(UnitView(unit)) == Self.json(unit))
        }
        for indicator in Fixtures.indicators {
            #expect(try Self.json(IndicatorView(indicator)) == Self.json(indicator))
        }
        let value = DataValue(unitCode: "20", indicatorCode: "cks_phuong_tien", period: try Period("2025Q1"), value: 7, comment: "ghi chú")
        #expect(try Self.json(ValueView(value)) == Self.json(value))
    }

    @Test func campaignScoresAndEvidenceReadAsBefore() throws {
        let score = CriterionScore(unitCode: "05983", criterionCode: "K1", selfScore: 8.5, selfNote: "tự chấm", evidence: ["ab12"])
        #expect(try Self.json(ScoreView(score)) == Self.json(score))
        let file = CampaignEvidence(unitCode: "05983", criterionCode: "K1", sha256: "ab12", filename: "bien-ban.pdf", attachedBy: "xa",
                                    attachedAt: "2026-12-01T00:00:00Z")
        #expect(try Self.json(CampaignEvidenceView(file)) == Self.json(file))
    }
}
