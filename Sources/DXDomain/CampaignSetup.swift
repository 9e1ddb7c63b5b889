/// A campaign as a coordinator launches it on one page: the plan whose targets
/// become its criteria, the dates, the clusters one per line, the points each
/// criterion carries and the awards one per line. Everything is typed as people
/// write it (dd/mm/yyyy, "8,5", "90%"); finer edits (a criterion's own points, the
/// clusters it applies to) are made in the catalog file.
///
///     Khối các sở: 20-SNV, 20-STC, 20-STTTT      (a cluster: its name, then its units' codes)
///     Cờ thi đua của UBND tỉnh: 1, 90%            (an award: the first 1 of each cluster with ≥ 90% of the points)
public struct CampaignSetup: Sendable, Equatable, Decodable {
    public var code: String
    public var nameVi: String
    public var theme: String
    public var planCode: String
    public var start: String
    public var end: String
    public var reviewBy: String
    public var clusters: String
    public var points: String
    public var awards: String

    public init(code: String = "", nameVi: String = "", theme: String = "", planCode: String = "", start: String = "", end: String = "",
                reviewBy: String = "", clusters: String = "", points: String = "10", awards: String = "") {
        self.code = code
        self.nameVi = nameVi
        self.theme = theme
        self.planCode = planCode
        self.start = start
        self.end = end
        self.reviewBy = reviewBy
        self.clusters = clusters
        self.points = points
        self.awards = awards
    }

    /// Read from the launch page's form: a field left out is blank, as on a new page.
    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys, _ blank: String = "") throws -> String { try fields.decodeIfPresent(String.self, forKey: key) ?? blank }
        self.init(code: try text(.code), nameVi: try text(.nameVi), theme: try text(.theme), planCode: try text(.planCode),
                  start: try text(.start), end: try text(.end), reviewBy: try text(.reviewBy), clusters: try text(.clusters),
                  points: try text(.points, "10"), awards: try text(.awards))
    }

    private enum CodingKeys: String, CodingKey {
        case code, nameVi, theme, planCode, start, end, reviewBy, clusters, points, awards
    }

    /// The campaign, launched by `unitCode`, with one criterion per target of the plan.
    /// Throws every problem at once, each naming its field (and line).
    /// A cluster's members may be written by name, as people know them ("Sở Nội vụ"), or by
    /// code; `units` are the units a name may stand for. A name two of them share is a problem
    /// that names both codes, to write one of them instead.
    public func campaign(unitCode: String, planTargets: [Target], units: [OrgUnit] = []) throws(DomainErrors) -> Campaign {
        var problems: [DomainError] = []
        func text(_ value: String, _ field: String) -> String {
            let v = value.trimmingWhitespace()
            if v.isEmpty { problems.append(.required(field)) }
            return v
        }
        func date(_ value: String, _ field: String, required: Bool = true) -> LocalDate? {
            let v = value.trimmingWhitespace()
            if v.isEmpty {
                if required { problems.append(.required(field)) }
                return nil
            }
            do { return try LocalDate(vietnamese: v) } catch { problems.append(error.at(field: field)); return nil }
        }
        let code = text(self.code, "code")
        if !code.isEmpty, !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) || code.count > 40 {
            problems.append(.invalidCampaignCode(code))
        }
        let name = text(nameVi, "nameVi"), theme = text(self.theme, "theme"), plan = text(planCode, "planCode")
        let start = date(self.start, "start"), end = date(self.end, "end"), review = date(reviewBy, "reviewBy", required: false)
        var points = 10.0
        if let p = VietnameseNumber.parse(self.points.trimmingWhitespace()), p > 0, p.isFinite { points = p } else {
            problems.append(.invalidPoints(self.points))
        }
        let byName = Dictionary(grouping: units, by: { $0.name.lowercased() })
        let codes = Set(units.map(\.code))
        func member(_ written: String) -> String {
            if codes.contains(written) { return written }
            guard let named = byName[written.lowercased()] else { return written } // unknown: checkReferences names it
            if named.count > 1 { problems.append(.ambiguousUnitName(written, codes: named.map(\.code))) }
            return named[0].code
        }
        let clusters = lines(self.clusters, field: "clusters", &problems).enumerated().map { i, line in
            EmulationCluster(code: "K\(i + 1)", nameVi: line.name,
                             members: line.rest.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }.map(member))
        }
        if clusters.isEmpty && self.clusters.trimmingWhitespace().isEmpty { problems.append(.required("clusters")) }
        var awards: [AwardRule] = []
        for line in lines(self.awards, field: "awards", &problems) {
            let parts = line.rest.split(separator: ",").map { String($0).trimmingWhitespace() }
            let top = parts.first.flatMap { Int($0) }
            let share = parts.count > 1 ? VietnameseNumber.parse(String(parts[1].filter { $0 != "%" })).map { $0 / 100 } : 0
            guard parts.count <= 2, let top, top >= 1, let share, (0...1).contains(share) else {
                problems.append(.invalidAward(line: line.number))
                continue
            }
            awards.append(AwardRule(title: line.name, topPerCluster: top, minShare: share))
        }
        let criteria = planTargets.filter { $0.planCode == plan }.sorted { $0.code < $1.code }.map { t in
            Criterion(code: t.code.hasPrefix(plan + ".") ? String(t.code.dropFirst(plan.count + 1)) : t.code,
                      nameVi: t.sourceText ?? t.code, points: points, targetCode: t.code)
        }
        if !plan.isEmpty && criteria.isEmpty {
            problems.append(.noTargets(plan: plan))
        }
        guard problems.isEmpty, let start, let end else { throw DomainErrors(problems) }
        return Campaign(code: code, nameVi: name, theme: theme, unitCode: unitCode, planCode: plan, start: start, end: end,
                        reviewBy: review, clusters: clusters, criteria: criteria, awards: awards)
    }

    /// "Name: rest" lines, blank lines skipped; a line without a name is a problem on its line.
    private func lines(_ text: String, field: String, _ problems: inout [DomainError]) -> [(number: Int, name: String, rest: String)] {
        var out: [(Int, String, String)] = []
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = String(raw).trimmingWhitespace()
            guard !line.isEmpty else { continue }
            let colon = line.firstIndex(of: ":")
            let name = colon.map { String(line[..<$0]).trimmingWhitespace() } ?? ""
            guard let colon, !name.isEmpty else {
                problems.append(.lineWithoutName(line, number: i + 1, field: field))
                continue
            }
            out.append((i + 1, name, String(line[line.index(after: colon)...])))
        }
        return out
    }
}

extension Campaign {
    /// Problems with what the campaign names: its unit, its plan, the units in its clusters
    /// and the targets of its criteria (which must belong to its plan). The catalog file
    /// and the set-up page both check a campaign this way.
    public func checkReferences(unitExists: (String) -> Bool, planExists: (String) -> Bool, target: (String) -> Target?) -> [DomainError] {
        var problems: [DomainError] = []
        if !unitExists(unitCode) { problems.append(DomainError.unknown(.unit, code: unitCode).at(field: "unitCode")) }
        if let plan = planCode, !planExists(plan) { problems.append(DomainError.unknown(.plan, code: plan).at(field: "planCode")) }
        for member in clusters.flatMap(\.members) where !unitExists(member) {
            problems.append(DomainError.unknown(.unit, code: member).at(field: "clusters"))
        }
        for criterion in criteria {
            guard let code = criterion.targetCode else { continue }
            guard let found = target(code) else {
                problems.append(DomainError.unknown(.target, code: code).at(field: "targetCode"))
                continue
            }
            if let plan = planCode, found.planCode != plan {
                problems.append(.foreignTarget(code, criterion: criterion.code, plan: plan))
            }
        }
        return problems
    }
}

/// The problems of a campaign as launched from its page, said once each.
extension DomainError {
    static func invalidCampaignCode(_ code: String) -> DomainError {
        DomainError(code: "invalid_code", field: "code", vi: "Mã \"\(code)\" chỉ gồm chữ không dấu, số, - _ . (tối đa 40 ký tự).",
            en: "Code \"\(code)\" may hold only ASCII letters, digits, - _ . (up to 40).")
    }

    static func invalidPoints(_ points: String) -> DomainError {
        DomainError(code: "invalid_points", field: "points", vi: "Điểm mỗi tiêu chí \"\(points)\" phải là số lớn hơn 0.",
            en: "Points per criterion \"\(points)\" must be a number above 0.")
    }

    static func invalidAward(line number: Int) -> DomainError {
        DomainError(code: "invalid_award", field: "awards[\(number)]",
            vi: "Dòng \(number) của ô Khen thưởng: viết \"Tên hình thức: số đơn vị đầu mỗi cụm, tỷ lệ điểm tối thiểu\", ví dụ \"Bằng khen: 2, 80%\".",
            en: "Awards, line \(number): write \"Award: how many first units per cluster, minimum share\", e.g. \"Certificate: 2, 80%\".")
    }

    static func noTargets(plan: String) -> DomainError {
        DomainError(code: "no_targets", field: "planCode", vi: "Kế hoạch \(plan) chưa có mục tiêu nào để làm tiêu chí thi đua.",
            en: "Plan \(plan) has no targets to score units on.")
    }

    static func ambiguousUnitName(_ name: String, codes: [String]) -> DomainError {
        DomainError(code: "ambiguous_unit", field: "clusters",
            vi: "Có \(codes.count) đơn vị tên \"\(name)\" (mã \(codes.joined(separator: ", "))); hãy ghi mã của đơn vị muốn chọn.",
            en: "\(codes.count) units are named \"\(name)\" (codes \(codes.joined(separator: ", "))); write the code of the one meant.")
    }

    static func lineWithoutName(_ line: String, number: Int, field: String) -> DomainError {
        DomainError(code: "invalid_line", field: "\(field)[\(number)]",
            vi: "Dòng \(number): thiếu tên và dấu hai chấm (\"Tên: …\") trong \"\(line)\".",
            en: "Line \(number): a name and a colon (\"Name: …\") are missing in \"\(line)\".")
    }

    static func foreignTarget(_ code: String, criterion: String, plan: String) -> DomainError {
        DomainError(code: "foreign_target", field: "targetCode",
            vi: "Tiêu chí \(criterion): mục tiêu \(code) không thuộc kế hoạch \(plan).",
            en: "Criterion \(criterion): target \(code) is not in plan \(plan).")
    }
}
