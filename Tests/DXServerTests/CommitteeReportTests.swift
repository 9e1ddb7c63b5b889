import DXDomain
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

    @Test(arguments: TestBackend.available)
    func aCoordinatorDraftsSignsAndSendsItAndTheDashboardSaysSo(_ backend: TestBackend) async throws {
        try await withApp(backend, clock: .fixed(Self.day)) { client, _, tokens in
            let uri = "/api/committee-reports/20/2025Q1"
            for role in ["reporter", "leader", "approver"] {
                let r = try await client.execute(uri: uri + "/draft", method: .post, headers: tokens.json(role))
                #expect(r.status == .forbidden, "\(role)")
            }
            let early = try await client.execute(uri: uri + "/send", method: .post, headers: tokens.json("coordinator"))
            let refusal = try problems(early).first?.code
            #expect(early.status == .conflict && refusal == "invalid_transition")
            for (step, status) in [("draft", CommitteeReport.Status.drafted), ("sign", .signed), ("send", .sent)] {
                let r = try decode(CommitteeReportView.self, try await client.execute(uri: uri + "/" + step, method: .post, headers: tokens.json("coordinator")))
                #expect(r.status == status)
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
            let leader = String(buffer: try await client.execute(uri: "/committee-reports/20/2025Q1", method: .get, headers: tokens["leader"]).body)
            #expect(!leader.contains(#"name="step""#))
            #expect(leader.contains("Chưa soạn") && leader.contains("29/03/2025"))
        }
    }
}
