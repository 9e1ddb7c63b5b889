import DXDomain
import DXStorage
import Foundation
import Logging

/// A small catalog shared by the storage tests: Lạng Sơn, one department, a
/// district that ceased on 30/06/2025 and the ward that replaced it.
public enum Fixtures {
    public static let province = OrgUnit(code: "20", name: "Tỉnh Lạng Sơn", kind: .province)
    public static let department = OrgUnit(code: "20-STTTT", name: "Sở Thông tin và Truyền thông", kind: .department, parentCode: "20")
    public static let district = OrgUnit(code: "178", name: "Thành phố Lạng Sơn", kind: .district, parentCode: "20",
                                  validTo: LocalDate(year: 2025, month: 6, day: 30))
    public static let ward = OrgUnit(code: "05983", name: "Phường Lương Văn Tri", kind: .ward, parentCode: "20",
                              validFrom: LocalDate(year: 2025, month: 7, day: 1))
    public static let units = [ward, district, department, province] // children before parents on purpose

    public static let change = OrgUnitChange(predecessorCode: "178", successorCode: "05983", kind: .split,
                                      effective: LocalDate(year: 2025, month: 7, day: 1)!, share: 0.4)

    public static let workRecords = Indicator(
        code: "cqs_ho_so_cong_viec_truc_tuyen", nameVi: "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng",
        nameEn: "Work records processed online", pillar: .digitalGovernment, valueType: .percentage,
        aggregation: .ratioOfSums, direction: .higherIsBetter, decimals: 1, unitVi: "%",
        definitionVi: "Trừ hồ sơ công việc thuộc phạm vi mật.", numeratorVi: "Số hồ sơ xử lý trên mạng",
        denominatorVi: "Tổng số hồ sơ công việc")
    public static let vehicles = Indicator(
        code: "cks_phuong_tien", nameVi: "Số phương tiện qua nền tảng cửa khẩu số", nameEn: "Vehicles on the platform",
        pillar: .digitalBorderGate, valueType: .count, aggregation: .sum, direction: .higherIsBetter, decimals: 0,
        unitVi: "phương tiện")
    public static let rank = Indicator(
        code: "th_xep_hang_dti", nameVi: "Xếp hạng DTI", nameEn: "DTI rank", pillar: .general, valueType: .rank,
        aggregation: .last, direction: .lowerIsBetter, decimals: 0, unitVi: "hạng")
    public static let indicators = [workRecords, vehicles, rank]

    public static let plan = Plan(code: "KH135", unitCode: "20", issuer: "UBND tỉnh Lạng Sơn", number: "135/KH-UBND",
                           issuedOn: LocalDate(year: 2020, month: 8, day: 10),
                           title: "Kế hoạch chuyển đổi số tỉnh Lạng Sơn", horizon: .year(2030)!, source: "seeds/003")
    public static let targets = [
        Target(code: "KH135-04", planCode: "KH135", indicatorCode: workRecords.code, shape: .atLeast,
               value: .perLevel([.province: 90, .district: 80, .commune: 60]), horizon: .year(2025)!,
               unitKinds: [.department, .district, .commune], sourceText: "90% cấp tỉnh, 80% cấp huyện, 60% cấp xã"),
        Target(code: "KH135-01", planCode: "KH135", indicatorCode: rank.code, shape: .rankAtMost, value: .single(10),
               horizon: .year(2025)!, unitKinds: [.province]),
        Target(code: "KH135-05", planCode: "KH135", indicatorCode: vehicles.code, shape: .about(tolerance: 1.5),
               value: .single(15), horizon: .year(2025)!, startDate: LocalDate(year: 2022, month: 6, day: 1)),
    ]

    /// A quarterly form for departments, due 30 days after its quarter (2025Q1's on 30/04/2025).
    public static let form = ReportForm(code: "F", nameVi: "Báo cáo quý thử", periodType: .quarterly, unitKinds: [.department],
                                        indicators: [workRecords.code, vehicles.code], deadline: .daysAfterPeriodEnd(30))

    /// The day the tests' server stands on (``withApp``'s clock): ten days after 2025Q1 ended,
    /// its reports open and not yet due.
    public static let today = LocalDate(year: 2025, month: 4, day: 10)!
    public static let clock = WallClock.fixed(today)

    /// A campaign with the department and the district in one block; the ward does not take part.
    public static let campaign = Campaign(
        code: "TD", nameVi: "Phong trào thi đua thử", theme: "Quyết tâm", unitCode: "20", planCode: "KH135",
        start: LocalDate(year: 2025, month: 1, day: 1)!, end: LocalDate(year: 2025, month: 12, day: 31)!,
        clusters: [EmulationCluster(code: "K", nameVi: "Khối thử", members: ["20-STTTT", "178"])],
        criteria: [Criterion(code: "hs", nameVi: "Hồ sơ công việc trực tuyến", points: 10, targetCode: "KH135-04"),
                   Criterion(code: "tt", nameVi: "Tuyên truyền", points: 10)],
        awards: [AwardRule(title: "Bằng khen", topPerCluster: 1, minShare: 0.5)])

    public static func input(_ unit: String, _ indicator: String, _ period: String, value: Double? = nil,
                      numerator: Double? = nil, denominator: Double? = nil) -> DataValueInput {
        DataValueInput(unit: unit, indicator: indicator, period: period, value: value, numerator: numerator, denominator: denominator)
    }
}

extension Fixtures {
    /// Saves the whole fixture catalog in one transaction.
    public static func load(into db: Database) async throws {
        try await db.transaction { sql in
            try await OrgUnitStore(sql).save(units)
            try await OrgUnitStore(sql).saveChanges([change])
            try await CatalogStore(sql).save(indicators: indicators)
            try await CatalogStore(sql).save(plans: [plan])
            try await CatalogStore(sql).save(targets: targets)
            try await FormStore(sql).save([form])
            try await CampaignStore(sql).save([campaign])
        }
    }
}

extension Fixtures {
    /// A fresh path in the temporary directory, for a data directory or files.
    public static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-cli-\(UUID().uuidString)").path
    }

    /// A new SQLite data directory holding the fixture catalog, for commands to run on.
    public static func dataDirectory(_ body: @Sendable (Database) async throws -> Void = { _ in }) async throws -> String {
        let dir = temporaryDirectory()
        try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await Migrator(db).migrate()
            try await load(into: db)
            try await body(db)
        }
        return dir
    }
}

extension Fixtures {
    /// The department's 2025Q1 report filled in by `reporter` and submitted on the clock's day.
    @discardableResult
    public static func submitReport(_ db: Database, clock: WallClock = Fixtures.clock, by reporter: String = "reporter") async throws -> Submissions.Report {
        let s = Submissions(db, clock: clock), q1 = try Period("2025Q1")
        let draft = try await s.save(form: form.code, unit: department.code, period: q1,
                                     values: [input(department.code, workRecords.code, "2025Q1", numerator: 9, denominator: 10),
                                              input(department.code, vehicles.code, "2025Q1", value: 3)],
                                     version: 0, by: reporter)
        return try await s.act(.submit, form: form.code, unit: department.code, period: q1, version: draft.version, reason: nil,
                               by: Principal(username: reporter, role: .reporter, unitCode: department.code))
    }

    /// A step on that report by one of the province's approvers.
    @discardableResult
    public static func decide(_ action: SubmissionAction, _ r: Submissions.Report, _ db: Database, clock: WallClock = Fixtures.clock,
                              by approver: String = "approver", reason: String? = nil) async throws -> Submissions.Report {
        try await Submissions(db, clock: clock).act(action, form: r.form.code, unit: r.unitCode, period: r.period, version: r.version, reason: reason,
                                                    by: Principal(username: approver, role: .approver, unitCode: province.code))
    }
}
