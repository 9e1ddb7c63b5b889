import DXDomain
import Foundation

/// A deterministic data set shaped like the whole country, for benchmarks: provinces
/// under a national root, each with departments, communes, and schools and health
/// facilities under the communes; 200 indicators; quarterly values since 2021Q1.
///
/// At ten million values it is the national scale of the performance issue (34
/// provinces, about 20,000 reporting units); smaller sizes keep the proportions of
/// a province and use fewer provinces. Every unit reports 22 of the indicators of
/// its kind in every quarter, so the number of units follows from the size.
/// The same size and seed give the same files on every machine.
public struct NationalDataSet: Sendable {
    public static let quarters: [Period] = {
        var out: [Period] = [], p = Period.quarter(2021, 1)!
        while out.count < 23 { out.append(p); p = p.next }   // 2021Q1 … 2026Q3
        return out
    }()
    public static let indicatorsPerUnit = 22
    /// One province's units at national scale: 20 departments, 98 communes, 350 schools, 120 health facilities.
    static let provinceShape: [(OrgUnitKind, Int)] = [(.department, 20), (.commune, 98), (.school, 350), (.healthFacility, 120)]
    /// Indicators per kind of reporting unit (200 in all).
    static let indicatorShape: [(OrgUnitKind, String, Int)] = [(.department, "so", 50), (.commune, "xa", 60), (.school, "th", 45), (.healthFacility, "yt", 45)]

    public let values: Int
    public let seed: UInt64
    public let units: [OrgUnit]
    public let indicators: [Indicator]

    public init(values: Int, seed: UInt64 = 2025) {
        self.values = values
        self.seed = seed
        indicators = Self.indicatorShape.flatMap { kind, prefix, n in (0..<n).map { Self.indicator(prefix, $0, kind) } }
        let perProvince = Self.provinceShape.reduce(0) { $0 + $1.1 }
        let needed = max(1, (values + Self.quarters.count * Self.indicatorsPerUnit - 1) / (Self.quarters.count * Self.indicatorsPerUnit))
        let provinces = min(34, max(1, Int((Double(needed) / Double(perProvince)).rounded())))
        var units = [OrgUnit(code: "VN", name: "Việt Nam", kind: .country)]
        var left = needed
        for p in 1...provinces {
            let code = String(format: "P%02d", p)
            units.append(OrgUnit(code: code, name: "Tỉnh \(p)", kind: .province, parentCode: "VN"))
            // This province's share of the reporting units, in the national proportions.
            let share = left / (provinces - p + 1)
            left -= share
            var counts = Self.provinceShape.map { max(1, $0.1 * share / perProvince) }
            counts[2] += max(0, share - counts.reduce(0, +))
            let communes = (0..<counts[1]).map { "\(code)-X\($0 + 1)" }
            for (kindIndex, (kind, _)) in Self.provinceShape.enumerated() {
                for i in 0..<counts[kindIndex] {
                    let parent = kind == .department || kind == .commune ? code : communes[i % communes.count]
                    let unit: String = switch kind {
                    case .department: "\(code)-S\(i + 1)"
                    case .commune: communes[i]
                    case .school: "\(code)-T\(i + 1)"
                    default: "\(code)-Y\(i + 1)"
                    }
                    units.append(OrgUnit(code: unit, name: "\(kind.nameVi) \(i + 1) – tỉnh \(p)", kind: kind, parentCode: parent))
                }
            }
        }
        self.units = units
    }

    static func indicator(_ prefix: String, _ i: Int, _ kind: OrgUnitKind) -> Indicator {
        // Four in ten are shares entered as fractions, four in ten counts, the rest averages and maxima.
        let aggregation: AggregationType = switch i % 10 { case 0...3: .ratioOfSums; case 4...7: .sum; case 8: .average; default: .max }
        return Indicator(code: "\(prefix)_\(String(format: "%02d", i))", nameVi: "Chỉ tiêu \(prefix) \(i) (\(kind.nameVi))",
                         nameEn: "Indicator \(prefix) \(i)", pillar: Pillar.allCases[i % Pillar.allCases.count],
                         valueType: aggregation == .ratioOfSums ? .percentage : .count, aggregation: aggregation,
                         direction: .higherIsBetter, decimals: aggregation == .ratioOfSums ? 1 : 0,
                         unitVi: aggregation == .ratioOfSums ? "%" : "lượt")
    }

    /// The indicators a unit reports: 22 consecutive ones of its kind, starting at its index among its kind.
    func reported(by unit: OrgUnit, index: Int) -> [Indicator] {
        let ofKind = indicators.filter { $0.code.hasPrefix(Self.prefix(unit.kind) + "_") }
        guard !ofKind.isEmpty else { return [] }
        return (0..<min(Self.indicatorsPerUnit, ofKind.count)).map { ofKind[(index + $0) % ofKind.count] }
    }

    static func prefix(_ kind: OrgUnitKind) -> String { indicatorShape.first { $0.0 == kind }?.1 ?? "" }

    /// The province plan with a target on every indicator, for the province `P01`.
    public var plan: (Plan, [Target]) {
        let plan = Plan(code: "BENCH-P01", unitCode: "P01", issuer: "UBND tỉnh", title: "Kế hoạch chuyển đổi số (dữ liệu thử)",
                        horizon: Period.year(2025)!)
        let kinds = Dictionary(uniqueKeysWithValues: Self.indicatorShape.map { ($0.1, $0.0) })
        let targets = indicators.map { i in
            Target(code: "BENCH-\(i.code)", planCode: plan.code, indicatorCode: i.code, shape: .atLeast,
                   value: .single(i.valueType == .percentage ? 80 : 100), horizon: Period.year(2025)!,
                   unitKinds: [kinds[String(i.code.prefix(2))] ?? .province])
        }
        return (plan, targets)
    }

    /// Writes the values as import CSV files of at most `rowsPerFile` rows each; returns the file paths.
    public func writeCSV(to directory: URL, rowsPerFile: Int = 100_000) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var files: [URL] = [], text = "", rows = 0, written = 0
        func flush() throws {
            guard rows > 0 else { return }
            let url = directory.appendingPathComponent(String(format: "values-%04d.csv", files.count + 1))
            try Data(("unit,indicator,period,value,numerator,denominator,comment\n" + text).utf8).write(to: url)
            files.append(url)
            text = ""
            rows = 0
        }
        var rng = SplitMix64(seed: seed)
        var reporting: [OrgUnitKind: Int] = [:]
        for unit in units where unit.kind != .country && unit.kind != .province {
            defer { reporting[unit.kind, default: 0] += 1 }
            for indicator in reported(by: unit, index: reporting[unit.kind, default: 0]) {
                let size = Double(50 + rng.next() % 5_000), pace = 0.3 + 0.6 * rng.unit()
                for (t, q) in Self.quarters.enumerated() where written < values {
                    let progress = min(1, pace * Double(t + 4) / Double(Self.quarters.count))
                    if indicator.aggregation == .ratioOfSums {
                        text += "\(unit.code),\(indicator.code),\(q.id),,\(Int(size * progress)),\(Int(size)),\n"
                    } else {
                        text += "\(unit.code),\(indicator.code),\(q.id),\(Int(size * progress * (0.9 + 0.2 * rng.unit()))),,,\n"
                    }
                    rows += 1
                    written += 1
                    if rows == rowsPerFile { try flush() }
                }
            }
        }
        try flush()
        return files
    }

    /// `code,kind,parent_code` of every unit, for the peers that aggregate the same files (DuckDB).
    public func writeUnits(to url: URL) throws {
        let lines = units.map { "\($0.code),\($0.kind.rawValue),\($0.parentCode ?? "")" }
        try Data((["code,kind,parent_code"] + lines).joined(separator: "\n").utf8 + [10]).write(to: url)
    }
}
