import DXDomain
import DXStorage
import Foundation

/// A small, deterministic picture of Lạng Sơn: the province, some departments,
/// its eleven districts (until 30/06/2025), five indicators from the seed
/// plans, one plan with its targets, and quarterly values from 2023Q1.
///
/// The same seed gives the same figures on every machine, so screenshots and
/// tests can rely on them.
enum DemoData {
    struct Counts: Sendable {
        let units: Int
        let indicators: Int
        let values: Int
    }

    /// Loads the demo set unless the database already has units. Returns whether it loaded.
    static func loadIfEmpty(_ db: Database) async throws -> Bool {
        let empty = try await db.read { try await OrgUnitStore($0).all().isEmpty }
        if empty { _ = try await load(db) }
        return empty
    }

    /// Loads (or reloads, idempotently) the demo set in one transaction.
    static func load(_ db: Database, lastQuarter: Period = lastCompleteQuarter()) async throws -> Counts {
        let values = generateValues(through: lastQuarter)
        try await db.transaction { sql in
            try await OrgUnitStore(sql).save(units)
            try await CatalogStore(sql).save(indicators: indicators)
            try await CatalogStore(sql).save(plans: [plan])
            try await CatalogStore(sql).save(targets: targets)
        }
        try await DataEntry(db).write(values.map(DataValueInput.init), by: "demo")
        return Counts(units: units.count, indicators: indicators.count, values: values.count)
    }

    static func lastCompleteQuarter(today: LocalDate = LocalDate(vietnamTimeOf: Date().timeIntervalSince1970)) -> Period {
        Period(type: .quarterly, containing: today).previous
    }

    static let districtsEnd = LocalDate(year: 2025, month: 6, day: 30)!

    static let units: [OrgUnit] = {
        var list = [OrgUnit(code: "20", name: "Tỉnh Lạng Sơn", kind: .province)]
        for (code, name) in [("20-STTTT", "Sở Thông tin và Truyền thông"), ("20-SNV", "Sở Nội vụ"),
                             ("20-SYT", "Sở Y tế"), ("20-SGDDT", "Sở Giáo dục và Đào tạo"),
                             ("20-SCT", "Sở Công Thương")] {
            list.append(OrgUnit(code: code, name: name, kind: .department, parentCode: "20"))
        }
        for (code, name) in [("178", "Thành phố Lạng Sơn"), ("180", "Huyện Tràng Định"), ("181", "Huyện Bình Gia"),
                             ("182", "Huyện Văn Lãng"), ("183", "Huyện Cao Lộc"), ("184", "Huyện Văn Quan"),
                             ("185", "Huyện Bắc Sơn"), ("186", "Huyện Hữu Lũng"), ("187", "Huyện Chi Lăng"),
                             ("188", "Huyện Lộc Bình"), ("189", "Huyện Đình Lập")] {
            list.append(OrgUnit(code: code, name: name, kind: .district, parentCode: "20", validTo: districtsEnd))
        }
        return list
    }()

    static let indicators: [Indicator] = [
        Indicator(code: "cqs_ho_so_cong_viec_truc_tuyen", nameVi: "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng",
                  nameEn: "Work records processed online", pillar: .digitalGovernment, valueType: .percentage,
                  aggregation: .ratioOfSums, direction: .higherIsBetter, decimals: 1, unitVi: "%",
                  definitionVi: "Trừ hồ sơ công việc thuộc phạm vi mật.",
                  numeratorVi: "Số hồ sơ công việc được xử lý trên môi trường mạng",
                  denominatorVi: "Tổng số hồ sơ công việc (trừ hồ sơ mật)"),
        Indicator(code: "cqs_dvc_co_ho_so_truc_tuyen", nameVi: "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ trực tuyến",
                  nameEn: "Online public services that received online applications", pillar: .digitalGovernment,
                  valueType: .percentage, aggregation: .ratioOfSums, direction: .higherIsBetter, decimals: 1, unitVi: "%",
                  numeratorVi: "Số dịch vụ công trực tuyến có phát sinh hồ sơ trực tuyến",
                  denominatorVi: "Số dịch vụ công trực tuyến có phát sinh hồ sơ"),
        Indicator(code: "xhs_tai_khoan_giao_dich", nameVi: "Tỷ lệ người dân từ 15 tuổi trở lên có tài khoản giao dịch",
                  nameEn: "People aged 15+ with a transaction account", pillar: .digitalSociety, valueType: .percentage,
                  aggregation: .ratioOfSums, direction: .higherIsBetter, decimals: 1, unitVi: "%",
                  numeratorVi: "Số người từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng hoặc tổ chức được phép khác",
                  denominatorVi: "Dân số từ 15 tuổi trở lên"),
        Indicator(code: "cks_phuong_tien_nen_tang", nameVi: "Số phương tiện vận tải được phục vụ trên nền tảng cửa khẩu số",
                  nameEn: "Transport vehicles served on the digital border-gate platform", pillar: .digitalBorderGate,
                  valueType: .count, aggregation: .sum, direction: .higherIsBetter, decimals: 0, unitVi: "phương tiện"),
        Indicator(code: "th_xep_hang_dti", nameVi: "Xếp hạng chỉ số chuyển đổi số cấp tỉnh (DTI)",
                  nameEn: "Provincial DTI rank", pillar: .general, valueType: .rank, aggregation: .last,
                  direction: .lowerIsBetter, decimals: 0, unitVi: "hạng"),
    ]

    static let plan = Plan(code: "LS-CDS-2025", issuer: "UBND tỉnh Lạng Sơn", title: "Kế hoạch chuyển đổi số tỉnh Lạng Sơn đến năm 2025",
                           horizon: .year(2025)!, source: "seeds/000")

    static let targets: [Target] = [
        Target(code: "LS-CDS-2025-01", planCode: plan.code, indicatorCode: "th_xep_hang_dti", shape: .rankAtMost,
               value: .single(10), horizon: .year(2025)!, unitKinds: [.province],
               sourceText: "duy trì chỉ số DTI nằm trong top 10 tỉnh/thành phố dẫn đầu về chuyển đổi số"),
        Target(code: "LS-CDS-2025-02", planCode: plan.code, indicatorCode: "cqs_ho_so_cong_viec_truc_tuyen", shape: .atLeast,
               value: .single(100), horizon: .year(2025)!, unitKinds: [.department, .district],
               sourceText: "100% hồ sơ công việc các cấp được xử lý trực tuyến (trừ hồ sơ công việc thuộc phạm vi mật)"),
        Target(code: "LS-CDS-2025-08", planCode: plan.code, indicatorCode: "xhs_tai_khoan_giao_dich", shape: .atLeast,
               value: .single(76), horizon: .year(2025)!, unitKinds: [.district],
               sourceText: "tỷ lệ người dân từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng hoặc các tổ chức được phép khác đạt 76%"),
    ]

    /// Quarterly values with a rising trend and some noise; districts stop at 2025Q2.
    static func generateValues(through last: Period) -> [DataValue] {
        var rng = SplitMix64(seed: 20_2023)
        var out: [DataValue] = []
        for unit in units where unit.kind != .province {
            var p = Period.quarter(2023, 1)!
            var step = 0.0
            while p <= last {
                if unit.isActive(during: p) {
                    let records = Double(200 + Int(rng.next() % 400))
                    let share = min(0.98, 0.55 + 0.03 * step + Double(rng.next() % 100) / 1000)
                    out.append(DataValue(unitCode: unit.code, indicatorCode: "cqs_ho_so_cong_viec_truc_tuyen", period: p,
                                         numerator: (records * share).rounded(), denominator: records))
                    let services = Double(40 + Int(rng.next() % 60))
                    out.append(DataValue(unitCode: unit.code, indicatorCode: "cqs_dvc_co_ho_so_truc_tuyen", period: p,
                                         numerator: (services * min(0.95, 0.5 + 0.025 * step)).rounded(), denominator: services))
                    if unit.code == "20-SCT" {
                        out.append(DataValue(unitCode: unit.code, indicatorCode: "cks_phuong_tien_nen_tang", period: p,
                                             value: Double(150_000 + Int(step) * 4_000 + Int(rng.next() % 9_000))))
                    }
                    if unit.kind == .district {
                        let adults = Double(30_000 + Int(rng.next() % 50_000))
                        out.append(DataValue(unitCode: unit.code, indicatorCode: "xhs_tai_khoan_giao_dich", period: p,
                                             numerator: (adults * min(0.9, 0.58 + 0.015 * step)).rounded(), denominator: adults))
                    }
                }
                p = p.next
                step += 1
            }
        }
        for (year, rank) in [(2021, 5.0), (2022, 12.0), (2023, 9.0), (2024, 11.0)] where Period.year(year)!.end <= last.end {
            out.append(DataValue(unitCode: "20", indicatorCode: "th_xep_hang_dti", period: .year(year)!, value: rank))
        }
        return out
    }
}

/// A tiny deterministic generator (SplitMix64): the demo must not depend on the platform's RNG.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
