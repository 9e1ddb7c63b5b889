import DXDomain
import DXServer
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Every page, rendered with markup in every field a user controls (a unit's and an
/// indicator's names, a plan's title, a form's and a campaign's names, a person's name,
/// a value's comment, an evidence file's name), in both languages: the markup is shown
/// as text, never run, in text and in attributes alike.
@Suite struct HostileTextTests {
    static let hostile = #"Sở "'><b id="hostile">x</b><x data-a="1"#
    static let pages = ["/", "/reports", "/reports/F/20-STTTT/2025Q1", "/import", "/dashboard", "/dashboard?unit=20", "/dashboard?unit=20-STTTT",
                        "/units/20-STTTT", "/units/20", "/indicators/cks_phuong_tien?unit=20", "/indicators/cqs_ho_so_cong_viec_truc_tuyen?unit=20",
                        "/plans", "/plans/KH135", "/rankings?unit=20", "/rankings?unit=20&kind=department&indicator=cks_phuong_tien&period=2025",
                        "/rankings/index?unit=20&framework=dti-2022&period=2023", "/emulation", "/emulation/new", "/emulation/TD",
                        "/open-data", "/open-data/cks_phuong_tien"]

    @Test func markupInUserFieldsNeverRunsOnAnyPage() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            let h = Self.hostile
            try await db.transaction { sql in
                var department = Fixtures.department, vehicles = Fixtures.vehicles, records = Fixtures.workRecords
                department.name = h
                (vehicles.nameVi, vehicles.nameEn, vehicles.unitVi, vehicles.definitionVi) = (h, h, h, h)
                (records.nameVi, records.numeratorVi) = (h, h)
                var plan = Fixtures.plan, form = Fixtures.form, campaign = Fixtures.campaign
                (plan.title, form.nameVi, campaign.nameVi, campaign.theme) = (h, h, h, h)
                campaign.clusters[0].nameVi = h
                campaign.criteria[1].nameVi = h
                try await OrgUnitStore(sql).save([department])
                try await CatalogStore(sql).save(indicators: [vehicles, records])
                try await CatalogStore(sql).save(plans: [plan])
                try await FormStore(sql).save([form])
                try await CampaignStore(sql).save([campaign])
            }
            try await Accounts(db, bcryptCost: 4).create(username: "hostile", displayName: h, role: .admin, unitCode: nil, password: "mat-khau-hostile")
            try await DataEntry(db).write([DataValueInput(unit: "20-STTTT", indicator: "cks_phuong_tien", period: "2025Q1", value: 5, comment: h),
                                           DataValueInput(unit: "20-STTTT", indicator: "cqs_ho_so_cong_viec_truc_tuyen", period: "2025Q1",
                                                          numerator: 3, denominator: 4, comment: h)], by: .machineOperator("t"))
            let name = h.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let attach = try await client.execute(uri: "/api/reports/F/20-STTTT/2025Q1/evidence?indicator=cks_phuong_tien&version=0&filename=\(name).pdf",
                                                  method: .post, headers: tokens["coordinator"], body: ByteBuffer(string: "%PDF-1.4 minh chung"))
            #expect(attach.status == .ok)
            let (cookie, _) = try await ReportPageTests.signIn(client, "hostile")
            for lang in ["vi", "en"] {
                for page in Self.pages {
                    let r = try await client.execute(uri: page, method: .get, headers: [.cookie: "dxtrack_session=\(cookie); dxtrack_lang=\(lang)"])
                    let body = String(buffer: r.body)
                    #expect(r.status == .ok, "\(page) (\(lang)): \(r.status)")
                    #expect(!body.contains(#"<b id="hostile">"#) && !body.contains("<x data-a"), "\(page) (\(lang)) runs the markup")
                }
            }
        }
    }
}
