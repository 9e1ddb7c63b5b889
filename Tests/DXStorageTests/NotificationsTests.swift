import DXDomain
import DXStorage
import DXTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// A mail server as the worker meets it: it takes messages (kept, to be counted) or is down.
final class RecordingSender: MailSender, Sendable {
    private let state = Mutex<(sent: [(String, MailContent)], down: Bool)>(([], false))

    var sent: [(address: String, content: MailContent)] { state.withLock { $0.sent.map { (address: $0.0, content: $0.1) } } }
    func setDown(_ down: Bool) { state.withLock { $0.down = down } }

    func send(_ content: MailContent, to address: String) async throws {
        try state.withLock { s in
            if s.down { throw MailFailure(permanent: false, message: "421 down") }
            s.sent.append((address, content))
        }
    }
}

@Suite struct NotificationsTests {
    static let q1 = try! Period("2025Q1")
    /// Fixtures.form's 2025Q1 is due on 30/04/2025.
    static func day(_ d: Int, month: Int = 4) -> LocalDate { LocalDate(year: 2025, month: month, day: d)! }
    static let url: @Sendable (Notice.Place) -> String = { $0.stored }

    static func people(_ db: Database) async throws {
        let accounts = Accounts(db, bcryptCost: 4)
        for (user, role, unit) in [("reporter", Role.reporter, "20-STTTT"), ("approver", .approver, "20"), ("coordinator", .coordinator, "20"),
                                   ("leader", .leader, "20"), ("ward", .reporter, "05983")] {
            let shown = ["approver": "Hoàng Văn Nam", "coordinator": "Nguyễn Thị Lan"][user] ?? user
            try await accounts.create(username: user, displayName: shown, role: role, unitCode: unit, password: "mat-khau-\(user)-dai")
            try await accounts.setMail(user, email: "\(user)@langson.gov.vn", choice: .each, english: false)
        }
    }

    /// A fresh database with the fixtures and ``people(_:)``.
    static func withPeople<T: Sendable>(_ backend: TestBackend, _ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            try await people(db)
            return try await body(db)
        }
    }

    static func notices(_ db: Database, _ user: String) async throws -> [Notice] {
        try await Notifications(db).inbox(of: user).map(\.notice)
    }

    @Test(arguments: TestBackend.available)
    func remindersFireOnTheirDaysReachTheRightPeopleAndStopOnceSent(_ backend: TestBackend) async throws {
        try await Self.withPeople(backend) { db in
            let remind = { (d: LocalDate) in try await Notifications(db, clock: .fixed(d)).remind(today: d) }
            #expect(try await remind(Self.day(22)) == 0, "8 days before: nothing yet")
            #expect(try await remind(Self.day(23)) == 1, "a week before: the department's one reporter")
            #expect(try await remind(Self.day(23)) == 0, "the same day again: nothing new")
            #expect(try await remind(Self.day(25)) == 0, "the week-before reminder went already")
            #expect(try await Self.notices(db, "reporter").map(\.kind) == [.dueSoon])
            #expect(try await Self.notices(db, "ward").isEmpty, "a ward owes no department's form")

            // Sent before the deadline: the two-days-before reminder and the overdue one never come.
            try await Fixtures.submitReport(db, clock: .fixed(Self.day(26)))
            #expect(try await remind(Self.day(28)) == 0)
            #expect(try await remind(Self.day(1, month: 5)) == 0)
            #expect(try await Self.notices(db, "reporter").map(\.kind) == [.dueSoon])
            #expect(try await Self.notices(db, "approver").map(\.kind) == [.awaitingApproval], "the submission went to the approver")
        }
    }

    @Test(arguments: TestBackend.available)
    func anOverdueReportIsAlsoToldToItsApproversAndCoordinators(_ backend: TestBackend) async throws {
        try await Self.withPeople(backend) { (db: Database) async throws in
            let day = Self.day(1, month: 5)
            #expect(try await Notifications(db, clock: .fixed(day)).remind(today: day) == 3)
            for user in ["reporter", "approver", "coordinator"] {
                #expect(try await Self.notices(db, user).map(\.kind) == [.overdue], "\(user)")
            }
            #expect(try await Self.notices(db, "leader").isEmpty)
            // A week and more after the last reminder: an old report is not urged again and again.
            let later = Self.day(9, month: 5)
            #expect(try await Notifications(db, clock: .fixed(later)).remind(today: later) == 0)
        }
    }

    @Test(arguments: TestBackend.available)
    func aReturnAndAnApprovalReachTheReporterInTheInbox(_ backend: TestBackend) async throws {
        try await Self.withPeople(backend) { db in
            let clock = WallClock.fixed(Self.day(20))
            let returned = try await Fixtures.decide(.return, try await Fixtures.submitReport(db, clock: clock), db, clock: clock, reason: "Thiếu minh chứng")
            let again = try await Submissions(db, clock: clock).act(.submit, form: "F", unit: "20-STTTT", period: Self.q1, version: returned.version,
                                                                    reason: nil, by: Principal(username: "reporter", role: .reporter, unitCode: "20-STTTT"))
            try await Fixtures.decide(.approve, again, db, clock: clock)
            let inbox = try await Notifications(db).inbox(of: "reporter")
            #expect(inbox.map(\.notice.kind).sorted { $0.rawValue < $1.rawValue } == [.approved, .returned])
            let text = inbox.first { $0.notice.kind == .returned }?.notice.bodyVi ?? ""
            #expect(text.hasPrefix("Hoàng Văn Nam đã trả lại") && text.contains("Lý do: Thiếu minh chứng"), "named as people are, not by login")
            #expect(try await Self.notices(db, "approver").map(\.kind) == [.awaitingApproval, .awaitingApproval], "each submission")
            #expect(try await Notifications(db).unread(of: "reporter") == 2)
            // Opened: read; another person cannot open it.
            let id = inbox[0].id
            #expect(try await Notifications(db).open(id, by: "ward") == nil)
            #expect(try await Notifications(db).open(id, by: "reporter")?.readAt != nil)
            #expect(try await Notifications(db).unread(of: "reporter") == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func mailGoesOutOnceAndSurvivesTheServerBeingDown(_ backend: TestBackend) async throws {
        try await Self.withPeople(backend) { db in
            try await Accounts(db).setMail("approver", email: "approver@langson.gov.vn", choice: .none, english: false)
            try await Accounts(db).setMail("coordinator", email: "coordinator@langson.gov.vn", choice: .each, english: true)
            let day = Self.day(1, month: 5)
            let sender = RecordingSender()
            sender.setDown(true)
            var n = Notifications(db, clock: .fixed(day))
            let first = try await n.run(digestWeekday: 1, sender: sender, url: Self.url)
            #expect(first.reminders == 3 && first.queued == 2 && first.delivery == .init(sent: 0, retrying: 2, failed: 0))
            #expect(try await n.queue() == MailQueueCounts(waiting: 2, sent: 0, failed: 0))
            // Still down a minute later, then back: each message goes exactly once.
            n = Notifications(db, clock: WallClock { WallClock.fixed(day).now().addingTimeInterval(61) })
            #expect(try await n.run(digestWeekday: 1, sender: sender, url: Self.url).delivery.retrying == 2)
            sender.setDown(false)
            n = Notifications(db, clock: WallClock { WallClock.fixed(day).now().addingTimeInterval(90) })
            #expect(try await n.run(digestWeekday: 1, sender: sender, url: Self.url).delivery.sent == 0, "not due again before its wait is over")
            n = Notifications(db, clock: WallClock { WallClock.fixed(day).now().addingTimeInterval(600) })
            #expect(try await n.run(digestWeekday: 1, sender: sender, url: Self.url).delivery.sent == 2)
            #expect(try await n.run(digestWeekday: 1, sender: sender, url: Self.url).delivery.sent == 0)
            #expect(sender.sent.map(\.address).sorted() == ["coordinator@langson.gov.vn", "reporter@langson.gov.vn"])
            let english = try #require(sender.sent.first { $0.address.hasPrefix("coordinator") })
            #expect(english.content.english && english.content.subject == "1 unit(s) overdue: Báo cáo quý thử – Q1 2025")
            #expect(english.content.items.first?.url == "urge|F|2025Q1", "the coordinator's opens the page that reminds them")
            #expect(try await n.queue() == MailQueueCounts(waiting: 0, sent: 2, failed: 0))
        }
    }

    @Test(arguments: TestBackend.available)
    func aDailyDigestGathersTheDaysNoticesTheNextMorning(_ backend: TestBackend) async throws {
        try await Self.withPeople(backend) { db in
            try await Accounts(db).setMail("coordinator", email: "coordinator@langson.gov.vn", choice: .daily, english: false)
            let sender = RecordingSender()
            for d in [1, 2] { _ = try await Notifications(db, clock: .fixed(Self.day(d, month: 5))).run(digestWeekday: 1, sender: sender, url: Self.url) }
            let urged = try await Notifications(db, clock: .fixed(Self.day(2, month: 5))).urge(form: "F", period: Self.q1, within: "20", by: "coordinator")
            #expect(urged == 1)
            let toCoordinator = sender.sent.filter { $0.address.hasPrefix("coordinator") }
            #expect(toCoordinator.count == 1 && toCoordinator[0].content.subject == "dxtrack: 1 thông báo ngày 01/05/2025")
            #expect(try await Self.notices(db, "reporter").map(\.kind) == [.overdue, .overdue], "the reminder and the coordinator's")
        }
    }

    @Test(arguments: TestBackend.available)
    func theWeeklyDigestComesOnItsDayOnceAndComparesTheWeeks(_ backend: TestBackend) async throws {
        try await Self.withPeople(backend) { db in
            let monday = Self.day(5, month: 5)
            #expect(monday.isoWeekday == 1)
            #expect(try await Notifications(db, clock: .fixed(Self.day(6, month: 5))).weeklyDigest(today: Self.day(6, month: 5), weekday: 1) == 0)
            #expect(try await Notifications(db, clock: .fixed(monday)).weeklyDigest(today: monday, weekday: 1) == 2, "the coordinator and the leader")
            #expect(try await Notifications(db, clock: .fixed(monday)).weeklyDigest(today: monday, weekday: 1) == 0)
            let digest = try #require(try await Self.notices(db, "leader").first)
            #expect(digest.kind == .weeklyDigest && digest.bodyVi.contains("Báo cáo quá hạn chưa nộp: 1") && digest.bodyVi.contains("sẽ so sánh từ tuần sau"))
            let next = monday.adding(days: 7)
            #expect(try await Notifications(db, clock: .fixed(next)).weeklyDigest(today: next, weekday: 1) == 2)
            #expect(try await Self.notices(db, "leader").first?.bodyVi.contains("Chỉ tiêu đổi trạng thái: 0") == true)
        }
    }

    @Test(arguments: TestBackend.available)
    func anAppraisalScoreIsToldToTheUnitsReporters(_ backend: TestBackend) async throws {
        try await Self.withPeople(backend) { db in
            try await Campaigns(db).score(campaign: "TD", unit: "20-STTTT", criterion: "tt", score: 8.5, note: nil, appraisal: true, by: "coordinator")
            // A unit's own score is its own doing: nobody is told.
            try await Campaigns(db).score(campaign: "TD", unit: "20-STTTT", criterion: "hs", score: 9, note: nil, appraisal: false, by: "reporter")
            let notices = try await Self.notices(db, "reporter")
            #expect(notices.map(\.kind) == [.appraised])
            #expect(notices.first?.bodyVi == "Nguyễn Thị Lan đã chấm điểm thẩm định tiêu chí \"Tuyên truyền\" của Sở Thông tin và Truyền thông: 8,5 điểm.")
            #expect(notices.first?.place == .campaign("TD"))
            #expect(try await Self.notices(db, "ward").isEmpty)
        }
    }

    @Test func noticesAreKeptNinetyDays() async throws {
        try await Self.withPeople(TestBackend.sqlite) { db in
            let day = Self.day(1, month: 5)
            _ = try await Notifications(db, clock: .fixed(day)).remind(today: day)
            try await Notifications(db, clock: .fixed(day.adding(days: 89))).purge()
            #expect(try await Self.notices(db, "reporter").count == 1)
            try await Notifications(db, clock: .fixed(day.adding(days: 91))).purge()
            #expect(try await Self.notices(db, "reporter").isEmpty)
        }
    }

    /// Two instances on one PostgreSQL, each running the worker at once: every reminder is
    /// one notice, every notice one message, every message sent once.
    @Test func twoInstancesSendNothingTwice() async throws {
        guard TestBackend.postgresURL != nil else { return }
        try await Self.withPeople(TestBackend.postgres) { db in
            try await db.transaction { sql in
                try await OrgUnitStore(sql).save((1...30).map { OrgUnit(code: "20-S\($0)", name: "Sở \($0)", kind: .department, parentCode: "20") })
            }
            for i in 1...30 {
                try await Accounts(db, bcryptCost: 4).create(username: "r\(i)", displayName: "r", role: .reporter, unitCode: "20-S\(i)", password: "mat-khau-dai-\(i)")
                try await Accounts(db).setMail("r\(i)", email: "r\(i)@langson.gov.vn", choice: .each, english: false)
            }
            let sender = RecordingSender()
            let day = Self.day(1, month: 5)
            try await Database.withDatabase(at: db.location, logger: Logger(label: "second")) { second in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for instance in [db, second, db, second] {
                        group.addTask { _ = try await Notifications(instance, clock: .fixed(day)).run(digestWeekday: 1, sender: sender, url: Self.url) }
                    }
                    try await group.waitForAll()
                }
            }
            let addresses = sender.sent.map(\.address)
            #expect(addresses.count == 33, "31 reporters, the approver and the coordinator once each, naming the units")
            #expect(Set(addresses).count == addresses.count, "no one mailed twice")
            #expect(sender.sent.first { $0.address.hasPrefix("coordinator") }?.content.subject.hasPrefix("31 đơn vị quá hạn") == true)
        }
    }
}
