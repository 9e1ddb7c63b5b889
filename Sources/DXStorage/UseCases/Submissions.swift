import DXDomain
import Foundation
import Crypto
import DXSignature
import SQLKit
import X509

/// Units' reports: entering a form's values, submitting, returning, approving and
/// reopening, each checked against the workflow, the caller's version (so that two
/// people editing one report get a conflict, never a lost update) and recorded in
/// the audit trail in the same transaction.
public struct Submissions: Sendable {
    let db: Database
    /// Opens users' signing keys; without it, steps are not signed (and forms that
    /// require a signature cannot be submitted or approved).
    let seal: KeySeal?
    /// The day a step is judged on (the entry window) and the moment it is recorded at
    /// (which says whether the report was on time).
    let clock: WallClock

    public init(_ db: Database, seal: KeySeal? = nil, clock: WallClock = .vietnam) {
        self.db = db
        self.seal = seal
        self.clock = clock
    }

    /// One unit's report for one period, as a reporter or approver sees it.
    public struct Report: Sendable {
        public var form: ReportForm
        public var unitCode: String
        public var period: Period
        public var record: SubmissionRecord?
        public var values: [DataValue]
        public var deadline: LocalDate
        public var timeliness: Timeliness
        /// Values far from the unit's own history: shown to the reporter, never blocking.
        public var warnings: [DomainError] = []
        /// The unit and its ancestors, the unit first: who may approve follows from it.
        public var ancestry: [OrgUnit] = []
        /// Files backing the values (minh chứng).
        public var evidence: [EvidenceLink] = []

        /// The record, or that of a report not started.
        public var current: SubmissionRecord { record ?? .notStarted(form: form.code, unit: unitCode, period: period) }
        public var status: SubmissionStatus { current.status }
        public var version: Int { record?.version ?? 0 }
        /// The form's approval levels that apply to this unit, in order.
        public var approvalLevels: [ApprovalLevel] { form.approvalLevels(forUnitWithAncestry: ancestry) }
        /// How many of `approvalLevels` have signed the report off.
        public var signedOffLevels: Int {
            switch status {
            case .approved: approvalLevels.count
            case .submitted: record?.approvedLevels ?? 0
            case .notStarted, .draft, .returned: 0
            }
        }
        /// The level whose approvers act next on a submitted report (nil without levels).
        public var pendingLevel: ApprovalLevel? {
            status == .submitted && signedOffLevels < approvalLevels.count ? approvalLevels[signedOffLevels] : nil
        }
    }

    public func report(form formCode: String, unit: String, period: Period, today: LocalDate) async throws -> Report {
        try await db.read { sql in try await Self.load(formCode, unit, period, today: today, sql: sql) }
    }

    /// Saves a draft of the form's values (a value per indicator of the form).
    public func save(form formCode: String, unit: String, period: Period, values: [DataValueInput], version: Int,
                     by user: String) async throws -> Report {
        let dialect = db.dialect, today = clock.today(), now = clock.now()
        let report = try await db.transaction(changingOnly: { sql in
            let current = try await Self.load(formCode, unit, period, today: today, sql: sql, forUpdate: dialect)
            try Self.expect(version, current)
            try Self.expectEditable(current, today: today)
            let outside = values.filter { !current.form.indicators.contains($0.indicator) || $0.unit != unit || $0.period != period.id }
            if let v = outside.first {
                throw DomainErrors([.notInThisReport(indicator: v.indicator, unit: v.unit, period: v.period)])
            }
            if !values.isEmpty { _ = try await DataEntry.apply(values, by: .workflow(user), today: today, dryRun: false, on: sql, dialect: dialect) }
            return (try await Self.transition(current, action: .save, by: user, reason: nil, sql: sql, dialect: dialect, today: today, at: now),
                    FigureScope.reports(of: current.form))
        })
        try await ComputedValues(db).recompute(.formulasReading(Set(values.map(\.indicator))), today: today)
        return report
    }

    /// Submits, returns (with a reason), approves or reopens (with a reason) a report.
    /// Whether the person may act on the unit at all is the caller's to check; this
    /// checks the workflow and, for approving and returning, that the person works at
    /// the approval level the report waits for, on the state it locks.
    public func act(_ action: SubmissionAction, form formCode: String, unit: String, period: Period, version: Int,
                    reason: String?, by principal: Principal) async throws -> Report {
        let dialect = db.dialect, user = principal.username, today = clock.today(), now = clock.now()
        let report = try await db.transaction(changingOnly: { sql in
            let current = try await Self.load(formCode, unit, period, today: today, sql: sql, forUpdate: dialect)
            try Self.expect(version, current)
            if action == .approve || action == .return,
               !Access.allowsApproval(principal, at: current.pendingLevel, ofUnitWithAncestry: current.ancestry) {
                throw DomainErrors([.notThePendingLevel(current.pendingLevel, user: user)])
            }
            _ = try Workflow.next(current.status, action)
            if action.needsReason && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw DomainErrors([.reasonRequired(action)])
            }
            if action == .submit {
                try Self.expectEditable(current, today: today)
                try await Self.expectComplete(current, sql: sql)
            }
            let signer = action == .submit || action == .approve ? try await Self.signingKey(of: user, form: current.form, seal: seal, sql: sql) : nil
            let after = try await Self.transition(current, action: action, by: user, reason: reason, sql: sql, dialect: dialect, today: today, at: now)
            if let signer { try await Self.sign(after, action: action, by: user, with: signer, sql: sql) }
            return (after, FigureScope.reports(of: current.form))
        })
        // Reports sent on time and units reporting are counted from these records.
        try await ComputedValues(db).recompute(.records, today: today)
        return report
    }

    /// Every indicator of the form has a value, and the rules between the report's own
    /// values hold (a rule reading other indicators is another form's).
    static func expectComplete(_ r: Report, sql: Session) async throws {
        let have = Set(r.values.map(\.indicatorCode))
        let missing = r.form.indicators.filter { !have.contains($0) }
        if !missing.isEmpty {
            throw DomainErrors(missing.map(DomainError.valueMissing))
        }
        let inForm = Set(r.form.indicators)
        let broken = try await FormStore(sql).rules().filter { $0.indicators.isSubset(of: inForm) }.compactMap { $0.check(r.values) }
        if !broken.isEmpty { throw DomainErrors(broken) }
    }

    /// Signs exactly what the step left (values and evidence hashes) and stores it with the step.
    static func sign(_ after: Report, action: SubmissionAction, by user: String, with signer: Signing.Signer, sql: Session) async throws {
        // The machine's time, not the clock's: a certificate is valid at a real moment.
        let content = Signing.content(of: after, action: action.rawValue, signer: user, at: Timestamp.now())
        let signature: SignedReport.Signature
        do { signature = try ReportSigner.sign(content, key: signer.key, certificate: signer.certificate, chain: signer.chain) } catch {
            throw DomainError.signingFailed(String(describing: error))
        }
        try await CertificateStore(sql).saveSignature(signature, content: content)
    }

    /// The person's signer (``Signing/signer(of:)``), or nil when the form does without signatures.
    static func signingKey(of user: String, form: ReportForm, seal: KeySeal?, sql: Session) async throws -> Signing.Signer? {
        if let signer = try await Signing.signer(of: user, seal: seal, sql: sql) { return signer }
        guard !form.signatureRequired else {
            throw DomainErrors([.signatureRequired(form: form.code, user: user)])
        }
        return nil
    }

    /// Attaches an evidence file (PDF, PNG, JPEG) to one value of a draft report.
    /// The report's version moves on, so a signature or a concurrent editor sees the change.
    public func attach(_ bytes: [UInt8], filename: String, indicator: String, form formCode: String, unit: String, period: Period,
                       version: Int, by user: String) async throws -> Report {
        let file = try EvidenceFile(filename: filename, bytes: bytes)
        let sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let dialect = db.dialect, today = clock.today(), now = clock.now()
        return try await db.transaction(changingOnly: { sql in
            let current = try await Self.load(formCode, unit, period, today: today, sql: sql, forUpdate: dialect)
            try Self.expect(version, current)
            try Self.expectEditable(current, today: today)
            try Self.expectInForm(indicator, current)
            let store = EvidenceStore(sql)
            try await store.store(bytes, sha256: sha256, contentType: file.contentType, by: user)
            try await store.link(form: formCode, unit: unit, period: period, indicator: indicator, sha256: sha256, filename: file.filename, by: user)
            try await AuditLog.append([AuditRecord(actor: user, action: "evidence.attach", entity: Self.auditEntity(form: formCode, unit: unit, period: period),
                                                   after: "\(indicator) \(sha256) \(file.filename)")], on: sql, dialect: dialect)
            return (try await Self.transition(current, action: .save, by: user, reason: nil, sql: sql, dialect: dialect, today: today, at: now),
                    FigureScope.reports(of: current.form))
        })
    }

    /// Removes an evidence file from a value of a draft report (the content stays, it may back other reports).
    public func detach(_ sha256: String, indicator: String, form formCode: String, unit: String, period: Period,
                       version: Int, by user: String) async throws -> Report {
        let dialect = db.dialect, today = clock.today(), now = clock.now()
        return try await db.transaction(changingOnly: { sql in
            let current = try await Self.load(formCode, unit, period, today: today, sql: sql, forUpdate: dialect)
            try Self.expect(version, current)
            try Self.expectEditable(current, today: today)
            guard try await EvidenceStore(sql).unlink(form: formCode, unit: unit, period: period, indicator: indicator, sha256: sha256) else {
                throw DomainErrors([.noEvidenceLink(indicator: indicator, sha256: sha256)])
            }
            try await AuditLog.append([AuditRecord(actor: user, action: "evidence.detach", entity: Self.auditEntity(form: formCode, unit: unit, period: period),
                                                   before: "\(indicator) \(sha256)")], on: sql, dialect: dialect)
            return (try await Self.transition(current, action: .save, by: user, reason: nil, sql: sql, dialect: dialect, today: today, at: now),
                    FigureScope.reports(of: current.form))
        })
    }

    /// Every unit that owes the form for the period (inside `root`'s subtree when given),
    /// with where its report stands: the coordinator's overdue list.
    public func obligations(form formCode: String, period: Period, within root: String?, today: LocalDate) async throws -> [Report] {
        try await db.read { sql in
            guard let form = try await FormStore(sql).form(formCode) else { throw DomainErrors([DomainError.unknown(.form, code: formCode)]) }
            var units = try await OrgUnitStore(sql).all().filter { form.isOwed(by: $0, for: period) }
            if let root { let inside = Set(try await OrgUnitStore(sql).subtree(of: root)); units = units.filter { inside.contains($0.code) } }
            let records = Dictionary(uniqueKeysWithValues: try await FormStore(sql).submissions(form: formCode, period: period).map { ($0.unitCode, $0) })
            let deadline = form.deadline.deadline(for: period)
            return units.map { u in
                let r = records[u.code]
                return Report(form: form, unitCode: u.code, period: period, record: r, values: [], deadline: deadline,
                              timeliness: .of(submittedOn: r?.sentOn, deadline: deadline, today: today))
            }
        }
    }

    /// Loads the state of past reports (e.g. the quarters before dxtrack, from the
    /// e-mailed spreadsheets), each recorded in the audit trail as an import.
    public func importHistory(_ records: [SubmissionRecord], by user: String) async throws {
        let dialect = db.dialect
        try await db.transaction { sql in
            for r in records { try await FormStore(sql).write(r) }
            try await AuditLog.append(records.map {
                AuditRecord(actor: user, action: "report.import", entity: Self.auditEntity(form: $0.formCode, unit: $0.unitCode, period: $0.period),
                            after: $0.status.rawValue)
            }, on: sql, dialect: dialect)
        }
        try await ComputedValues(db).recompute(.records, today: clock.today())
    }

    // MARK: Helpers

    static func load(_ formCode: String, _ unit: String, _ period: Period, today: LocalDate, sql: Session,
                     forUpdate dialect: Dialect? = nil) async throws -> Report {
        guard let form = try await FormStore(sql).form(formCode) else { throw DomainErrors([DomainError.unknown(.form, code: formCode)]) }
        guard period.type == form.periodType else {
            throw DomainErrors([.wrongPeriodType(form: form, period: period)])
        }
        let ancestry = try await OrgUnitStore(sql).ancestors(of: unit)
        guard !ancestry.isEmpty else { throw DomainErrors([DomainError.unknown(.unit, code: unit)]) }
        let record = try await FormStore(sql).submission(form: formCode, unit: unit, period: period, forUpdate: dialect != nil, dialect: dialect ?? .sqlite)
        let values = try await DataValueStore(sql).values(.init(unitCode: unit, period: period)).filter { form.indicators.contains($0.indicatorCode) }
        let deadline = form.deadline.deadline(for: period)
        var report = Report(form: form, unitCode: unit, period: period, record: record, values: values, deadline: deadline,
                            timeliness: .of(submittedOn: record?.sentOn, deadline: deadline, today: today),
                            ancestry: ancestry,
                            evidence: try await EvidenceStore(sql).links(form: formCode, unit: unit, period: period))
        let indicators = try await CatalogStore(sql).indicators(codes: Set(values.map(\.indicatorCode)))
        // A figure the reporter explained (its comment) is confirmed: it is not flagged again.
        for v in values where (v.comment ?? "").isEmpty {
            guard let x = v.value, let indicator = indicators[v.indicatorCode] else { continue }
            let history = try await DataValueStore(sql).values(.init(unitCode: unit, indicatorCode: v.indicatorCode, to: period.start.adding(days: -1)))
                .filter { $0.period.type == period.type }.suffix(8).compactMap(\.value)
            if let w = Outlier.check(x, history: Array(history), indicator: indicator) { report.warnings.append(w) }
        }
        return report
    }

    /// A report takes new values and evidence while the workflow says so (``Workflow/editingProblem(_:form:owed:today:)``).
    static func expectEditable(_ r: Report, today: LocalDate) throws {
        let owed = r.ancestry.first.map { r.form.isOwed(by: $0, for: r.period) } ?? false
        if let problem = Workflow.editingProblem(r.current, form: r.form, owed: owed, today: today) { throw DomainErrors([problem]) }
    }

    static func expectInForm(_ indicator: String, _ r: Report) throws {
        guard r.form.indicators.contains(indicator) else { throw DomainErrors([.notInForm(indicator, form: r.form.code)]) }
    }

    static func expect(_ version: Int, _ current: Report) throws {
        guard version == current.version else { throw DomainErrors([.changedMeanwhile(current: current.version, sent: version)]) }
    }

    static func transition(_ current: Report, action: SubmissionAction, by user: String, reason: String?,
                           sql: Session, dialect: Dialect, today: LocalDate, at now: Date) async throws -> Report {
        let before = current.current
        let r = try before.applying(action, by: user, at: Timestamp.string(now), reason: reason, levels: current.approvalLevels.count)
        guard try await FormStore(sql).write(r, ifVersion: before.version) else { throw DomainErrors([.changedMeanwhile(current: nil, sent: nil)]) }
        let entity = Self.auditEntity(form: r.formCode, unit: r.unitCode, period: r.period)
        var records = [AuditRecord(actor: user, action: "report.\(action.rawValue)", entity: entity,
                                   before: before.status.rawValue, after: r.summary(levels: current.approvalLevels.count), reason: reason)]
        // The figures as they were sent back, so that the next review shows what changed since.
        if action == .return { records.append(AuditRecord(actor: user, action: Self.returnedFigures, entity: entity, after: try Self.figures(current.values))) }
        try await AuditLog.append(records, on: sql, dialect: dialect)
        let after = try await load(current.form.code, current.unitCode, current.period, today: today, sql: sql)
        try await Notifications.afterStep(action, after, by: user, reason: reason, sql: sql, at: Timestamp.string(now))
        return after
    }
}
