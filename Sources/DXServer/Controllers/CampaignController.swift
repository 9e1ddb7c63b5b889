import DXDomain
import DXSpreadsheet
import DXStorage
import Foundation
import Hummingbird

/// Emulation campaigns (phong trào thi đua): definitions for everyone, a unit's
/// own scores for the unit, standings and award proposals for the province.
struct CampaignController: Sendable {
    typealias Context = AppRequestContext
    let db: Database

    func add(to api: RouterGroup<Context>) {
        // A campaign's boards are its launching unit's to read, and a new campaign its unit's
        // coordinators' to create: the handlers narrow to that unit once the campaign is read.
        // Scores are written for the unit in the path; an appraisal narrows to `.appraise`.
        GuardedRoutes(api, db: db)
            .get("campaigns", .everyone, use: list)
            .post("campaigns", .api(.manageCatalog), use: create)
            .get("campaigns/:campaign", .everyone, use: campaign)
            .get("campaigns/:campaign/standings", .api(.readValues), use: standings)
            .get("campaigns/:campaign/awards", .api(.readValues), use: awards)
            .get("campaigns/:campaign/units/:unit", .api(.readValues, unit: .path("unit")), use: unit)
            .put("campaigns/:campaign/units/:unit/criteria/:criterion", .api(.writeValues, unit: .path("unit")), use: score)
            .post("campaigns/:campaign/units/:unit/criteria/:criterion/evidence", .api(.writeValues, unit: .path("unit")), use: attach)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> ListResponse<Campaign> {
        ListResponse(try await Campaigns(db).all())
    }

    /// `POST /api/campaigns` with a campaign as the catalog file writes it: coordinators of its unit.
    @Sendable func create(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let campaign = try await request.decodeJSON(Campaign.self)
        try await context.require(.manageCatalog, unit: campaign.unitCode, db: db)
        let created = try await Campaigns(db).create(campaign, by: caller.username)
        return try created.response(from: request, context: context).with(status: .created)
    }

    @Sendable func campaign(_ request: Request, context: Context) async throws -> Campaign {
        try await Campaigns(db).campaign(try context.parameters.code("campaign"))
    }

    /// `GET …/standings[?cluster=K][&includeSubmitted=true][&format=csv|xlsx]`: the launching unit's readers.
    @Sendable func standings(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let board = try await readableBoard(request, context)
        let cluster = request.uri.queryParameters["cluster"].map(String.init)
        let list = board.standings.filter { cluster == nil || $0.clusterCode == cluster }
        guard let format = TableDownload.format(request) else {
            return try BoardView(campaign: board.campaign.code, standings: list, unitNames: board.unitNames).response(from: request, context: context)
        }
        let rows: [[XLSXWriter.Cell]] = list.map { s in
            [.text(s.clusterCode), .count(Double(s.rank)), .text(s.unitCode), .text(board.unitNames[s.unitCode] ?? ""), .number(s.total),
             .number(s.maxPoints), .percent(s.share), s.selfTotal.map { .number($0) } ?? .empty, .text(s.appraised ? "Đủ" : "Chưa đủ")]
        }
        return try TableDownload(name: "Xếp hạng thi đua",
                                 header: ["Cụm, khối", "Hạng", "Mã đơn vị", "Đơn vị", "Điểm", "Điểm tối đa", "Tỷ lệ", "Tự chấm", "Thẩm định"],
                                 rows: rows).response(format, filename: "xep-hang-\(board.campaign.code)")
    }

    /// `GET …/awards[?format=csv|xlsx]`: who is proposed for which award, on what grounds.
    @Sendable func awards(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let board = try await readableBoard(request, context)
        let proposals = board.proposals
        guard let format = TableDownload.format(request) else {
            return try ListResponse(proposals.map(AwardView.init)).response(from: request, context: context)
        }
        let rows: [[XLSXWriter.Cell]] = proposals.map { p in
            let s = p.standing
            return [.text(p.award), .text(p.clusterCode), .count(Double(s.rank)), .text(s.unitCode), .text(board.unitNames[s.unitCode] ?? ""),
                    .number(s.total), .number(s.maxPoints), .percent(s.share), .text(s.groundsVi)]
        }
        return try TableDownload(name: "Đề nghị khen thưởng",
                                 header: ["Hình thức", "Cụm, khối", "Hạng", "Mã đơn vị", "Đơn vị", "Điểm", "Điểm tối đa", "Tỷ lệ", "Căn cứ"],
                                 rows: rows, widths: [36, 12, 8, 14, 40, 10, 10, 10, 120]).response(format, filename: "khen-thuong-\(board.campaign.code)")
    }

    /// One unit's standing with every criterion, for the unit itself and those above it.
    @Sendable func unit(_ request: Request, context: Context, caller: Principal) async throws -> BoardView {
        let code = try context.parameters.code("campaign"), unit = try context.parameters.code("unit")
        let board = try await Campaigns(db).board(code, includeSubmitted: request.uri.queryParameters["includeSubmitted"] == "true")
        guard let standing = board.standings.first(where: { $0.unitCode == unit }) else {
            throw Problem.notFound(.notParticipating(unit: unit, campaign: code))
        }
        return BoardView(campaign: code, standings: [standing], unitNames: board.unitNames.filter { $0.key == unit })
    }

    struct ScoreBody: Decodable {
        var selfScore: Double?
        var appraisalScore: Double?
        var note: String?
    }

    /// `PUT …/units/U/criteria/K` with `{"selfScore": 8.5, "note": …}` (the unit's writers)
    /// or `{"appraisalScore": 8, "note": …}` (coordinators of the launching unit).
    @Sendable func score(_ request: Request, context: Context, caller: Principal) async throws -> ScoreView {
        let code = try context.parameters.code("campaign"), unit = try context.parameters.code("unit")
        let criterion = try context.parameters.code("criterion")
        let campaign = try await Campaigns(db).campaign(code)
        let body = try await request.decodeJSON(ScoreBody.self)
        let appraisal = body.appraisalScore != nil
        if appraisal {
            try await context.require(.appraise, unit: campaign.unitCode, db: db)
            try await context.require(.appraise, unit: unit, db: db)
        }
        guard let value = body.appraisalScore ?? body.selfScore, (body.selfScore == nil) != (body.appraisalScore == nil) else {
            throw Problem.invalid([.oneScore])
        }
        return ScoreView(try await Campaigns(db).score(campaign: code, unit: unit, criterion: criterion, score: value, note: body.note,
                                             appraisal: appraisal, by: caller.username))
    }

    /// `POST …/units/U/criteria/K/evidence?filename=bien-ban.pdf`, the file as the body.
    @Sendable func attach(_ request: Request, context: Context, caller: Principal) async throws -> CampaignEvidenceView {
        let code = try context.parameters.code("campaign"), unit = try context.parameters.code("unit")
        let bytes = try await request.collectBody(upTo: EvidenceFile.maxBytes + 1, field: "file")
        return CampaignEvidenceView(try await Campaigns(db).attach(bytes, filename: request.uri.queryParameters["filename"].map(String.init) ?? "",
                                              campaign: code, unit: unit, criterion: try context.parameters.code("criterion"),
                                              by: caller.username))
    }

    private func readableBoard(_ request: Request, _ context: Context) async throws -> Campaigns.Board {
        let code = try context.parameters.code("campaign")
        let campaign = try await Campaigns(db).campaign(code)
        try await context.require(.readValues, unit: campaign.unitCode, db: db)
        return try await Campaigns(db).board(code, includeSubmitted: request.uri.queryParameters["includeSubmitted"] == "true")
    }
}

// A campaign is answered in its catalog file's format, the one `POST /api/campaigns` takes:
// one documented shape for the file, the request and the answer.
extension Campaign: ResponseEncodable {}
