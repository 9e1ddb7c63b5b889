import DXDomain
import DXStorage
import DXTestSupport
import Foundation
import Testing

@Suite struct AccountsTests {
    static func accounts(_ db: Database) -> Accounts { Accounts(db, bcryptCost: 4) }

    @Test(arguments: TestBackend.available)
    func createSignInAndSessions(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            let a = Self.accounts(db)
            try await a.create(username: "an.nguyen", displayName: "Nguyễn Văn An", role: .reporter, unitCode: "05983", password: "mat-khau-dai-du")
            let s = try await a.signIn(username: "an.nguyen", password: "mat-khau-dai-du")
            #expect(s.principal == Principal(username: "an.nguyen", role: .reporter, unitCode: "05983"))
            let found = try await a.session(s.token)
            #expect(found?.0.username == "an.nguyen")
            #expect(found?.csrf == s.csrf)
            #expect(try await a.session(s.token, now: Date().addingTimeInterval(13 * 3600)) == nil, "sessions expire")
            try await a.signOut(s.token)
            #expect(try await a.session(s.token) == nil)
            // Only hashes are stored.
            let stored = try await db.read { try await $0.raw("SELECT token_hash FROM sessions").all() }
            #expect(stored.allSatisfy { (try? $0.decode(column: "token_hash", as: String.self)) != s.token })
        }
    }

    @Test(arguments: TestBackend.available)
    func badAccountsAreRefused(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            let a = Self.accounts(db)
            func codes(_ body: () async throws -> Void) async -> [String] {
                do { try await body(); return [] } catch let e as DomainErrors { return e.errors.map(\.code) } catch { return ["\(error)"] }
            }
            #expect(await codes { try await a.create(username: "Ấn Độ", displayName: "x", role: .leader, unitCode: "20", password: "mat-khau-dai-du") } == ["invalid_username"])
            #expect(await codes { try await a.create(username: "lan", displayName: "x", role: .leader, unitCode: nil, password: "mat-khau-dai-du") } == ["required"])
            #expect(await codes { try await a.create(username: "lan", displayName: "x", role: .leader, unitCode: "20", password: "ngan") } == ["weak_password"])
            #expect(await codes { try await a.create(username: "lan", displayName: "x", role: .leader, unitCode: "999", password: "mat-khau-dai-du") } == ["unknown_unit"])
            try await a.create(username: "lan", displayName: "x", role: .leader, unitCode: "20", password: "mat-khau-dai-du")
            #expect(await codes { try await a.create(username: "lan", displayName: "x", role: .leader, unitCode: "20", password: "mat-khau-dai-du") } == ["duplicate_username"])
        }
    }

    /// One address guessing one password across many accounts (known or not) is stopped
    /// after ``Accounts/maxClientFailures`` failures, even with a right password; another
    /// address is not, and the window runs out. Successes do not count against an address.
    @Test(arguments: TestBackend.available)
    func oneAddressGuessingAcrossAccountsIsStopped(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            let a = Self.accounts(db)
            try await a.create(username: "binh", displayName: "Bình", role: .coordinator, unitCode: "20", password: "dung-mat-khau")
            let now = Date(), sprayer = "203.0.113.7"
            for _ in 1...40 { _ = try await a.signIn(username: "binh", password: "dung-mat-khau", client: sprayer, now: now) }
            for i in 1...Accounts.maxClientFailures {
                await #expect(throws: DomainError.self) { try await a.signIn(username: "nguoi-\(i)", password: "123456", client: sprayer, now: now) }
            }
            await #expect { try await a.signIn(username: "binh", password: "dung-mat-khau", client: sprayer, now: now.addingTimeInterval(60)) } throws: {
                ($0 as? DomainError)?.code == "invalid_credentials"
            }
            _ = try await a.signIn(username: "binh", password: "dung-mat-khau", client: "198.51.100.20", now: now.addingTimeInterval(60))
            _ = try await a.signIn(username: "binh", password: "dung-mat-khau", client: sprayer, now: now.addingTimeInterval(16 * 60))
            // The refused attempts never reached the account: it is not locked by them.
            #expect(try await a.events("binh").filter { $0 != "login" } == ["created"])
        }
    }

    @Test(arguments: TestBackend.available)
    func fiveWrongPasswordsLockTheAccountAndItIsAudited(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            let a = Self.accounts(db)
            try await a.create(username: "binh", displayName: "Bình", role: .coordinator, unitCode: "20", password: "dung-mat-khau")
            let now = Date()
            for _ in 1...5 {
                await #expect { try await a.signIn(username: "binh", password: "sai-mat-khau", now: now) } throws: {
                    ($0 as? DomainError)?.code == "invalid_credentials"
                }
            }
            // Locked: even the right password is refused, until the lock runs out, and in the
            // words a wrong password gets (a lock tells nothing about the account).
            await #expect { try await a.signIn(username: "binh", password: "dung-mat-khau", now: now.addingTimeInterval(60)) } throws: {
                ($0 as? DomainError)?.code == "invalid_credentials"
            }
            _ = try await a.signIn(username: "binh", password: "dung-mat-khau", now: now.addingTimeInterval(16 * 60))
            let events = try await a.events("binh")
            #expect(events == ["created", "login_failed", "login_failed", "login_failed", "login_failed", "locked", "refused_locked", "login"])
            // An unknown user fails exactly like a wrong password.
            await #expect { try await a.signIn(username: "khong-co", password: "x") } throws: { ($0 as? DomainError)?.code == "invalid_credentials" }
        }
    }

    @Test(arguments: TestBackend.available)
    func tokensExpireAndDisablingEndsEverything(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            let a = Self.accounts(db)
            try await a.create(username: "root", displayName: "Quản trị", role: .admin, unitCode: nil, password: "mat-khau-quan-tri")
            let token = try await a.issueToken(for: "root", name: "ci", readOnly: true, days: 30)
            #expect(token.hasPrefix("dxt_"))
            #expect(try await a.principal(forToken: token)?.readOnly == true)
            #expect(try await a.principal(forToken: token, now: Date().addingTimeInterval(31 * 86_400)) == nil)
            let session = try await a.signIn(username: "root", password: "mat-khau-quan-tri")
            try await a.disable("root")
            #expect(try await a.principal(forToken: token) == nil)
            #expect(try await a.session(session.token) == nil)
            await #expect(throws: DomainError.self) { try await a.signIn(username: "root", password: "mat-khau-quan-tri") }
        }
    }

    @Test(arguments: TestBackend.available)
    func ancestryWalksUpToTheRoot(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            let (ward, root, none) = try await db.read { sql in
                (try await OrgUnitStore(sql).ancestry(of: "05983"), try await OrgUnitStore(sql).ancestry(of: "20"),
                 try await OrgUnitStore(sql).ancestry(of: "nope"))
            }
            #expect(ward == ["05983", "20"])
            #expect(root == ["20"])
            #expect(none.isEmpty)
        }
    }
}
