import DXDomain
import Testing

@Suite struct ReportingTests {
    @Test(arguments: SubmissionStatus.allCases, SubmissionAction.allCases)
    func theWorkflowAllowsOnlyItsSteps(_ status: SubmissionStatus, _ action: SubmissionAction) throws {
        let allowed: [String: SubmissionStatus] = [
            "notStarted.save": .draft, "draft.save": .draft, "returned.save": .draft,
            "notStarted.submit": .submitted, "draft.submit": .submitted, "returned.submit": .submitted,
            "submitted.return": .returned, "submitted.approve": .approved, "approved.reopen": .returned,
        ]
        let key = "\(status.rawValue).\(action.rawValue)"
        if let expected = allowed[key] {
            #expect(try Workflow.next(status, action) == expected)
        } else {
            #expect(throws: DomainError.self) { try Workflow.next(status, action) }
        }
        #expect(SubmissionStatus.approved.locksValues && SubmissionStatus.submitted.locksValues && !SubmissionStatus.returned.locksValues)
    }

    /// On time, late, missing and not yet due, for every period type.
    @Test(arguments: ["2025", "2025S1", "2025Q1", "202501", "2025W05", "20250315"])
    func timelinessForEveryPeriodType(_ id: String) throws {
        let p = try Period(id)
        let rule = DeadlineRule.workingDaysAfterCutoff(2)
        let due = rule.deadline(for: p)
        #expect(due > CutoffRule.decree09.window(for: p).end)
        #expect(Timeliness.of(submittedOn: due, deadline: due, today: due.adding(days: 30)) == .onTime)
        #expect(Timeliness.of(submittedOn: due.adding(days: 1), deadline: due, today: due.adding(days: 30)) == .late)
        #expect(Timeliness.of(submittedOn: nil, deadline: due, today: due.adding(days: 1)) == .missing)
        #expect(Timeliness.of(submittedOn: nil, deadline: due, today: due) == .notDue)
    }

    @Test func formsSayWhoOwesThemAndWhenEntryCloses() throws {
        let form = ReportForm(code: "Q", nameVi: "Quý", periodType: .quarterly, unitKinds: [.commune, .ward], indicators: ["a"],
                              deadline: .dayOfLastMonth(29), lockDaysAfterDeadline: 10, openFuturePeriods: 1)
        let ward = OrgUnit(code: "05983", name: "Phường Lương Văn Tri", kind: .ward, validFrom: LocalDate(year: 2025, month: 7, day: 1))
        #expect(form.isOwed(by: ward, for: try Period("2025Q3")))
        #expect(!form.isOwed(by: ward, for: try Period("2025Q2")), "the ward did not exist yet")
        #expect(!form.isOwed(by: ward, for: try Period("202507")), "monthly is another form")
        let today = LocalDate(year: 2025, month: 10, day: 5)!
        #expect(form.isOpen(try Period("2025Q3"), today: today)) // due 29/09, locks after 09/10
        #expect(!form.isOpen(try Period("2025Q3"), today: LocalDate(year: 2025, month: 10, day: 10)!))
        #expect(form.isOpen(try Period("2026Q1"), today: today), "one future period is open")
        #expect(!form.isOpen(try Period("2026Q2"), today: today))
    }
}

/// What a step changes on the record, and when a report still takes values: decisions,
/// made without a database.
@Suite struct WorkflowRecordTests {
    static let form = ReportForm(code: "Q", nameVi: "Quý", periodType: .quarterly, unitKinds: [.commune], indicators: ["a"],
                                 deadline: .dayOfLastMonth(29), lockDaysAfterDeadline: 10)

    @Test func aStepStampsWhoAndWhenAndMovesTheVersionOn() throws {
        let period = try Period("2025Q3")
        let fresh = SubmissionRecord.notStarted(form: "Q", unit: "05983", period: period)
        let sent = try fresh.applying(.submit, by: "xa", at: "2025-09-29T16:59:00Z", reason: "ignored", levels: 2)
        #expect((sent.status, sent.version, sent.submittedBy, sent.reason) == (.submitted, 1, "xa", nil))
        #expect(sent.sentOn == LocalDate(year: 2025, month: 9, day: 29), "23:59 in Vietnam is still the 29th")
        let once = try sent.applying(.approve, by: "huyen", at: "2025-10-01T02:00:00Z", reason: nil, levels: 2)
        #expect((once.status, once.approvedLevels, once.decidedBy) == (.submitted, 1, "huyen"))
        #expect(once.summary(levels: 2) == "submitted 1/2")
        let back = try once.applying(.return, by: "tinh", at: "2025-10-02T02:00:00Z", reason: "thiếu số liệu", levels: 2)
        #expect((back.status, back.approvedLevels, back.reason, back.version) == (.returned, 0, "thiếu số liệu", 3))
        #expect(back.sentOn == nil, "a returned report is not standing as sent")
        #expect(throws: DomainError.self) { try back.applying(.approve, by: "tinh", at: "2025-10-03T00:00:00Z", reason: nil, levels: 2) }
    }

    @Test func aReportTakesValuesWhileADraftOwedAndOpen() throws {
        let period = try Period("2025Q3"), open = LocalDate(year: 2025, month: 10, day: 5)!, locked = LocalDate(year: 2025, month: 10, day: 10)!
        var r = SubmissionRecord.notStarted(form: "Q", unit: "05983", period: period)
        #expect(Workflow.editingProblem(r, form: Self.form, owed: true, today: open) == nil)
        #expect(Workflow.editingProblem(r, form: Self.form, owed: false, today: open)?.code == "not_owed")
        #expect(Workflow.editingProblem(r, form: Self.form, owed: true, today: locked)?.code == "entry_closed")
        r.status = .returned
        #expect(Workflow.editingProblem(r, form: Self.form, owed: true, today: locked) == nil, "a returned report may be corrected late")
        r.status = .submitted
        #expect(Workflow.editingProblem(r, form: Self.form, owed: true, today: open)?.code == "invalid_transition")
    }
}

@Suite struct OfficialFigureTests {
    static let form = ReportForm(code: "Q", nameVi: "Quý", periodType: .quarterly, unitKinds: [.commune], indicators: ["a"],
                                 deadline: .dayOfLastMonth(29))

    @Test(arguments: [(SubmissionStatus?.none, false, false), (.draft, true, false), (.submitted, false, false),
                      (.submitted, true, true), (.approved, false, true), (.returned, true, false)])
    func aCoveredValueCountsOnceItsReportIsApproved(_ status: SubmissionStatus?, _ includeSubmitted: Bool, _ counts: Bool) throws {
        let v = DataValue(unitCode: "05983", indicatorCode: "a", period: try Period("2025Q3"), value: 1)
        #expect(Workflow.isOfficial(v, unitKind: .commune, forms: [Self.form], includeSubmitted: includeSubmitted) { _ in status } == counts)
    }

    @Test func aValueNoFormCoversCountsAsItIs() throws {
        let yearly = DataValue(unitCode: "05983", indicatorCode: "a", period: try Period("2025"), value: 1)
        let otherKind = DataValue(unitCode: "20", indicatorCode: "a", period: try Period("2025Q3"), value: 1)
        #expect(Workflow.isOfficial(yearly, unitKind: .commune, forms: [Self.form], includeSubmitted: false) { _ in nil })
        #expect(Workflow.isOfficial(otherKind, unitKind: .department, forms: [Self.form], includeSubmitted: false) { _ in nil })
    }

    /// A target's members' figures are kept by the same rule as values: by their unit's kind
    /// and report, whichever place the unit has among the members.
    @Test(arguments: [false, true])
    func membersFiguresAreOfficialAsTheirValuesAre(_ includeSubmitted: Bool) throws {
        let members = [OrgUnit(code: "05983", name: "Xã", kind: .commune), OrgUnit(code: "20", name: "Sở", kind: .department),
                       OrgUnit(code: "06001", name: "Xã 2", kind: .commune)]
        let statuses: [String: SubmissionStatus] = ["05983|2025Q3": .approved, "06001|2025Q3": .submitted, "05983|2025Q2": .returned]
        var figures: [NumberedFigure] = [], values: [DataValue] = []
        for (m, unit) in members.enumerated() {
            for period in ["2025Q2", "2025Q3", "2025"] {
                figures.append(NumberedFigure(unit: Int32(m), period: try Period(period), value: Double(m)))
                values.append(DataValue(unitCode: unit.code, indicatorCode: "a", period: try Period(period), value: Double(m)))
            }
        }
        let kept = Workflow.official(figures, of: "a", members: members, forms: [Self.form], includeSubmitted: includeSubmitted) { form, unit, period in
            form == "Q" ? statuses["\(unit)|\(period.id)"] : nil
        }
        let expected = zip(figures, values).filter { _, v in
            Workflow.isOfficial(v, unitKind: members.first { $0.code == v.unitCode }?.kind, forms: [Self.form], includeSubmitted: includeSubmitted) {
                $0 == "Q" ? statuses["\(v.unitCode)|\(v.period.id)"] : nil
            }
        }.map(\.0)
        #expect(kept == expected)
        // The department's and the yearly figures count as they are; of the communes' quarters, the approved (and the submitted on request).
        #expect(kept.count == (includeSubmitted ? 7 : 6))
        // An indicator no form asks for: every figure counts.
        #expect(Workflow.official(figures, of: "b", members: members, forms: [Self.form], includeSubmitted: false) { _, _, _ in nil } == figures)
    }
}

@Suite struct ApprovalLevelDomainTests {
    static let province = OrgUnit(code: "20", name: "Lạng Sơn", kind: .province)
    static let district = OrgUnit(code: "178", name: "TP Lạng Sơn", kind: .district, parentCode: "20")
    static let commune = OrgUnit(code: "06001", name: "Hoàng Đồng", kind: .commune, parentCode: "178")
    static let levels = [ApprovalLevel(approverKind: .district, nameVi: "Cấp huyện"), ApprovalLevel(approverKind: .province, nameVi: "Cấp tỉnh")]
    static let form = ReportForm(code: "X", nameVi: "X", periodType: .quarterly, unitKinds: [.commune], indicators: [],
                                 deadline: .daysAfterPeriodEnd(5), approvalLevels: levels)

    @Test func levelsWithoutAnAncestorOfTheirKindAreSkipped() {
        #expect(Self.form.approvalLevels(forUnitWithAncestry: [Self.commune, Self.district, Self.province]) == Self.levels)
        let ward = OrgUnit(code: "05983", name: "Lương Văn Tri", kind: .ward, parentCode: "20")
        #expect(Self.form.approvalLevels(forUnitWithAncestry: [ward, Self.province]).map(\.approverKind) == [.province])
        // A district reporting on the form is not its own approver.
        #expect(Self.form.approvalLevels(forUnitWithAncestry: [Self.district, Self.province]).map(\.approverKind) == [.province])
    }

    @Test func onlyTheLevelsApproversMaySignItOff() {
        let ancestry = [Self.commune, Self.district, Self.province]
        let districtApprover = Principal(username: "h", role: .approver, unitCode: "178")
        let provinceApprover = Principal(username: "t", role: .approver, unitCode: "20")
        let coordinator = Principal(username: "c", role: .coordinator, unitCode: "20")
        #expect(Access.allowsApproval(districtApprover, at: Self.levels[0], ofUnitWithAncestry: ancestry))
        #expect(!Access.allowsApproval(provinceApprover, at: Self.levels[0], ofUnitWithAncestry: ancestry))
        #expect(!Access.allowsApproval(coordinator, at: Self.levels[0], ofUnitWithAncestry: ancestry))
        #expect(Access.allowsApproval(provinceApprover, at: Self.levels[1], ofUnitWithAncestry: ancestry))
        #expect(!Access.allowsApproval(districtApprover, at: Self.levels[1], ofUnitWithAncestry: ancestry))
        #expect(Access.allowsApproval(Principal(username: "a", role: .admin, unitCode: nil), at: Self.levels[0], ofUnitWithAncestry: ancestry))
        #expect(!Access.allowsApproval(Principal(username: "r", role: .reporter, unitCode: "178"), at: Self.levels[0], ofUnitWithAncestry: ancestry))
        #expect(!Access.allowsApproval(Principal(username: "x", role: .approver, unitCode: "178", readOnly: true), at: Self.levels[0],
                                       ofUnitWithAncestry: ancestry), "a read-only token approves nothing")
    }

    @Test func anApprovalShortOfTheLastLevelLeavesTheReportSubmitted() throws {
        #expect(try Workflow.next(.submitted, .approve, approvedLevels: 0, of: 2) == (.submitted, 1))
        #expect(try Workflow.next(.submitted, .approve, approvedLevels: 1, of: 2) == (.approved, 2))
        #expect(try Workflow.next(.submitted, .approve, approvedLevels: 0, of: 0) == (.approved, 1))
        #expect(try Workflow.next(.submitted, .return, approvedLevels: 1, of: 2) == (.returned, 0))
        #expect(try Workflow.next(.approved, .reopen, approvedLevels: 2, of: 2) == (.returned, 0))
        #expect(throws: DomainError.self) { try Workflow.next(.draft, .approve, approvedLevels: 0, of: 2) }
    }
}
