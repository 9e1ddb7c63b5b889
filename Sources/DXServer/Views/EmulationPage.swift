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
        page.add(DataTable(id: "de-xuat", caption: t("Đơn vị đề nghị khen thưởng", "Units proposed for awards"),
                           header: [t("Hình thức", "Award"), t("Cụm, khối", "Cluster"), t("Hạng", "Rank"), t("Đơn vị", "Unit"),
                                    t("Điểm", "Points"), t("Tỷ lệ", "Share")],
                           rows: proposals.map { p in
                               [.text(p.award), .text(c.clusters.first { $0.code == p.clusterCode }?.nameVi ?? p.clusterCode),
                                .number(Double(p.standing.rank), decimals: 0, t), .text(board.unitNames[p.standing.unitCode] ?? p.standing.unitCode),
                                .number(p.standing.total, decimals: 2, t), .percent(100 * p.standing.share, decimals: 2, t)]
                           }))
        for (i, p) in proposals.enumerated() {
            let unit = board.unitNames[p.standing.unitCode] ?? p.standing.unitCode
            page.add(grounds(p.standing, id: "can-cu-\(i + 1)", unit: unit, t), folded: t("Căn cứ đề nghị: \(unit) – \(p.award)", "Grounds: \(unit) – \(p.award)"))
        }
        return page
    }

    /// A unit's points criterion by criterion: the points, its own score, the appraisal, the
    /// notes, the figures the suggestion rests on, and the evidence files.
    static func grounds(_ s: CampaignStanding, id: String, unit: String, _ t: Lang) -> DataTable {
        DataTable(id: id, caption: t("Điểm từng tiêu chí của \(unit)", "Points by criterion: \(unit)"),
                  header: [t("Tiêu chí", "Criterion"), t("Điểm tối đa", "Max"), t("Tự chấm", "Self-score"), t("Thẩm định", "Appraisal"),
                           t("Điểm tính", "Counted"), t("Ghi chú", "Notes"), t("Số liệu", "Figures"), t("Minh chứng", "Evidence")],
                  rows: s.results.map { r in
                      let figures = r.figures.map { f in
                          [f.latest.map { t.number($0) + (f.latestPeriod.flatMap { try? Period($0) }.map { " (\(t.period($0)))" } ?? "") },
                           f.threshold.map { t("mục tiêu ", "target ") + t.number($0) }, t.status(f.status)].compactMap { $0 }.joined(separator: " · ")
                      } ?? t("Chưa có số liệu", "No figures")
                      let notes = [r.score.selfNote.map { t("Tự đánh giá: ", "Self: ") + $0 }, r.score.appraisalNote.map { t("Thẩm định: ", "Appraisal: ") + $0 }]
                          .compactMap { $0 }.joined(separator: " · ")
                      let evidence = r.score.evidence.joined(separator: ", ")
                      return [.text(r.criterion.nameVi), .number(r.criterion.points, decimals: 1, t), .number(r.score.selfScore, decimals: 1, t),
                              .number(r.score.appraisalScore, decimals: 1, t), .number(r.points, decimals: 2, t),
                              .text(notes.isEmpty ? "–" : notes), .text(figures),
                              r.score.evidence.count == 1 && Self.isFileHash(evidence) ? .text(t("tệp", "file"), link: .evidence(sha256: evidence)) : .text(evidence.isEmpty ? "–" : evidence)]
                  })
    }

    static func isFileHash(_ s: String) -> Bool { s.count == 64 && s.allSatisfy(\.isHexDigit) }
}

