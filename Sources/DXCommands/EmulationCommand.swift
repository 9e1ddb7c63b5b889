import ArgumentParser
import DXDomain
import DXServer
import DXStorage
import Foundation

/// `dxtrack emulation`: campaigns (phong trào thi đua), scores, standings, award proposals.
struct EmulationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulation",
        abstract: "Phong trào thi đua: chấm điểm, xếp hạng trong cụm, khối, đề nghị khen thưởng / Emulation campaigns: scores, cluster rankings, award proposals.",
        subcommands: [List.self, Score.self, Ranking.self, Awards.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các phong trào thi đua / The campaigns.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let all = try await database.withMigratedDatabase(logger: makeLogger()) { try await Campaigns($0).all() }
            print(TextTable.render(header: ["Mã", "Phong trào", "Từ", "Đến", "Cụm, khối", "Tiêu chí"], rows: all.map { c in
                [c.code, c.nameVi, c.start.formattedVietnamese, c.end.formattedVietnamese, String(c.clusters.count), String(c.criteria.count)]
            }))
        }
    }

    struct Score: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ghi điểm tự đánh giá hoặc điểm thẩm định của một tiêu chí / Record a self-score or an appraisal score on one criterion.",
            discussion: "Điểm viết được với dấu phẩy thập phân (8,5) / Scores may use a decimal comma (8,5).")
        @Option(help: "Mã phong trào / Campaign code.") var campaign: String
        @Option(help: "Mã đơn vị / Unit code.") var unit: String
        @Option(help: "Mã tiêu chí / Criterion code.") var criterion: String
        @Option(name: .customLong("self"), help: "Điểm tự đánh giá / Self-assessment score.") var selfScore: String?
        @Option(help: "Điểm thẩm định / Appraisal score.") var appraisal: String?
        @Option(help: "Ghi chú, căn cứ / Note, grounds.") var note: String?
        @Option(help: "Người chấm ghi trong nhật ký / Who the audit trail names.") var user = "cli"
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (selfScore == nil) != (appraisal == nil) else {
                throw ValidationError("Cần đúng một trong --self và --appraisal / Give exactly one of --self and --appraisal.")
            }
        }

        func run() async throws {
            let raw = selfScore ?? appraisal ?? ""
            guard let value = VietnameseNumber.parse(raw) else { throw ValidationError("Điểm không hợp lệ / Not a number: \(raw)") }
            let (campaign, unit, criterion, note, user, isAppraisal) = (campaign, unit, criterion, note, user, appraisal != nil)
            let saved: CriterionScore
            do {
                saved = try await database.withMigratedDatabase(logger: makeLogger()) { db in
                    try await Campaigns(db).score(campaign: campaign, unit: unit, criterion: criterion, score: value, note: note,
                                                  appraisal: isAppraisal, by: user)
                }
            } catch let e as any DomainProblems { throw ValidationError(e.problems.map { "\($0.vi)\n\($0.en)" }.joined(separator: "\n")) }
            print("\(unit) · \(criterion): tự đánh giá / self \(saved.selfScore.map { VietnameseNumber.format($0) } ?? "–"), "
                  + "thẩm định / appraisal \(saved.appraisalScore.map { VietnameseNumber.format($0) } ?? "–")")
        }
    }

    struct Ranking: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Xếp hạng trong từng cụm, khối / Standings inside each cluster.",
            discussion: """
            Điểm tính = điểm thẩm định; tiêu chí chưa thẩm định gắn với mục tiêu tạm tính theo số liệu đã phê duyệt của năm kết thúc \
            (đạt: đủ điểm; chưa đạt: theo tỷ lệ so với mục tiêu). Xếp theo tỷ lệ điểm trên điểm tối đa của đơn vị; bằng nhau dùng chung hạng.
            Points are the appraisal scores; a criterion tied to a target that is not appraised yet counts provisionally what the \
            approved figures of the final year suggest. Units are ranked on their share of their own maximum; ties share a rank.
            CSV: cluster,rank,unit,name,points,max_points,share,self_points,appraised
            """)
        @Option(help: "Mã phong trào / Campaign code.") var campaign: String
        @Option(help: "Chỉ một cụm, khối / Only this cluster.") var cluster: String?
        @Option(help: "Định dạng / Format: table, csv, json, xlsx.") var format: OutputFormat = .table
        @Flag(help: "Tính cả số liệu đã gửi / Include submitted figures.") var includeSubmitted = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let board = try await load(campaign, includeSubmitted, database)
            let standings = board.standings.filter { cluster == nil || $0.clusterCode == cluster }
            if let cluster, standings.isEmpty { throw ValidationError("Không có cụm, khối / No cluster \(cluster) in \(board.campaign.code).") }
            switch format {
            case .json: print(json(standings.map(BoardView.Standing.init)))
            case .csv, .xlsx:
                try emit((["cluster,rank,unit,name,points,max_points,share,self_points,appraised"] + standings.map { s in
                    [s.clusterCode, String(s.rank), s.unitCode, board.unitNames[s.unitCode] ?? "", fixed(s.total), fixed(s.maxPoints),
                     fixed(s.share), s.selfTotal.map(fixed) ?? "", s.appraised ? "yes" : "no"].map(CSVTable.field).joined(separator: ",")
                }).joined(separator: "\n"), format, sheet: "Xếp hạng thi đua")
            case .table:
                for c in board.campaign.clusters where standings.contains(where: { $0.clusterCode == c.code }) {
                    print("\(c.nameVi) (\(c.code))")
                    print(TextTable.render(header: ["Hạng", "Mã", "Đơn vị", "Điểm", "Tối đa", "Tỷ lệ %", "Tự chấm", "Thẩm định"],
                                           rows: standings.filter { $0.clusterCode == c.code }.map { s in
                        [String(s.rank), s.unitCode, board.unitNames[s.unitCode] ?? "", VietnameseNumber.format(s.total, decimals: 2),
                         VietnameseNumber.format(s.maxPoints), VietnameseNumber.format(s.share * 100, decimals: 2),
                         s.selfTotal.map { VietnameseNumber.format($0, decimals: 2) } ?? "–", s.appraised ? "đủ" : "chưa đủ"]
                    }))
                    print("")
                }
                print("Chủ đề / theme: \(board.campaign.theme)")
            }
        }
    }

    struct Awards: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Danh sách đề nghị khen thưởng và căn cứ / The award proposals and what each rests on.",
            discussion: """
            Chỉ đơn vị đã được thẩm định đủ mọi tiêu chí; mỗi đơn vị nhận hình thức cao nhất đạt được (hạng trong cụm, tỷ lệ điểm).
            Only units appraised on every criterion; each gets the highest award whose rank and share it reaches.
            CSV: award,cluster,rank,unit,name,points,max_points,share,grounds
            """)
        @Option(help: "Mã phong trào / Campaign code.") var campaign: String
        @Option(help: "Định dạng / Format: table, csv, json, xlsx.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let board = try await load(campaign, false, database)
            let proposals = board.proposals
            switch format {
            case .json: print(json(proposals.map(AwardView.init)))
            case .csv, .xlsx:
                try emit((["award,cluster,rank,unit,name,points,max_points,share,grounds"] + proposals.map { p in
                    let s = p.standing
                    return [p.award, p.clusterCode, String(s.rank), s.unitCode, board.unitNames[s.unitCode] ?? "", fixed(s.total),
                            fixed(s.maxPoints), fixed(s.share), s.groundsVi].map(CSVTable.field).joined(separator: ",")
                }).joined(separator: "\n"), format, sheet: "Đề nghị khen thưởng")
            case .table:
                guard !proposals.isEmpty else {
                    print("Chưa có đơn vị đủ điều kiện (cần thẩm định đủ mọi tiêu chí) / No unit qualifies yet (every criterion must be appraised).")
                    return
                }
                for p in proposals {
                    let s = p.standing
                    print("\(p.award): \(board.unitNames[s.unitCode] ?? s.unitCode) (\(s.unitCode)), hạng \(s.rank) \(p.clusterCode), "
                          + "\(VietnameseNumber.format(s.total, decimals: 2))/\(VietnameseNumber.format(s.maxPoints)) điểm")
                    for line in s.groundsVi.split(separator: ";") { print("    \(line.trimmingCharacters(in: .whitespaces))") }
                }
            }
        }
    }
}

private func load(_ code: String, _ includeSubmitted: Bool, _ database: DatabaseOptions) async throws -> Campaigns.Board {
    do {
        return try await database.withMigratedDatabase(logger: makeLogger()) { try await Campaigns($0).board(code, includeSubmitted: includeSubmitted) }
    } catch let e as any DomainProblems { throw ValidationError(e.problems.map { "\($0.vi)\n\($0.en)" }.joined(separator: "\n")) }
}

private func fixed(_ x: Double) -> String { String(format: "%.4f", x) }

private func json(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
}
