import Foundation

/// DHIS2's exchange format for aggregate data (`/api/dataValueSets`), so tools and
/// systems that already talk to DHIS2 can push to and pull from dxtrack: data element
/// = indicator code, org unit = unit code, period = the DHIS2 period id (the same
/// identifiers dxtrack uses; `idScheme=CODE`).
///
/// A value reported as a fraction travels as two rows, the category option combos
/// `NUMERATOR` and `DENOMINATOR` (in ADX, the disaggregation attribute `FRACTION`).
public struct DataValueSet: Codable, Sendable {
    public struct Row: Codable, Hashable, Sendable {
        public var dataElement: String
        public var period: String
        public var orgUnit: String
        public var categoryOptionCombo: String?
        public var attributeOptionCombo: String?
        public var value: String?
        public var storedBy: String?
        public var lastUpdated: String?
        public var comment: String?

        public init(dataElement: String, period: String, orgUnit: String, categoryOptionCombo: String? = nil, value: String?,
                    storedBy: String? = nil, lastUpdated: String? = nil, comment: String? = nil) {
            self.dataElement = dataElement
            self.period = period
            self.orgUnit = orgUnit
            self.categoryOptionCombo = categoryOptionCombo
            self.value = value
            self.storedBy = storedBy
            self.lastUpdated = lastUpdated
            self.comment = comment
        }

        enum CodingKeys: String, CodingKey {
            case dataElement, period, orgUnit, categoryOptionCombo, attributeOptionCombo, value, storedBy, lastUpdated, comment
        }

        /// DHIS2 writes values as strings; clients often send numbers. Both are read.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            dataElement = try c.decode(String.self, forKey: .dataElement)
            period = try c.decodeIfPresent(String.self, forKey: .period) ?? ""
            orgUnit = try c.decodeIfPresent(String.self, forKey: .orgUnit) ?? ""
            categoryOptionCombo = try c.decodeIfPresent(String.self, forKey: .categoryOptionCombo)
            attributeOptionCombo = try c.decodeIfPresent(String.self, forKey: .attributeOptionCombo)
            if let text = try? c.decodeIfPresent(String.self, forKey: .value) { value = text }
            else { value = try c.decodeIfPresent(Double.self, forKey: .value).map(Self.text) }
            storedBy = try c.decodeIfPresent(String.self, forKey: .storedBy)
            lastUpdated = try c.decodeIfPresent(String.self, forKey: .lastUpdated)
            comment = try c.decodeIfPresent(String.self, forKey: .comment)
        }

        /// A number as DHIS2 writes it: "42", "37.8".
        public static func text(_ x: Double) -> String {
            x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
        }
    }

    public static let numerator = "NUMERATOR", denominator = "DENOMINATOR"

    public var dataSet: String?
    public var period: String?
    public var orgUnit: String?
    public var dataValues: [Row]

    public init(dataValues: [Row]) { self.dataValues = dataValues }

    /// The rows for dxtrack's values: one per value, two per fraction.
    public init(values: [DataValue]) {
        dataValues = values.flatMap { v -> [Row] in
            let common = { (combo: String?, x: Double?) in
                Row(dataElement: v.indicatorCode, period: v.period.id, orgUnit: v.unitCode, categoryOptionCombo: combo,
                    value: x.map(Row.text), storedBy: v.storedBy, lastUpdated: v.updatedAt, comment: v.comment)
            }
            if v.numerator != nil || v.denominator != nil {
                return [common(Self.numerator, v.numerator), common(Self.denominator, v.denominator)]
            }
            return [common(nil, v.value)]
        }
    }

    /// A problem with some rows (DHIS2's "conflict"): what it concerns and why, and which rows.
    public struct Conflict: Hashable, Sendable {
        public var object: String
        public var error: DomainError
        public var indexes: [Int]

        public init(object: String, error: DomainError, indexes: [Int]) {
            self.object = object
            self.error = error
            self.indexes = indexes
        }
    }

    /// The rows as dxtrack inputs (a fraction's two rows become one input), with the
    /// rows each input came from, and the rows that cannot be read. Rows in `skipping`
    /// (refused already, for a UID nobody has) are left out.
    public func inputs(skipping: Set<Int> = []) -> (inputs: [DataValueInput], rows: [[Int]], conflicts: [Conflict]) {
        struct Key: Hashable { let de, pe, ou: String }
        var order: [Key] = [], grouped: [Key: [(Int, Row)]] = [:], conflicts: [Conflict] = []
        for (i, raw) in dataValues.enumerated() where !skipping.contains(i) {
            var row = raw
            if row.period.isEmpty { row.period = period ?? "" }
            if row.orgUnit.isEmpty { row.orgUnit = orgUnit ?? "" }
            if let aoc = row.attributeOptionCombo, !Self.isDefault(aoc) {
                conflicts.append(Conflict(object: aoc, error: .unknownAttributeOptionCombo(aoc), indexes: [i]))
                continue
            }
            // Grouped by the identifiers the rows stand for: `2025Q1` and `"2025Q1 "` are one key.
            let key = Key(de: Code.canonical(row.dataElement), pe: Period.canonicalID(row.period), ou: Code.canonical(row.orgUnit))
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append((i, row))
        }
        var inputs: [DataValueInput] = [], rows: [[Int]] = []
        for key in order {
            let group = grouped[key]!
            var input = DataValueInput(unit: key.ou, indicator: key.de, period: key.pe, value: nil, numerator: nil, denominator: nil)
            var bad = false
            for (i, row) in group {
                var number: Double?
                if let text = row.value?.trimmingWhitespace(), !text.isEmpty {
                    guard let x = Double(text), x.isFinite else {
                        conflicts.append(Conflict(object: text, error: DomainError.invalidNumber(text, field: "value"), indexes: [i]))
                        bad = true
                        continue
                    }
                    number = x
                }
                let combo = row.categoryOptionCombo ?? ""
                switch Self.isDefault(combo) ? "" : combo.uppercased() {
                case "": input.value = number
                case Self.numerator: input.numerator = number
                case Self.denominator: input.denominator = number
                default:
                    conflicts.append(Conflict(object: combo, error: .unknownCategoryOptionCombo(combo), indexes: [i]))
                    bad = true
                }
                if let c = row.comment { input.comment = c }
            }
            if !bad {
                inputs.append(input)
                rows.append(group.map(\.0))
            }
        }
        return (inputs, rows, conflicts)
    }

    /// DHIS2's default combo, by code, name or UID.
    static func isDefault(_ combo: String) -> Bool {
        ["default", "HllvX50cXC0", ""].contains(combo)
    }
}

/// The problems of a DHIS2 data value set's rows, said once each.
extension DomainError {
    static func unknownAttributeOptionCombo(_ aoc: String) -> DomainError {
        DomainError(code: "unknown_attribute_option_combo", field: "attributeOptionCombo",
            vi: "dxtrack không dùng nhóm thuộc tính \(aoc).", en: "dxtrack has no attribute option combo \(aoc).")
    }

    static func unknownCategoryOptionCombo(_ combo: String) -> DomainError {
        DomainError(code: "unknown_category_option_combo", field: "categoryOptionCombo",
            vi: "Không có nhóm phân tổ \(combo) (dùng NUMERATOR, DENOMINATOR hoặc để trống).",
            en: "No category option combo \(combo) (use NUMERATOR, DENOMINATOR or none).")
    }
}
