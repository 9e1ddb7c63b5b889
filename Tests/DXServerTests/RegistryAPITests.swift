import DXDomain
@testable import DXServer
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite struct RegistryAPITests {
    static func put(_ client: any TestClientProtocol, _ tokens: Tokens, as user: String, _ code: String, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: "/api/registry/\(code)", method: .put, headers: tokens.json(user), body: ByteBuffer(string: body))
    }

    static let portal = #"{"name": "Cổng dịch vụ công", "ownerUnit": "20-STTTT", "information": "personal", "kind": "publicService", "#
        + #""personalDataSubjects": 50000, "hosting": "provincialCloud", "monitored": true, "monitoredSince": "2024-03-01"}"#

    @Test(arguments: TestBackend.available)
    func unitsKeepTheirOwnRegisterWithinTheirScope(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            let r = try await Self.put(client, tokens, as: "reporter", "DVC", Self.portal)
            #expect(r.status == .ok)
            let view = try decode(SystemView.self, r)
            #expect(view.suggestedLevel == 3 && view.needsClassification)
            // Another unit's system, or taking over its code, is outside the reporter's subtree.
            let district = #"{"name": "Cổng thông tin", "ownerUnit": "178", "information": "public", "kind": "publicService", "hosting": "ownServerRoom"}"#
            #expect(try await Self.put(client, tokens, as: "reporter", "CTT", district).status == .forbidden)
            #expect(try await Self.put(client, tokens, as: "coordinator", "CTT", district).status == .ok)
            #expect(try await Self.put(client, tokens, as: "reporter", "CTT", Self.portal).status == .forbidden)
            // A state-secret system cannot be level 1.
            let secret = #"{"name": "Mật", "ownerUnit": "20-STTTT", "information": "stateSecret", "kind": "internal", "hosting": "ownServerRoom", "#
                + #""approvedLevel": 1, "decisionNumber": "1/QĐ", "decisionDate": "2025-01-02"}"#
            let refused = try await Self.put(client, tokens, as: "coordinator", "MAT", secret)
            #expect(refused.status == .unprocessableContent)
            #expect(try problems(refused).first?.field == "systems[0].approvedLevel")

            let csv = String(buffer: try await client.execute(uri: "/api/registry?unit=20&format=csv", method: .get, headers: tokens["leader"]).body)
            #expect(csv.contains("DVC,Cổng dịch vụ công,20-STTTT") && csv.contains("CTT,Cổng thông tin,178"))
            #expect(try await client.execute(uri: "/api/registry?unit=20-STTTT", method: .get, headers: tokens["ward-reporter"]).status == .forbidden)
            let mine = try decode(ListResponse<SystemView>.self, try await client.execute(uri: "/api/registry", method: .get, headers: tokens["reporter"]))
            #expect(mine.count == 1 && mine.items.count == 1)
            #expect(try await AuditLog.history(of: "system:DVC", db).map(\.actor) == ["reporter"])
        }
    }

    @Test func theRegistryGoesOutToAWorkbookAndComesBack() async throws {
        let dir = try await Fixtures.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let csv = dir + "/he-thong.csv"
        try """
            code,name,owner_unit,information,kind,hosting,approved_level,decision_number,decision_date,protection_plan,monitored
            QLVB,Quản lý văn bản,20-STTTT,Thông tin riêng,internal,provincialCloud,2,15/QĐ-STTTT,02/03/2024,Phương án cấp độ 2,có
            MAT,Hệ thống mật,20-STTTT,stateSecret,internal,ownServerRoom,1,3/QĐ,01/02/2024,,không
            CAM,Camera,20-STTTT,public,industrialControl,đám mây,7,,,,
            """.write(toFile: csv, atomically: true, encoding: .utf8)
        let refused = try DxtrackExecutable.run(["registry", "import", csv, "--data-dir", dir], errors: true)
        #expect(refused.contains("dòng/row 3, cột/column approved_level, ô/cell G3"))
        #expect(refused.contains("ô/cell F4") && refused.contains("ô/cell G4"))
        try String(try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").prefix(2).joined(separator: "\n"))
            .write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try DxtrackExecutable.run(["registry", "import", csv, "--data-dir", dir]).contains("1 mới/new"))
        let xlsx = dir + "/so-dang-ky.xlsx"
        #expect(try DxtrackExecutable.run(["registry", "export", "--output", xlsx, "--data-dir", dir]).contains("1 hệ thống"))
        #expect(try DxtrackExecutable.run(["registry", "import", xlsx, "--dry-run", "--data-dir", dir]).contains("0 mới/new, 0 cập nhật/updated, 1 không đổi/unchanged"))
        #expect(try DxtrackExecutable.run(["registry", "list", "--data-dir", dir]).contains("QLVB"))
    }
}
