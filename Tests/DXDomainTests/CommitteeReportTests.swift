import DXDomain
import Testing

/// The agency's own quarterly report: due by the 29th of the quarter's last month, drafted,
/// signed and sent in that order.
@Suite struct CommitteeReportTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }

    @Test func itIsDueBeforeTheThirtiethOfTheQuartersLastMonth() throws {
        #expect(CommitteeReport(unitCode: "20", period: try Period("2026Q3")).deadline == Self.day(2026, 9, 29))
        #expect(CommitteeReport(unitCode: "20", period: try Period("2026Q1")).deadline == Self.day(2026, 3, 29))
    }

    @Test func itIsDraftedSignedAndSentInOrder() throws {
        var r = CommitteeReport(unitCode: "20", period: try Period("2026Q3"))
        #expect(throws: DomainError.self) { try r.taking(.send, by: "a", on: Self.day(2026, 9, 20)) }
        r = try r.taking(.draft, by: "a", on: Self.day(2026, 9, 20))
        r = try r.taking(.draft, by: "a", on: Self.day(2026, 9, 21)) // drafted again with newer figures
        #expect(throws: DomainError.self) { try r.taking(.send, by: "a", on: Self.day(2026, 9, 22)) }
        #expect(r.nextSteps == [.draft, .sign])
        r = try r.taking(.sign, by: "giam-doc", on: Self.day(2026, 9, 25))
        #expect(r.nextSteps == [.send])
        #expect(throws: DomainError.self) { try r.taking(.draft, by: "a", on: Self.day(2026, 9, 26)) }
        r = try r.taking(.send, by: "a", on: Self.day(2026, 9, 29))
        #expect(r.status == .sent && r.draftedOn == Self.day(2026, 9, 21) && r.signedOn == Self.day(2026, 9, 25) && r.lastBy == "a")
        #expect(r.timeliness(today: Self.day(2026, 10, 5)) == .onTime)
    }

    @Test func untilSentItIsNotDueThenMissing() throws {
        let r = CommitteeReport(unitCode: "20", period: try Period("2026Q3"))
        #expect(r.timeliness(today: Self.day(2026, 9, 29)) == .notDue)
        #expect(r.timeliness(today: Self.day(2026, 9, 30)) == .missing)
        var late = try r.taking(.draft, by: "a", on: Self.day(2026, 9, 28))
        late = try late.taking(.sign, by: "b", on: Self.day(2026, 9, 30))
        late = try late.taking(.send, by: "a", on: Self.day(2026, 10, 1))
        #expect(late.timeliness(today: Self.day(2026, 10, 2)) == .late)
        #expect(throws: DomainError.self) { try CommitteeReport(unitCode: "20", period: try Period("2026")).taking(.draft, by: "a", on: Self.day(2026, 9, 1)) }
    }

    /// Proposals are the coordinator's words until the report is signed; then they are what was signed.
    @Test func proposalsAreEditedUntilTheReportIsSigned() throws {
        let day = LocalDate(year: 2026, month: 9, day: 20)!
        var r = CommitteeReport(unitCode: "20", period: try Period("2026Q3"))
        r = try r.editing(proposals: ["  Đề nghị UBND tỉnh chỉ đạo các xã. ", "", "\n"], by: "dieu-phoi")
        #expect(r.proposals == ["Đề nghị UBND tỉnh chỉ đạo các xã."] && r.isEditable)
        #expect(try r.editing(proposals: [" "], by: "dieu-phoi").proposals == nil, "nothing left: back to those drafted from the data")
        r = try r.taking(.draft, by: "dieu-phoi", on: day).taking(.sign, by: "giam-doc", on: day)
        #expect(!r.isEditable)
        #expect { try r.editing(proposals: ["Khác"], by: "dieu-phoi") } throws: { ($0 as? DomainError)?.code == "invalid_transition" }
    }
}
