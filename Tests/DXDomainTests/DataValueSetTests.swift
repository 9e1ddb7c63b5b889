import DXDomain
import Foundation
import Testing

/// DHIS2's dataValueSets in JSON, CSV and ADX, as its documentation shows them.
@Suite struct DataValueSetTests {
    /// The shape of DHIS2's documented example, with dxtrack's codes.
    static let json = #"""
    {
      "dataSet": "CDS-QUY-SO",
      "completeDate": "2026-10-05",
      "period": "2026Q3",
      "orgUnit": "20-SNV",
      "attributeOptionCombo": "default",
      "dataValues": [
        { "dataElement": "cks_phuong_tien", "value": "7776", "comment": "Theo nền tảng" },
        { "dataElement": "cqs_ho_so_cong_viec_truc_tuyen", "categoryOptionCombo": "NUMERATOR", "value": "378" },
        { "dataElement": "cqs_ho_so_cong_viec_truc_tuyen", "categoryOptionCombo": "DENOMINATOR", "value": 1000 },
        { "dataElement": "kts_x", "period": "2026Q2", "orgUnit": "178", "categoryOptionCombo": "HllvX50cXC0", "value": "12.5" }
      ]
    }
    """#

    @Test func aDHIS2JSONSetBecomesInputsWithFractionsJoined() throws {
        let set = try JSONDecoder().decode(DataValueSet.self, from: Data(Self.json.utf8))
        let (inputs, rows, conflicts) = set.inputs()
        #expect(conflicts.isEmpty)
        #expect(inputs.map(\.indicator) == ["cks_phuong_tien", "cqs_ho_so_cong_viec_truc_tuyen", "kts_x"])
        #expect(inputs[0].unit == "20-SNV" && inputs[0].period == "2026Q3" && inputs[0].value == 7776 && inputs[0].comment == "Theo nền tảng")
        #expect(inputs[1].numerator == 378 && inputs[1].denominator == 1000 && inputs[1].value == nil)
        #expect(inputs[2].unit == "178" && inputs[2].period == "2026Q2" && inputs[2].value == 12.5)
        #expect(rows == [[0], [1, 2], [3]], "each input knows the rows it came from")
    }

    @Test func unreadableRowsAreConflictsNotDropped() {
        let set = DataValueSet(dataValues: [
            .init(dataElement: "a", period: "2026Q3", orgUnit: "20", value: "nhiều"),
            .init(dataElement: "b", period: "2026Q3", orgUnit: "20", categoryOptionCombo: "MALE", value: "1"),
            .init(dataElement: "c", period: "2026Q3", orgUnit: "20", value: "3"),
        ])
        let (inputs, _, conflicts) = set.inputs()
        #expect(inputs.map(\.indicator) == ["c"])
        #expect(conflicts.map(\.error.code) == ["invalid_number", "unknown_category_option_combo"])
        #expect(conflicts.map(\.indexes) == [[0], [1]])
    }

    @Test func csvWithAndWithoutTheHeaderRow() throws {
        let body = "cks_phuong_tien,2026Q3,20-SNV,,,7776,an,,\"ghi chú, có dấu phẩy\",false\n"
        for text in [DataValueSet.csvHeader.joined(separator: ",") + "\n" + body, body] {
            let set = try DataValueSet(csv: text)
            #expect(set.dataValues.count == 1)
            #expect(set.dataValues[0].value == "7776" && set.dataValues[0].comment == "ghi chú, có dấu phẩy")
        }
    }

    @Test func adxWithNamespacesAndTheFractionDisaggregation() throws {
        let adx = """
        <?xml version="1.0" encoding="UTF-8"?>
        <adx xmlns="urn:ihe:qrph:adx:2015" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" exported="2026-10-05T10:00:00Z">
          <group orgUnit="20-SNV" period="2026-07-01/P3M" dataSet="CDS-QUY-SO" completeDate="2026-10-05">
            <dataValue dataElement="cks_phuong_tien" value="7776"><annotation>Theo nền tảng &amp; báo cáo</annotation></dataValue>
            <dataValue dataElement="cqs_ho_so_cong_viec_truc_tuyen" FRACTION="NUMERATOR" value="378"/>
            <dataValue dataElement="cqs_ho_so_cong_viec_truc_tuyen" FRACTION="DENOMINATOR" value="1000"/>
            <dataValue dataElement="xhs_y" SEX="FMLE" value="5"/>
          </group>
        </adx>
        """
        let set = try DataValueSet(adx: Array(adx.utf8))
        let (inputs, _, conflicts) = set.inputs()
        #expect(inputs.count == 2 && inputs.allSatisfy { $0.period == "2026Q3" && $0.unit == "20-SNV" })
        #expect(inputs[0].comment == "Theo nền tảng & báo cáo" && inputs[1].numerator == 378 && inputs[1].denominator == 1000)
        #expect(conflicts.map(\.object) == ["SEX=FMLE"], "a disaggregation dxtrack does not have is refused, never summed")
        // Written back and read again, the same rows.
        let again = try DataValueSet(adx: Array(DataValueSet(dataValues: Array(set.dataValues.prefix(3))).adx.utf8))
        #expect(again.dataValues == Array(set.dataValues.prefix(3)))
    }

    @Test func malformedADXIsRefusedWithTheReason() {
        func code(_ text: String) -> String? {
            do { _ = try DataValueSet(adx: Array(text.utf8)); return nil } catch { return error.code }
        }
        #expect(code(#"<adx><group orgUnit="20" period="2026-07-01/P3M"/></adx>"#) == "invalid_adx")
        #expect(code(#"<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="20" period="2026-07-02/P3M"/></adx>"#) == "invalid_adx")
        #expect(code(#"<adx xmlns="urn:ihe:qrph:adx:2015"><dataValue dataElement="a" value="1"/></adx>"#) == "invalid_adx")
        #expect(code(#"<!DOCTYPE adx [<!ENTITY a "b">]><adx xmlns="urn:ihe:qrph:adx:2015"/>"#) == "xml_doctype")
        #expect(code("<adx") == "invalid_xml")
    }

    @Test(arguments: ["2026", "2026S2", "2026Q3", "202608", "2026W05", "20260815"])
    func adxPeriodsRoundTrip(_ id: String) throws {
        let p = try Period(id)
        #expect(Period(adx: p.adx) == p)
    }

    @Test func exportWritesFractionsAsTwoRows() throws {
        let v = DataValue(unitCode: "20", indicatorCode: "x", period: try Period("2026Q3"), value: 37.8, numerator: 378, denominator: 1000)
        let set = DataValueSet(values: [v])
        #expect(set.dataValues.map(\.categoryOptionCombo) == ["NUMERATOR", "DENOMINATOR"])
        #expect(set.dataValues.map(\.value) == ["378", "1000"])
        #expect(set.csv.hasPrefix("dataelement,period,orgunit,categoryoptioncombo"))
    }
}
