import DXDomain

extension DemoData {
    /// A plausible information-system registry: a few systems per department, a portal
    /// per district (retired with the districts on 01/07/2025) and the province's shared
    /// platforms, owned by its information department. Levels, decisions, plans, cloud
    /// moves and monitoring arrive over 2021–2025, not all of them: the computed
    /// indicators then climb toward their targets as real ones would.
    static func registry(_ catalog: Catalog) -> [InformationSystem] {
        let units = catalog.units.map(\.value)
        var out: [InformationSystem] = []
        func add(_ code: String, _ name: String, owner: OrgUnit, _ info: InformationKind, _ kind: SystemKind, subjects: Int? = nil) {
            var rng = SplitMix64(seed: stableHash("registry|\(code)"))
            func day(from year: Int, span years: Int) -> LocalDate {
                LocalDate(year: year, month: 1, day: 1)!.adding(days: Int(rng.unit() * Double(365 * years)))
            }
            let start = max(owner.validFrom ?? day(from: 2017, span: 5), day(from: 2017, span: 5))
            var s = InformationSystem(code: code, name: name, ownerUnit: owner.code, information: info, kind: kind, personalDataSubjects: subjects,
                                      hosting: .ownServerRoom, inOperationSince: start)
            s.proposedLevel = s.suggestedLevel
            if rng.unit() < 0.85 {
                let decided = max(start, day(from: 2021, span: 4))
                s.approvedLevel = s.suggestedLevel
                s.decisionNumber = "\(100 + Int(rng.unit() * 2800))/QĐ-\(s.suggestedLevel >= 3 ? "UBND" : "STTTT")"
                s.decisionDate = decided
                s.approver = s.suggestedLevel >= 3 ? "Ủy ban nhân dân tỉnh" : "Sở Thông tin và Truyền thông"
                if rng.unit() < 0.9 {
                    s.protectionPlan = "Phương án bảo đảm an toàn hệ thống thông tin cấp độ \(s.suggestedLevel)"
                    s.protectionPlanDate = decided.adding(days: Int(rng.unit() * 60))
                }
            }
            if rng.unit() < 0.8 { s.hosting = .provincialCloud; s.hostedSince = max(start, day(from: 2021, span: 4)) }
            if rng.unit() < 0.75 { s.monitored = true; s.monitoredSince = max(start, day(from: 2021, span: 4)) }
            if let end = owner.validTo { s.status = .retired; s.retiredOn = end.adding(days: 1) }
            out.append(s)
        }
        for u in units where u.kind == .department {
            let short = u.name.hasPrefix("Sở ") ? String(u.name.dropFirst(3)) : u.name
            add("\(u.code)-QLCN", "Hệ thống quản lý chuyên ngành \(short)", owner: u, .private, .internal)
            add("\(u.code)-CSDL", "Cơ sở dữ liệu \(short)", owner: u, .public, .internal)
        }
        for u in units where u.kind == .district {
            add("\(u.code)-CTTDT", "Cổng thông tin điện tử \(u.name)", owner: u, .public, .publicService)
        }
        for (province, infoDepartment) in [("20", "20-STTTT"), ("14", "14-STTTT")] {
            guard let owner = units.first(where: { $0.code == infoDepartment }), let name = units.first(where: { $0.code == province })?.name else { continue }
            add("\(province)-DVC", "Hệ thống thông tin giải quyết thủ tục hành chính \(name)", owner: owner, .personal, .publicService, subjects: 250_000)
            add("\(province)-QLVB", "Hệ thống quản lý văn bản và điều hành \(name)", owner: owner, .private, .internal)
            add("\(province)-BAOCAO", "Hệ thống thông tin báo cáo \(name)", owner: owner, .private, .internal)
            add("\(province)-CLOUD", "Nền tảng điện toán đám mây \(name)", owner: owner, .private, .infrastructure)
        }
        return out
    }
}
