import DXCatalog
import DXDomain
import Foundation
import Testing

/// Every target of the seed documents is in the starter catalog with its value and
/// shape (one test per document), and quotes the document's own words.
@Suite struct SeedTargetTests {
    static let catalog: Catalog = {
        let (c, problems) = CatalogLoader.load(StarterCatalog.path)
        precondition(problems.isEmpty, "\(problems)")
        return c
    }()

    /// (target code, indicator, shape, value or per-level values, horizon)
    typealias Row = (code: String, indicator: String, shape: TargetShape, value: TargetValue, horizon: String)

    static func expect(_ rows: [Row], plan: String) {
        let targets = Dictionary(uniqueKeysWithValues: catalog.targets.map { ($0.value.code, $0.value) })
        for row in rows {
            guard let t = targets[row.code] else {
                Issue.record("missing target \(row.code)")
                continue
            }
            #expect(t.planCode == plan, "\(row.code)")
            #expect(t.indicatorCode == row.indicator, "\(row.code)")
            #expect(t.shape == row.shape, "\(row.code)")
            #expect(t.value == row.value, "\(row.code)")
            #expect(t.horizon.id == row.horizon, "\(row.code)")
            #expect(!(t.sourceText ?? "").isEmpty, "\(row.code) keeps its source sentence")
        }
    }

    /// A target's `sourceText` is the sentence of its plan's seed, word for word (its
    /// typos and quotation marks too); "…" marks words left out. The seeds ship in the
    /// starter catalog's `seeds/`, which each plan's `source` names.
    @Test func everySourceTextIsTheSeedsOwnWords() throws {
        func plain(_ s: String) -> String {
            s.replacingOccurrences(of: "*", with: "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let plans = Dictionary(uniqueKeysWithValues: Self.catalog.plans.map { ($0.value.code, $0.value) })
        var quoted = 0
        for target in Self.catalog.targets.map(\.value) {
            let source = try #require(plans[target.planCode]?.source, "\(target.planCode) names its seed")
            let seed = plain(try String(contentsOfFile: StarterCatalog.path + "/" + source, encoding: .utf8))
            for words in (target.sourceText ?? "").split(separator: "…").map({ plain(String($0)) }) where !words.isEmpty {
                #expect(seed.contains(words), "\(target.code): \"\(words)\" is not in \(source)")
                quoted += 1
            }
        }
        #expect(quoted >= 70)
    }

    @Test func seed000LangSonPlanTo2025() {
        Self.expect([
            ("LS-CDS-2025.01", "th_xep_hang_dti", .rankAtMost, .single(10), "2025"),
            ("LS-CDS-2025.02", "cqs_ho_so_cong_viec_ky_so", .atLeast, .single(100), "2025"),
            ("LS-CDS-2025.03", "cqs_he_thong_bao_cao", .atLeast, .single(100), "2025"),
            ("LS-CDS-2025.04", "cqs_tai_su_dung_ho_so_so_hoa", .atLeast, .single(50), "2025"),
            ("LS-CDS-2025.05", "kts_doanh_thu_tmdt_ban_le", .atLeast, .single(7), "2025"),
            ("LS-CDS-2025.06", "kts_ocop_san_tmdt", .atLeast, .single(100), "2025"),
            ("LS-CDS-2025.07", "xhs_su_kien_truyen_thong_so", .atLeast, .single(100), "2025"),
            ("LS-CDS-2025.08", "xhs_tai_khoan_giao_dich", .atLeast, .single(76), "2025"),
            ("LS-CDS-2025.09", "cks_nen_tang_cua_khau_so", .maintain, .single(100), "2025"),
            ("LS-CDS-2025.10", "attt_may_chu_giam_sat", .atLeast, .single(100), "2025"),
            ("LS-CDS-2025.11", "attt_httt_xac_dinh_cap_do", .atLeast, .single(100), "2025"),
        ], plan: "LS-CDS-2025")
        // "except secret records" lives in the indicator's definition.
        let def = Self.catalog.indicators.first { $0.value.code == "cqs_ho_so_cong_viec_ky_so" }?.value.definitionVi
        #expect(def?.contains("trừ hồ sơ công việc thuộc phạm vi mật") == true)
    }

    @Test func seed002SonLa292In2023() {
        Self.expect([
            ("SL-292-2023.01", "cqs_dvc_phat_sinh_ho_so_truc_tuyen", .atLeast, .single(80), "2023"),
            ("SL-292-2023.02", "cqs_ho_so_tthc_truc_tuyen", .atLeast, .single(50), "2023"),
            ("SL-292-2023.03", "cqs_van_ban_dien_tu_ky_so", .atLeast, .single(100), "2023"),
            ("SL-292-2023.04", "cqs_tthc_toan_trinh", .atLeast, .single(100), "2023"),
            ("SL-292-2023.05", "cqs_dvc_tich_hop_cong_quoc_gia", .atLeast, .single(100), "2023"),
            ("SL-292-2023.06", "kts_dn_hoa_don_dien_tu", .atLeast, .single(100), "2023"),
            ("SL-292-2023.07", "kts_dnnvv_nen_tang_so", .atLeast, .single(30), "2023"),
            ("SL-292-2023.08", "kts_ty_trong_kinh_te_so_nganh", .above, .single(2), "2023"),
            ("SL-292-2023.09", "xhs_ho_cap_quang", .atLeast, .single(37.8), "2023"),
            ("SL-292-2023.10", "xhs_dan_so_smartphone", .atLeast, .single(58.45), "2023"),
            ("SL-292-2023.11", "xhs_tai_khoan_giao_dich", .atLeast, .single(70), "2023"),
            ("SL-292-2023.12", "xhs_ho_tro_dvc_truc_tuyen", .atLeast, .single(100), "2023"),
            ("SL-292-2023.13", "xhs_truong_ung_dung_cong_nghe_so", .atLeast, .single(100), "2023"),
            ("SL-292-2023.14", "xhs_co_so_y_te_thanh_toan_khong_tien_mat", .atLeast, .perLevel([.province: 100, .district: 100]), "2023"),
            ("SL-292-2023.15", "xhs_ho_dia_chi_so", .atLeast, .single(100), "2023"),
            ("SL-292-2023.16", "attt_httt_xac_dinh_cap_do", .atLeast, .single(80), "2023"),
            ("SL-292-2023.17", "attt_thiet_bi_dau_cuoi_bao_ve", .atLeast, .single(90), "2023"),
            ("SL-292-2023.18", "attt_cbccvc_tuyen_truyen_attt", .atLeast, .single(100), "2023"),
            ("SL-292-2023.19", "attt_can_bo_cntt_dao_tao_attt", .atLeast, .single(100), "2023"),
            ("SL-292-2023.20", "attt_may_tinh_phong_chong_ma_doc", .atLeast, .perLevel([.province: 100, .district: 100, .commune: 60]), "2023"),
        ], plan: "SL-292-2023")
    }

    @Test func seed003LangSon135AndResolution49() {
        Self.expect([
            ("LS-135-2020.01", "th_xep_hang_dti", .rankAtMost, .single(10), "2025"),
            ("LS-135-2020.03", "cqs_dvc_muc_do_4_da_phuong_tien", .atLeast, .single(80), "2025"),
            ("LS-135-2020.04", "cqs_ho_so_cong_viec_truc_tuyen", .atLeast, .perLevel([.province: 90, .district: 80, .commune: 60]), "2025"),
            ("LS-135-2020.05", "kts_kinh_te_so_grdp", .about(tolerance: 1.5), .single(15), "2025"),
            ("LS-135-2020.06a", "xhs_ho_cap_quang", .above, .single(80), "2025"),
            ("LS-135-2020.06b", "xhs_xa_cap_quang", .atLeast, .single(100), "2025"),
            ("LS-135-2020.07", "cqs_dvc_muc_do_4_da_phuong_tien", .atLeast, .single(100), "2030"),
            ("LS-135-2020.08", "cqs_ho_so_cong_viec_truc_tuyen", .atLeast, .perLevel([.province: 100, .district: 90, .commune: 70]), "2030"),
            ("LS-135-2020.09", "kts_kinh_te_so_grdp", .about(tolerance: 3), .single(30), "2030"),
        ], plan: "LS-135-2020")
        Self.expect([("LS-NQ49-2021.02", "xhs_cong_dan_so_xu_lang", .atLeast, .single(70), "2022")], plan: "LS-NQ49-2021")
        let plan = Self.catalog.plans.first { $0.value.code == "LS-135-2020" }?.value
        #expect(plan?.number == "135/KH-UBND")
        #expect(plan?.issuedOn == LocalDate(year: 2020, month: 8, day: 10))
    }

    @Test func seed004EmulationDirective2022() {
        Self.expect([
            ("LS-CT-2022.a1", "cqs_bao_cao_truc_tuyen", .atLeast, .single(50), "2022"),
            ("LS-CT-2022.a2", "cqs_ho_so_cong_viec_truc_tuyen", .atLeast, .perLevel([.province: 90]), "2022"),
            ("LS-CT-2022.a3", "attt_httt_lang_son_cloud", .atLeast, .single(100), "2022"),
            ("LS-CT-2022.a4", "cqs_dvc_phat_sinh_ho_so_truc_tuyen", .atLeast, .single(80), "2022"),
            ("LS-CT-2022.a5", "cqs_ho_so_tthc_truc_tuyen", .atLeast, .single(50), "2022"),
            ("LS-CT-2022.a6", "cqs_so_hoa_ho_so_ket_qua_tthc", .atLeast, .single(100), "2022"),
            ("LS-CT-2022.b1", "cqs_bao_cao_truc_tuyen", .atLeast, .single(50), "2022"),
            ("LS-CT-2022.b2", "cqs_ho_so_cong_viec_truc_tuyen", .atLeast, .perLevel([.district: 80, .commune: 40]), "2022"),
            ("LS-CT-2022.b3", "xhs_xa_truyen_thanh_so", .atLeast, .single(20), "2022"),
            ("LS-CT-2022.b4", "attt_httt_lang_son_cloud", .atLeast, .single(100), "2022"),
            ("LS-CT-2022.b5", "cqs_dvc_phat_sinh_ho_so_truc_tuyen", .atLeast, .single(80), "2022"),
            ("LS-CT-2022.b6", "cqs_ho_so_tthc_truc_tuyen", .atLeast, .single(50), "2022"),
            ("LS-CT-2022.b7", "xhs_cong_dan_so_xu_lang", .atLeast, .single(70), "2022"),
            ("LS-CT-2022.b8", "kts_ho_gia_dinh_cua_hang_so", .above, .single(50), "2022"),
            ("LS-CT-2022.c1", "cks_dn_xnk_huu_nghi_tan_thanh", .atLeast, .single(100), "2022"),
            ("LS-CT-2022.c2", "hts_thon_phu_song_3g_4g", .atLeast, .single(100), "2022"),
            ("LS-CT-2022.c3", "kts_dn_hoa_don_dien_tu", .atLeast, .single(100), "2022"),
            ("LS-CT-2022.c4a", "kts_giao_dich_cua_hang_so", .growthVersusPreviousYear, .single(7), "2022"),
            ("LS-CT-2022.c4b", "kts_nguoi_dung_hoat_dong_san_tmdt", .growthVersusPreviousYear, .single(3), "2022"),
            ("LS-CT-2022.d1", "xhs_truong_ung_dung_cong_nghe_so", .atLeast, .single(100), "2022"),
            ("LS-CT-2022.d2", "xhs_co_so_y_te_kham_tu_xa", .atLeast, .perLevel([.province: 100, .district: 100]), "2022"),
            ("LS-CT-2022.d3", "xhs_co_so_y_te_thanh_toan_khong_tien_mat", .atLeast, .perLevel([.province: 100, .district: 100]), "2022"),
            ("LS-CT-2022.d4", "xhs_ho_so_suc_khoe_dien_tu", .above, .single(90), "2022"),
            ("LS-CT-2022.d5a", "xhs_truong_nen_tang_so", .atLeast, .single(50), "2022"),
            ("LS-CT-2022.d5b", "xhs_co_so_y_te_nen_tang_so", .atLeast, .single(50), "2022"),
            ("LS-CT-2022.d6a", "xhs_truong_thanh_toan_khong_tien_mat", .atLeast, .single(50), "2022"),
            ("LS-CT-2022.d6b", "xhs_co_so_y_te_thanh_toan_khong_tien_mat", .atLeast, .single(50), "2022"),
            ("LS-CT-2022.d7", "xhs_truong_stem", .atLeast, .single(30), "2022"),
            ("LS-CT-2022.d8", "xhs_gdnn_dao_tao_cds", .atLeast, .single(30), "2022"),
            ("LS-CT-2022.d9a", "xhs_giao_dich_khong_tien_mat_so_luong", .atLeast, .single(50), "2022"),
            ("LS-CT-2022.d9b", "xhs_giao_dich_khong_tien_mat_gia_tri", .atLeast, .single(50), "2022"),
        ], plan: "LS-CT-2022")
        let a6 = Self.catalog.targets.first { $0.value.code == "LS-CT-2022.a6" }?.value
        #expect(a6?.startDate == LocalDate(year: 2022, month: 6, day: 1))
        #expect(a6?.unitKinds == [.department])
    }

    @Test func everyTargetRowOfTheDocumentIsCovered() {
        // 11 + 20 + 9 + 27 rows = 67; five rows name two indicators each.
        #expect(Self.catalog.targets.count == 72)
        #expect(Self.catalog.check().isEmpty)
    }
}
