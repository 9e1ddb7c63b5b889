import DXDomain
import DXStorage
import Hummingbird
import Plot

/// Emulation campaigns (phong trào thi đua) and each one's leaderboard by cluster.
enum EmulationPage {
    static func list(_ campaigns: [Campaign], mayLaunch: Bool, _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t("Phong trào thi đua", "Emulation campaigns"), place)
        if mayLaunch { page.add(.p(.a(.href(SiteURL.newCampaign), .text(t("Phát động phong trào mới", "Launch a new campaign"))))) }
        page.add(DataTable(id: "phong-trao", caption: t("Các phong trào thi đua", "Campaigns"),
                           header: [t("Mã", "Code"), t("Tên", "Name"), t("Chủ đề", "Theme"), t("Từ", "From"), t("Đến", "To"), t("Cụm, khối", "Clusters")],
                           rows: campaigns.map { c in
                               [.text(c.code), .text(c.nameVi, link: .campaign(c.code)), .text(c.theme), .date(c.start), .date(c.end),
                                .number(Double(c.clusters.count), decimals: 0, t)]
                           }))
        return page
    }

    static func board(_ board: Campaigns.Board, _ place: PagePlace) -> Page {
        let t = place.lang, c = board.campaign
        var page = Page(title: c.nameVi, place)
        page.add(.p(.class("muted"), .text("\(c.theme) · \(t.date(c.start)) – \(t.date(c.end))"
                                          + (c.reviewBy.map { t(" · tổng kết trước \(t.date($0))", " · review by \(t.date($0))") } ?? ""))))
        page.add(.p(.text(t("Điểm thẩm định khi đã có; nếu chưa, điểm gợi ý theo số liệu (tạm tính).",
                            "Appraisal points where given; otherwise points suggested by the figures (provisional)."))))
        for cluster in c.clusters {
            let standings = board.standings.filter { $0.clusterCode == cluster.code }.sorted { ($0.rank, $0.unitCode) < ($1.rank, $1.unitCode) }
            guard !standings.isEmpty else { continue }
            let name = { (s: CampaignStanding) in board.unitNames[s.unitCode] ?? s.unitCode }
            page.add(.h2(.text(cluster.nameVi)))
            let bars = BarChart(title: cluster.nameVi, desc: standings.map { "\($0.rank). \(name($0)): \(t.percent(100 * $0.share))" }.joined(separator: ", "),
                                bars: standings.map { .init(label: "\($0.rank). \(name($0))", value: $0.share,
                                                            text: "\(t.number($0.total, decimals: 1))/\(t.number($0.maxPoints, decimals: 0))") }, scale: 1)
            page.add(chart: bars.svg, caption: t("Bảng xếp hạng \(cluster.nameVi)", "Leaderboard: \(cluster.nameVi)"),
                     table: DataTable(id: "cum-\(cluster.code)", caption: t("Điểm và xếp hạng trong \(cluster.nameVi)", "Points and ranks in \(cluster.nameVi)"),
                                      header: [t("Hạng", "Rank"), t("Đơn vị", "Unit"), t("Điểm", "Points"), t("Tối đa", "Max"), t("Tỷ lệ", "Share"),
                                               t("Tự chấm", "Self-score"), t("Đã thẩm định", "Appraised")],
                                      rows: standings.map { s in
                                          [.number(Double(s.rank), decimals: 0, t), .text(name(s), link: .unit(s.unitCode)),
                                           .number(s.total, decimals: 2, t), .number(s.maxPoints, decimals: 0, t),
                                           .percent(100 * s.share, decimals: 2, t),
                                           .number(s.selfTotal, decimals: 2, t),
                                           .text(s.appraised ? t("Có", "Yes") : t("Chưa", "Not yet"))]
                                      }))
        }
        let proposals = board.proposals
        page.add(.h2(.text(t("Đề xuất khen thưởng", "Award proposals"))))
        page.add(DataTable(id: "de-xuat", caption: t("Đơn vị đề nghị khen thưởng và căn cứ", "Units proposed for awards, and the grounds"),
                           header: [t("Hình thức", "Award"), t("Cụm, khối", "Cluster"), t("Hạng", "Rank"), t("Đơn vị", "Unit"), t("Căn cứ", "Grounds")],
                           rows: proposals.map { p in
                               [.text(p.award), .text(c.clusters.first { $0.code == p.clusterCode }?.nameVi ?? p.clusterCode),
                                .number(Double(p.standing.rank), decimals: 0, t), .text(board.unitNames[p.standing.unitCode] ?? p.standing.unitCode),
                                .text(p.standing.groundsVi)]
                           }))
        return page
    }
}
