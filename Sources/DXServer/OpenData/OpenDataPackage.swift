import DXDomain
import DXStorage

/// One indicator's open data as a Frictionless Data package (`datapackage.json`): the
/// CSV as a tabular resource with its Table Schema, so a validator or a portal reads
/// each column with its type: codes as strings (so "05977" keeps its zero), numbers as
/// numbers with their unit, the period's first and last day as dates.
enum OpenDataPackage {
    static func document(_ i: Indicator, base: String, settings: OpenDataSettings, publisher: String, modified: LocalDate?) -> JSONValue {
        func field(_ name: String, _ type: String, _ title: String, _ description: String, extra: [String: JSONValue] = [:]) -> JSONValue {
            var f: [String: JSONValue] = ["name": .string(name), "type": .string(type), "title": .string(title), "description": .string(description)]
            if type == "date" { f["format"] = "default" }
            for (k, v) in extra { f[k] = v }
            return .object(f)
        }
        let unit = JSONValue.string(i.unitVi)
        let fields: [JSONValue] = [
            field("indicator", "string", "Mã chỉ tiêu", "Indicator code", extra: ["constraints": .object(["required": true])]),
            field("unit", "string", "Mã đơn vị", "Unit code (a string: leading zeros count)", extra: ["constraints": .object(["required": true])]),
            field("unit_name", "string", "Tên đơn vị", "Unit name"),
            field("period", "string", "Kỳ", "DHIS2 period id (2025, 2025Q1, 202501)", extra: ["constraints": .object(["required": true])]),
            field("value", "number", "Giá trị", "The value, in \(i.unitVi)", extra: ["unit": unit]),
            field("numerator", "number", "Tử số", i.numeratorVi ?? "Numerator, for a share"),
            field("denominator", "number", "Mẫu số", i.denominatorVi ?? "Denominator, for a share"),
            field("period_start", "date", "Ngày đầu kỳ", "The period's first day"),
            field("period_end", "date", "Ngày cuối kỳ", "The period's last day"),
            field("approved_on", "date", "Ngày phê duyệt", "The day the figure was approved"),
        ]
        var package: [String: JSONValue] = [
            "profile": "tabular-data-package",
            "name": .string(name(i.code)),
            "id": .string(base + SiteURL.openDataIndicator(i.code, format: nil).path),
            "title": .string(i.nameVi),
            "description": .string([i.nameEn, i.definitionVi].compactMap { $0 }.joined(separator: ". ")),
            "homepage": .string(base + SiteURL.openDataIndicator(i.code, format: nil).path),
            "licenses": .array([.object(["name": .string(settings.licenseName), "path": .string(settings.licenseURL)])]),
            "contributors": .array([.object(["title": .string(publisher), "role": "publisher"])]),
            "keywords": .array([.string(i.code), "chuyển đổi số", "digital transformation"]),
            "resources": .array([.object([
                "name": "values", "profile": "tabular-data-resource",
                "path": .string(base + SiteURL.openDataIndicator(i.code, format: "csv").path),
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "schema": .object(["fields": .array(fields), "primaryKey": .array(["unit", "period"]), "missingValues": .array([""])]),
            ])]),
        ]
        if let modified { package["modified"] = .string(modified.iso) }
        return .object(package)
    }

    /// A package name as Frictionless spells them: lower case, `-` for `_`.
    static func name(_ code: String) -> String {
        String(code.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber || "-.".contains($0)) ? $0 : "-" })
    }
}
