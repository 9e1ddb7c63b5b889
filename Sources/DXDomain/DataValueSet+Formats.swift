/// The CSV and ADX forms of a data value set, as DHIS2 reads and writes them.
extension DataValueSet {
    public static let csvHeader = ["dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo", "value",
                                   "storedby", "lastupdated", "comment", "followup", "deleted"]

    /// DHIS2's CSV: columns by position; the header row is optional.
    public init(csv text: String) throws(DomainError) {
        let table = try CSVTable(parsing: text)
        var rows = table.rows.map(\.fields)
        if table.header.first?.lowercased() != "dataelement" { rows.insert(table.header, at: 0) }
        self.init(dataValues: rows.map { f in
            func at(_ i: Int) -> String? { f.indices.contains(i) && !f[i].isEmpty ? f[i] : nil }
            var row = Row(dataElement: at(0) ?? "", period: at(1) ?? "", orgUnit: at(2) ?? "", categoryOptionCombo: at(3), value: at(5),
                          storedBy: at(6), lastUpdated: at(7), comment: at(8))
            row.attributeOptionCombo = at(4)
            return row
        })
    }

    public var csv: String {
        func field(_ s: String?) -> String { s.map(CSVTable.field) ?? "" }
        let lines = dataValues.map { r in
            [r.dataElement, r.period, r.orgUnit, r.categoryOptionCombo, r.attributeOptionCombo, r.value, r.storedBy, r.lastUpdated, r.comment,
             "false", "false"].map(field).joined(separator: ",")
        }
        return ([Self.csvHeader.joined(separator: ",")] + lines).joined(separator: "\n") + "\n"
    }

    public static let adxNamespace = "urn:ihe:qrph:adx:2015"
    /// The ADX disaggregation attribute that says which part of a fraction a value is.
    public static let fractionAttribute = "FRACTION"

    /// IHE ADX: `<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit period="2025-01-01/P3M"><dataValue dataElement value/>…`.
    public init(adx bytes: [UInt8]) throws(DomainError) {
        let events = try XMLScanner.events(bytes, part: "ADX")
        func invalid(_ vi: String, _ en: String) -> DomainError { DomainError(code: "invalid_adx", field: "file", vi: "ADX không hợp lệ: \(vi).", en: "Invalid ADX: \(en).") }
        guard case .open("adx", let rootAttributes, _)? = events.first(where: { if case .open = $0 { true } else { false } }) else {
            throw invalid("phần tử gốc phải là <adx>", "the root element must be <adx>")
        }
        guard rootAttributes.values.contains(Self.adxNamespace) else {
            throw invalid("thiếu không gian tên \(Self.adxNamespace)", "the namespace \(Self.adxNamespace) is missing")
        }
        var rows: [Row] = []
        var group: [String: String]?, period = ""
        var inAnnotation = false
        for e in events {
            switch e {
            case .open("group", let a, _):
                guard let ou = a["orgUnit"], let pe = a["period"] else { throw invalid("<group> cần orgUnit và period", "<group> needs orgUnit and period") }
                guard let p = Period(adx: pe) else { throw invalid("kỳ \(pe) (dạng 2025-01-01/P3M)", "period \(pe) (expected e.g. 2025-01-01/P3M)") }
                group = a.merging(["orgUnit": ou], uniquingKeysWith: { _, b in b })
                period = p.id
            case .close("group"):
                group = nil
            case .open("dataValue", let a, _):
                guard let group else { throw invalid("<dataValue> ngoài <group>", "<dataValue> outside a <group>") }
                guard let de = a["dataElement"] else { throw invalid("<dataValue> thiếu dataElement", "<dataValue> without dataElement") }
                let extra = a.keys.filter { !["dataElement", "value", Self.fractionAttribute].contains($0) }.sorted()
                var row = Row(dataElement: de, period: period, orgUnit: group["orgUnit"] ?? "", categoryOptionCombo: a[Self.fractionAttribute], value: a["value"])
                // Any other disaggregation is one dxtrack does not have: the row is refused as a conflict, never summed silently.
                if let other = extra.first { row.categoryOptionCombo = "\(other)=\(a[other] ?? "")" }
                rows.append(row)
            case .open("annotation", _, let selfClosing): inAnnotation = !selfClosing
            case .close("annotation"): inAnnotation = false
            case .text(let t) where inAnnotation && !rows.isEmpty: rows[rows.count - 1].comment = (rows[rows.count - 1].comment ?? "") + t
            default: break
            }
        }
        self.init(dataValues: rows)
    }

    public var adx: String {
        let attr = XMLText.escape
        var order: [String] = [], groups: [String: [Row]] = [:]
        for r in dataValues {
            let key = r.orgUnit + "|" + r.period
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(r)
        }
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + #"<adx xmlns="\#(Self.adxNamespace)">"# + "\n"
        for key in order {
            let rows = groups[key]!, first = rows[0]
            let period = (try? Period(first.period))?.adx ?? first.period
            out += #"  <group orgUnit="\#(attr(first.orgUnit))" period="\#(attr(period))">"# + "\n"
            for r in rows {
                let fraction = r.categoryOptionCombo.map { #" \#(Self.fractionAttribute)="\#(attr($0))""# } ?? ""
                let body = r.comment.map { "><annotation>\(attr($0))</annotation></dataValue>" } ?? "/>"
                out += #"    <dataValue dataElement="\#(attr(r.dataElement))"\#(fraction) value="\#(attr(r.value ?? ""))""# + body + "\n"
            }
            out += "  </group>\n"
        }
        return out + "</adx>\n"
    }
}

extension Period {
    /// ISO 8601 start and duration, as ADX writes periods: `2025-01-01/P3M`.
    public var adx: String {
        let duration = switch type {
        case .daily: "P1D"
        case .weekly: "P7D"
        case .monthly: "P1M"
        case .quarterly: "P3M"
        case .sixMonthly: "P6M"
        case .yearly: "P1Y"
        }
        return "\(start.iso)/\(duration)"
    }

    /// Reads `2025-01-01/P3M`; nil unless the start begins a period of that length.
    public init?(adx text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let start = try? LocalDate(iso: String(parts[0])) else { return nil }
        let type: PeriodType
        switch parts[1] {
        case "P1D": type = .daily
        case "P7D", "P1W": type = .weekly
        case "P1M": type = .monthly
        case "P3M": type = .quarterly
        case "P6M": type = .sixMonthly
        case "P1Y", "P12M": type = .yearly
        default: return nil
        }
        let p = Period(type: type, containing: start)
        guard p.start == start else { return nil }
        self = p
    }
}
