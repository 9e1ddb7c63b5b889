import DXDomain
import Foundation
import Testing

@Suite struct RemindersTests {
    /// 06/04/2025, a quarterly report's deadline in the starter catalog's style.
    let deadline = LocalDate(year: 2025, month: 4, day: 6)!
    let standard = Reminders.standard

    func step(_ daysFromDeadline: Int) -> Reminders.Step? { standard.step(deadline: deadline, today: deadline.adding(days: daysFromDeadline)) }

    @Test func nothingIsDueBeforeTheFirstReminder() {
        #expect(step(-30) == nil)
        #expect(step(-8) == nil)
    }

    @Test func eachReminderIsDueFromItsDayUntilTheNext() {
        #expect(step(-7) == .init(offset: -7, daysLeft: 7))
        // A run missed on the day sends it late, with the days then left.
        #expect(step(-5) == .init(offset: -7, daysLeft: 5))
        #expect(step(-2) == .init(offset: -2, daysLeft: 2))
        #expect(step(0) == .init(offset: -2, daysLeft: 0))
        #expect(step(1) == .init(offset: 1, daysLeft: -1))
        #expect(step(1)?.isOverdue == true && step(-2)?.isOverdue == false)
    }

    @Test func theLastStaysDueForAWeekAndThenStops() {
        #expect(step(7)?.offset == 1)
        #expect(step(8) == nil)
        #expect(step(400) == nil)
    }

    @Test func eachStepHasItsOwnKeySoItIsSentOnce() {
        #expect(step(-7)?.key == "before7" && step(-5)?.key == "before7" && step(-2)?.key == "before2" && step(3)?.key == "after1")
    }

    @Test func aFormWithoutRemindersRemindsNobody() {
        #expect(Reminders.none.step(deadline: deadline, today: deadline) == nil)
    }

    @Test func reminderDaysMustBeWholeAndPositive() {
        #expect(Reminders(before: [7, 0], after: []).check(form: "F")?.code == "invalid_reminders")
        #expect(Reminders(before: [7], after: [-1]).check(form: "F") != nil)
        #expect(Reminders.standard.check(form: "F") == nil)
    }

    @Test func aFormReadsItsRemindersOrTakesTheStandardOnes() throws {
        let json = #"{"code":"F","nameVi":"Biểu","periodType":"Quarterly","unitKinds":["commune"],"indicators":["x"],"deadline":{"rule":"dayOfLastMonth","day":30}}"#
        let plain = try JSONDecoder().decode(ReportForm.self, from: Data(json.utf8))
        #expect(plain.reminders == .standard)
        let own = try JSONDecoder().decode(ReportForm.self, from: Data(json.replacingOccurrences(of: "}}", with: #"},"reminders":{"before":[3],"after":[1,5]}}"#).utf8))
        #expect(own.reminders == Reminders(before: [3], after: [1, 5]))
    }
}

@Suite struct NoticeTests {
    let province = OrgUnit(code: "20", name: "Tỉnh Lạng Sơn", kind: .province)
    let district = OrgUnit(code: "20-HL", name: "Huyện Hữu Lũng", kind: .district, parentCode: "20")
    let commune = OrgUnit(code: "05977", name: "Xã Yên Bình", kind: .commune, parentCode: "20-HL")
    var ancestry: [OrgUnit] { [commune, district, province] }
    let accounts = [Principal(username: "an", role: .reporter, unitCode: "05977"),
                    Principal(username: "other", role: .reporter, unitCode: "05983"),
                    Principal(username: "huyen", role: .approver, unitCode: "20-HL"),
                    Principal(username: "tinh", role: .approver, unitCode: "20"),
                    Principal(username: "dieuphoi", role: .coordinator, unitCode: "20"),
                    Principal(username: "lanhdao", role: .leader, unitCode: "20")]
    let form = ReportForm(code: "CDS-QUY-XA", nameVi: "Báo cáo quý (xã)", periodType: .quarterly, unitKinds: [.commune], indicators: ["x"],
                          deadline: .dayOfLastMonth(30),
                          approvalLevels: [ApprovalLevel(approverKind: .district, nameVi: "Cấp huyện"), ApprovalLevel(approverKind: .province, nameVi: "Cấp tỉnh")])
    var ref: ReportRef { ReportRef(form: form, unitCode: "05977", unitName: "Xã Yên Bình", period: try! Period("2025Q1"), deadline: LocalDate(year: 2025, month: 3, day: 30)!) }

    @Test func aReturnTellsTheReportersWhyInBothLanguages() throws {
        let n = try #require(Notice.step(.return, of: ref, version: 4, by: "huyen", reason: "Thiếu số hồ sơ", finallyApproved: false))
        #expect(n.kind == .returned && n.key == "report|CDS-QUY-XA|05977|2025Q1|return|4")
        #expect(n.bodyVi.contains("Lý do: Thiếu số hồ sơ") && n.bodyEn.contains("Reason: Thiếu số hồ sơ"))
        #expect(n.subjectVi == "Báo cáo bị trả lại: Báo cáo quý (xã) – Xã Yên Bình – Quý 1/2025")
        #expect(n.place == .report(form: "CDS-QUY-XA", unit: "05977", period: try Period("2025Q1")))
    }

    @Test func onlyStepsSomeoneMustHearOfMakeANotice() {
        #expect(Notice.step(.save, of: ref, version: 1, by: "an", reason: nil, finallyApproved: false) == nil)
        #expect(Notice.step(.reopen, of: ref, version: 5, by: "dieuphoi", reason: "Sai số liệu", finallyApproved: false)?.kind == .returned,
                "reopened, the report is the unit's to correct again")
        #expect(Notice.step(.submit, of: ref, version: 2, by: "an", reason: nil, finallyApproved: false)?.kind == .awaitingApproval)
        #expect(Notice.step(.approve, of: ref, version: 3, by: "huyen", reason: nil, finallyApproved: false)?.kind == .awaitingApproval)
        #expect(Notice.step(.approve, of: ref, version: 4, by: "tinh", reason: nil, finallyApproved: true)?.kind == .approved)
    }

    @Test func theReportersAreTheUnitsOwn() {
        #expect(NoticeAudience.reporters(of: "05977", among: accounts) == ["an"])
    }

    @Test func theApproversAreThoseOfThePendingLevel() {
        #expect(NoticeAudience.approvers(at: form.approvalLevels[0], ofUnitWithAncestry: ancestry, among: accounts) == ["huyen"])
        #expect(NoticeAudience.approvers(at: form.approvalLevels[1], ofUnitWithAncestry: ancestry, among: accounts) == ["tinh"])
        #expect(NoticeAudience.approvers(at: nil, ofUnitWithAncestry: ancestry, among: accounts).sorted() == ["huyen", "tinh"])
    }

    @Test func withNoApproverTheCoordinatorsAreTold() {
        let noApprovers = accounts.filter { $0.role != .approver }
        #expect(NoticeAudience.approvers(at: form.approvalLevels[0], ofUnitWithAncestry: ancestry, among: noApprovers) == ["dieuphoi"])
        #expect(NoticeAudience.coordinators(ofUnitWithAncestry: [OrgUnit(code: "14", name: "Sơn La", kind: .province)], among: accounts).isEmpty)
    }

    @Test func aReminderSaysTheDaysLeftOrOverdue() {
        let soon = Notice.reminder(.init(offset: -2, daysLeft: 2), of: ref)
        #expect(soon.kind == .dueSoon && soon.bodyVi.contains("30/03/2025 (còn 2 ngày)") && soon.key == "reminder|CDS-QUY-XA|05977|2025Q1|before2")
        let late = Notice.reminder(.init(offset: 1, daysLeft: -3), of: ref)
        #expect(late.kind == .overdue && late.bodyVi.contains("quá hạn 30/03/2025 3 ngày") && late.bodyEn.contains("3 day(s) ago"))
    }

    @Test func thoseAboveHearOfTheOverdueOnceAFormNamingTheUnits() {
        var other = ref
        (other.unitCode, other.unitName) = ("05983", "Phường Đông Kinh")
        let n = Notice.overdue([ref, other], step: .init(offset: 1, daysLeft: -1), coordinator: true, unit: "20")
        #expect(n.subjectVi == "2 đơn vị quá hạn: Báo cáo quý (xã) – Quý 1/2025" && n.bodyVi.contains("Phường Đông Kinh, Xã Yên Bình"))
        #expect(n.key == "overdue|CDS-QUY-XA|2025Q1|after1" && n.place == .urge(form: "CDS-QUY-XA", period: ref.period))
        #expect(Notice.overdue([ref], step: .init(offset: 1, daysLeft: -1), coordinator: false, unit: "20-HL").place == .dashboard(unit: "20-HL"))
    }

    @Test func aCoordinatorUrgesAReportOnceADay() {
        let day = LocalDate(year: 2025, month: 4, day: 2)!
        #expect(Notice.urged(ref, by: "dieuphoi", on: day).key == Notice.urged(ref, by: "someone", on: day).key)
        #expect(Notice.urged(ref, by: "dieuphoi", on: day).key != Notice.urged(ref, by: "dieuphoi", on: day.adding(days: 1)).key)
    }

    @Test func aPlaceIsStoredAndReadBack() throws {
        for place in [Notice.Place.report(form: "F", unit: "05977", period: try Period("2025Q1")), .campaign("TD-2025"), .dashboard(unit: "20"),
                      .urge(form: "F", period: try Period("2025Q1"))] {
            #expect(Notice.Place(stored: place.stored) == place)
        }
        #expect(Notice.Place(stored: "report|F|x") == nil)
        #expect(Notice.Place(stored: "elsewhere|x") == nil)
    }
}
