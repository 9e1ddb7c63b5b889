import DXDomain
import DXForms
import Testing

/// The pages' forms read as typed values by Hummingbird's decoder; what a browser
/// could not have sent is refused with a problem naming the field.
@Suite struct PageFormTests {
    @Test func aSignInReadsItsFieldsPercentAndPlusDecoded() throws {
        let form = try PageForm.decode(SignInForm.self, from: "username=b%C3%A1o+c%C3%A1o&password=a%26b%3Dc&csrf=t&next=%2Freports")
        #expect(form.username == "báo cáo")
        #expect(form.password == "a&b=c")
        #expect(form.next == "/reports")
    }

    @Test func aMissingFieldIsNamed() {
        #expect(throws: DomainError.required("password")) { try PageForm.decode(SignInForm.self, from: "username=a&csrf=t") }
    }

    @Test func aFieldGivenTwiceIsRefusedNotGuessed() {
        do {
            _ = try PageForm.decode(SignInForm.self, from: "username=a&username=b&password=x&csrf=t")
            Issue.record("a field given twice was read")
        } catch {
            #expect(error.code == "invalid_form")
            #expect(error.field == "username")
        }
    }

    @Test func aReportEntryKeepsWhatWasTypedAndReadsTheStep() throws {
        let entry = try PageForm.decode(ReportEntryForm.self,
                                        from: "action=submit&csrf=t&version=3&v.ty_le=+37%2C8+&n.ty_le=&d.ty_le=120&other=x")
        #expect(entry.action == .submit)
        #expect(entry.version == 3)
        #expect(entry.entered == ["v.ty_le": " 37,8 ", "n.ty_le": "", "d.ty_le": "120"])
        #expect(entry.typed("v", "ty_le") == "37,8")
        #expect(entry.typed("n", "ty_le") == nil)
        #expect(try PageForm.decode(ReportEntryForm.self, from: "action=save&version=").version == nil)
    }

    @Test(arguments: ["action=publish", "action=save&version=3a", "version=1", "action=save&v.x[0]=1"])
    func aReportEntryThatNoPageSendsIsRefused(_ body: String) {
        #expect(throws: DomainError.self) { try PageForm.decode(ReportEntryForm.self, from: body) }
    }

    /// The committee report's proposals box: one proposal a line, whatever the browser's line ends.
    @Test func proposalsAreReadALineEach() throws {
        let form = try PageForm.decode(CommitteeProposalsForm.self, from: "csrf=t&proposals=%C4%90%E1%BB%81+ngh%E1%BB%8B+m%E1%BB%99t%0D%0AHai%0A%0ABa")
        #expect(form.lines == ["Đề nghị một", "Hai", "Ba"])
    }

    @Test func aCampaignLeftBlankIsANewPage() throws {
        #expect(try PageForm.decode(CampaignSetup.self, from: "csrf=t") == CampaignSetup())
        #expect(try PageForm.decode(CampaignSetup.self, from: "code=TD&points=8%2C5").points == "8,5")
    }

    /// Bodies no browser sends: broken escapes, unmatched brackets, deep keys, bytes.
    @Test(arguments: ["%", "a=%zz", "a[=1", "a]=1", "a[b]=1&a=2", String(repeating: "x[a]", count: 5000) + "=1", "\u{0}=\u{0}", "&&&", "=", "a=1=2"])
    func anyBodyGivesAFormOrAProblem(_ body: String) {
        func check<Form: Decodable>(_ type: Form.Type) {
            do { _ = try PageForm.decode(type, from: body) } catch { #expect(!error.vi.isEmpty && !error.en.isEmpty) }
        }
        check(SignInForm.self)
        check(TokenForm.self)
        check(CampaignSetup.self)
        check(ReportEntryForm.self)
    }
}
