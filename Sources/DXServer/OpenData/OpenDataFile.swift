import DXDomain
import DXStorage
import Foundation
import Hummingbird

/// The machine-readable forms of one indicator's open data: CSV with a point as the
/// decimal mark (for programs; people get XLSX from the page) and JSON, with the same
/// columns: the value and its parts, the period's first and last day, the day approved.
enum OpenDataFile {
    /// The CSV's columns, in order; ``OpenDataPackage`` describes each.
    static let columns = ["indicator", "unit", "unit_name", "period", "value", "numerator", "denominator", "period_start", "period_end", "approved_on"]

    struct Document: Codable {
        struct Item: Codable {
            let unit: String
            let unit_name: String
            let period: String
            let value: Double?
            let numerator: Double?
            let denominator: Double?
            let period_start: String
            let period_end: String
            let approved_on: String?
        }
        let indicator: String
        let name_vi: String
        let name_en: String
        let unit_of_measure: String
        let aggregation: String
        let definition_vi: String?
        let license: String
        let values: [Item]
    }

    static func json(_ i: Indicator, _ values: [OpenData.Published], names: [String: String], license: String) throws -> Response {
        let doc = Document(indicator: i.code, name_vi: i.nameVi, name_en: i.nameEn, unit_of_measure: i.unitVi, aggregation: i.aggregation.rawValue,
                           definition_vi: i.definitionVi, license: license,
                           values: values.map { p in
                               let v = p.value
                               return .init(unit: v.unitCode, unit_name: names[v.unitCode] ?? v.unitCode, period: v.period.id,
                                            value: v.value, numerator: v.numerator, denominator: v.denominator,
                                            period_start: v.period.start.iso, period_end: v.period.end.iso, approved_on: p.approvedOn?.iso)
                           })
        return try JSONAnswer.response(doc)
    }

    static func csv(_ i: Indicator, _ values: [OpenData.Published], names: [String: String]) -> Response {
        let lines = [columns.joined(separator: ",")] + values.map { p in
            let v = p.value
            return [i.code, v.unitCode, names[v.unitCode] ?? v.unitCode, v.period.id,
                    v.value.map(DataValueSet.Row.text) ?? "", v.numerator.map(DataValueSet.Row.text) ?? "", v.denominator.map(DataValueSet.Row.text) ?? "",
                    v.period.start.iso, v.period.end.iso, p.approvedOn?.iso ?? ""]
                .map(CSVTable.field).joined(separator: ",")
        }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "inline; filename=\"\(i.code).csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n")))
    }
}
