import DXDomain
import DXSignature
@testable import DXServer
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The agency's own report to the People's Committee: its steps by coordinators only, in
/// order, and where it stands on the province's dashboard.
@Suite struct CommitteeReportTests {
    static let day = LocalDate(year: 2025, month: 3, day: 28)!

    /// Signing signs: the server prints the report to PDF and signs it with the coordinator's
    /// own key (PAdES), and that PDF is the download from then on, which pyHanko validates.
    @Test(.enabled(if: Office.available || Office.required), arguments: TestBackend.available)
    func aCoordinatorDraftsSignsAndSendsItAndTheDashboardSaysSo(_ backend: TestBackend) async throws {
        let seal = KeySeal(secret: KeySeal.newSecret())!
        try await withApp(backend, seal: seal, clock: .fixed(Self.day)) { client, db, tokens in
            let uri = "/api/committee-reports/20/2025Q1"
            let signing = Signing(db, seal: seal)
            let ca = try await signing.createAuthority(name: "Sở KH&CN Lạng Sơn")
            for role in ["reporter", "leader", "approver"] {
                let r = try await client.execute(uri: uri + "/draft", method: .post, headers: tokens.json(role))
                #expect(r.status == .forbidden, "\(role)")
            }
            let early = try await client.execute(uri: uri + "/send", method: .post, headers: tokens.json("coordinator"))
            let refusal = try problems(early).first?.code
            #expect(early.status == .conflict && refusal == "invalid_transition")
            _ = try decode(CommitteeReportView.self, try await client.execute(uri: uri + "/draft", method: .post, headers: tokens.json("coordinator")))
            // The proposals in the coordinator's words go into the report (and so into what is signed).
            let edited = try await client.execute(uri: uri + "/proposals", method: .put, headers: tokens.json("coordinator"),
                                                  body: ByteBuffer(string: #"{"proposals":["Kính đề nghị UBND tỉnh chỉ đạo các xã báo cáo đúng hạn", " "]}"#))
            #expect(edited.status == .ok)
            let printable = String(buffer: try await client.execute(uri: "/api/reports/quarterly?unit=20&period=2025Q1&format=html", method: .get, headers: tokens["leader"]).body)
            #expect(printable.contains("Kính đề nghị UBND tỉnh chỉ đạo các xã báo cáo đúng hạn./."), "the edited proposal, as the report's last sentence")
            // No certificate, no signature: refused with the way to get one, and nothing recorded.
            let unsigned = try await client.execute(uri: uri + "/sign", method: .post, headers: tokens.json("coordinator"))
            let refused = try problems(unsigned).first
            #expect(unsigned.status == .conflict && refused?.code == "no_certificate")
            #expect(refused?.messageVi.contains("dxtrack user cert coordinator") == true)
            #expect(try decode(CommitteeReportView.self, try await client.execute(uri: uri, method: .get, headers: tokens["leader"])).status == .drafted)
            let before = try await client.execute(uri: "/api/reports/quarterly?unit=20&period=2025Q1&format=pdf", method: .get, headers: tokens["leader"])
            let unsignedPDF = try SignedPDF.signatures(in: Array(buffer: before.body))
            #expect(before.status == .ok && unsignedPDF.isEmpty)
            _ = try await signing.issue(to: "coordinator")
            for (step, status) in [("sign", CommitteeReport.Status.signed), ("send", .sent)] {
                let r = try decode(CommitteeReportView.self, try await client.execute(uri: uri + "/" + step, method: .post, headers: tokens.json("coordinator")))
                #expect(r.status == status)
            }
            let download = try await client.execute(uri: "/api/reports/quarterly?unit=20&period=2025Q1&format=pdf", method: .get, headers: tokens["leader"])
            #expect(download.status == .ok && download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition]?.contains("da-ky-so.pdf") == true)
            let pdf = Array(buffer: download.body)
            let verified = await SignedPDF.verify(pdf, trust: TrustPolicy(anchors: [ca]))
            #expect(verified.isValid && verified.lines.first?.contains("Kết quả thực hiện chuyển đổi số quý I năm 2025") == true, "\(verified.problems)")
            #expect(try SignedPDF.signatures(in: pdf).first?.cms.signer.username == "coordinator")
            // Signed: the words are those signed now.
            let late = try await client.execute(uri: uri + "/proposals", method: .put, headers: tokens.json("coordinator"), body: ByteBuffer(string: #"{"proposals":["Khác"]}"#))
            #expect(late.status == .conflict)
            if PyHanko.available || PyHanko.required {
                let dir = try Tool.directory("committee")
                defer { try? FileManager.default.removeItem(atPath: dir) }
                try Data(pdf).write(to: URL(fileURLWithPath: dir + "/bao-cao.pdf"))
                try ca.pem.write(toFile: dir + "/ca.pem", atomically: true, encoding: .utf8)
                let checked = try PyHanko.validate(dir + "/bao-cao.pdf", trust: dir + "/ca.pem")
                #expect(checked.status == 0 && checked.output.contains("The signature is judged VALID."), "\(checked.output)")
            }
            let shown = try decode(CommitteeReportView.self, try await client.execute(uri: uri, method: .get, headers: tokens["leader"]))
            #expect(shown.sentOn == Self.day && shown.deadline == LocalDate(year: 2025, month: 3, day: 29) && shown.timeliness == .onTime)
            let html = String(buffer: try await client.execute(uri: "/dashboard?unit=20&period=2025Q1", method: .get, headers: tokens["leader"]).body)
            #expect(html.contains("Đã gửi") && html.contains("Báo cáo UBND tỉnh, hạn 29/03/2025 · đúng hạn"))
            #expect(html.contains(#"href="/committee-reports/20/2025Q1""#))
        }
    }

    /// Its page offers the next step to those who may take it, and posts it with the reader's token.
    @Test func thePageOffersTheNextStepToCoordinatorsOnly() async throws {
        try await withApp(.sqlite, clock: .fixed(Self.day)) { client, _, tokens in
            let coordinator = String(buffer: try await client.execute(uri: "/committee-reports/20/2025Q1", method: .get, headers: tokens["coordinator"]).body)
            #expect(coordinator.contains(#"value="draft""#) && !coordinator.contains(#"value="send""#))
            #expect(coordinator.contains(#"<textarea id="proposals" name="proposals""#) && coordinator.contains("Lưu đề xuất"), "the proposals to edit")
            let leader = String(buffer: try await client.execute(uri: "/committee-reports/20/2025Q1", method: .get, headers: tokens["leader"]).body)
            #expect(!leader.contains(#"name="step""#))
            #expect(leader.contains("Chưa soạn") && leader.contains("29/03/2025"))
        }
    }
}
