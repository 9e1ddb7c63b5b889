import ArgumentParser
import DXDomain
import DXSignature
import DXStorage
import Foundation
import X509

/// `dxtrack ca init|trust|list`: the authorities whose certificates sign reports.
struct CACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ca",
        abstract: "Tổ chức chứng thực chữ ký số / Digital-signature certificate authorities.",
        subcommands: [Init.self, Trust.self, List.self])

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tạo tổ chức chứng thực của hệ thống / Create this deployment's own authority.",
            discussion: """
            Khóa của CA được niêm phong bằng khóa bí mật ký số (DXTRACK_SIGNING_SECRET, hoặc tệp signing-secret tạo trong thư mục dữ liệu SQLite).
            The CA's key is sealed with the signing secret (DXTRACK_SIGNING_SECRET, or a signing-secret file made in the SQLite data directory).
            """)
        @Option(help: "Tên tổ chức / Organisation name.") var name = "Sở Thông tin và Truyền thông"
        @Option(help: "Số năm hiệu lực / Years of validity.") var years = 10
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let seal = try database.signingSeal(create: true)
            let (name, years) = (name, years)
            let certificate = try await database.withMigratedDatabase(logger: makeLogger()) { db in
                try await Signing(db, seal: seal).createAuthority(name: name, years: years)
            }
            print("Đã tạo CA / Created the authority: \(certificate.subject) (serial \(certificate.serialHex))")
            print(certificate.pem)
        }
    }

    struct Trust: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tin cậy chứng thư số của một CA bên ngoài (PEM) / Trust an external authority's certificate (PEM).")
        @Argument(help: "Tệp PEM / PEM file.") var file: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let pem = try String(contentsOfFile: file, encoding: .utf8)
            let certificate = try await database.withMigratedDatabase(logger: makeLogger()) { try await Signing($0, seal: nil).trust(pem: pem) }
            print("Đã tin cậy / Trusted: \(certificate.subject)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê chứng thư số / List certificates.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let rows = try await database.withMigratedDatabase(logger: makeLogger()) { db in try await db.read { try await CertificateStore($0).all() } }
            for r in rows {
                print([r.isAuthority ? "CA" : (r.username ?? ""), r.certificate.serialHex.prefix(16).description, "\(r.certificate.subject)",
                       r.certificate.notValidAfter.formatted(.iso8601)].joined(separator: "\t"))
            }
        }
    }
}

/// `dxtrack user cert USERNAME`: a signing certificate for an account.
struct UserCertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert",
        abstract: "Cấp hoặc nhập chứng thư số ký báo cáo / Issue or import a report-signing certificate.",
        discussion: """
        Không có --certificate: CA của hệ thống cấp chứng thư cho khóa ECDSA P-256 mới (niêm phong trong cơ sở dữ liệu), hoặc cho cặp khóa \
        sẵn có trong token/HSM (--pkcs11-module, --token, --key-label). Có --certificate: nhập chứng thư (kèm chuỗi CA trong cùng tệp PEM) \
        do CA tin cậy cấp, với --key hoặc khóa trong token; chứng thư được kiểm tra: chuỗi tới CA tin cậy, hiệu lực, keyUsage, thu hồi (--crl).
        Without --certificate: the deployment's CA issues a certificate for a new ECDSA P-256 key (sealed in the database), or for the key pair \
        already in a token or HSM (--pkcs11-module, --token, --key-label). With --certificate: import one a trusted CA issued (its chain may follow \
        in the same PEM file), with --key or a key in a token; it is checked: chain to a trusted CA, validity, key usage, revocation (--crl).
        Mã PIN của token: biến DXTRACK_PKCS11_PIN, hoặc nhập khi được hỏi. / The token's PIN: DXTRACK_PKCS11_PIN, or typed when asked.
        """)
    @Argument(help: "Tên đăng nhập / Username.") var username: String
    @Option(help: "Số năm hiệu lực / Years of validity.") var years = 2
    @Option(help: "Chứng thư số PEM do CA bên ngoài cấp / A PEM certificate from an external CA.") var certificate: String?
    @Option(help: "Khóa riêng PEM đi kèm / Its PEM private key.") var key: String?
    @OptionGroup var token: TokenOptions
    @Option(help: "Danh sách thu hồi (CRL, DER hoặc PEM) để kiểm tra / A revocation list (CRL, DER or PEM) to check against.") var crl: [String] = []
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let seal = try database.signingSeal()
        let (username, years) = (username, years)
        let pem = try certificate.map { try String(contentsOfFile: $0, encoding: .utf8) }
        let keyPEM = try key.map { try String(contentsOfFile: $0, encoding: .utf8) }
        let tokenKey = try token.key()
        if tokenKey != nil && keyPEM != nil { throw ValidationError("--key hoặc token, không phải cả hai / --key or a token, not both.") }
        if pem != nil && keyPEM == nil && tokenKey == nil { throw ValidationError("Cần --key hoặc token đi kèm --certificate / --certificate needs --key or a token.") }
        let revocations = try crl.flatMap { try RevocationList.read(file: $0) }
        let issued = try await database.withMigratedDatabase(logger: makeLogger()) { db in
            if let pem {
                return try await Signing(db, seal: seal).importCertificate(for: username, certificatePEM: pem, keyPEM: keyPEM, token: tokenKey,
                                                                           revocations: revocations)
            }
            return try await Signing(db, seal: seal).issue(to: username, years: years, token: tokenKey)
        }
        print("Chứng thư số / Certificate \(issued.serialHex.prefix(16)) cho/for \(username), hiệu lực đến/valid until \(issued.notValidAfter.formatted(.iso8601))"
              + (tokenKey.map { ", khóa trong token/key in token \($0.token)/\($0.label)" } ?? ""))
    }
}

/// Where a key in a PKCS#11 token or HSM is: the module, the token's label, the key's label.
struct TokenOptions: ParsableArguments {
    @Option(name: .customLong("pkcs11-module"), help: "Thư viện PKCS#11 của token/HSM / The token's or HSM's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so.")
    var module: String?
    @Option(help: "Nhãn token / The token's label.") var token: String?
    @Option(name: .customLong("key-label"), help: "Nhãn cặp khóa trong token / The key pair's label in the token.") var keyLabel: String?

    /// The key named, with the PIN asked for when the environment has none.
    func key() throws -> TokenKey? {
        guard let module else {
            if token != nil || keyLabel != nil { throw ValidationError("--token và --key-label cần --pkcs11-module / --token and --key-label need --pkcs11-module.") }
            return nil
        }
        guard let token, let keyLabel else { throw ValidationError("--pkcs11-module cần --token và --key-label / --pkcs11-module needs --token and --key-label.") }
        Self.askForPIN(token)
        return TokenKey(module: module, token: token, label: keyLabel)
    }

    /// At a terminal, with no DXTRACK_PKCS11_PIN set, asks for the token's PIN (not echoed) and
    /// sets it for this process only.
    static func askForPIN(_ token: String) {
        if (ProcessInfo.processInfo.environment["DXTRACK_PKCS11_PIN"] ?? "").isEmpty, isatty(0) != 0, let typed = getpass("PIN \(token): ") {
            setenv("DXTRACK_PKCS11_PIN", String(cString: typed), 1)
        }
    }
}

/// `dxtrack signed-report FORM UNIT PERIOD`: export a report with its signatures.
struct SignedReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signed-report",
        abstract: "Xuất báo cáo kèm chữ ký số để kiểm tra ngoại tuyến / Export a report with its signatures, to verify offline.")
    @Argument(help: "Mã biểu mẫu / Form code.") var form: String
    @Argument(help: "Mã đơn vị / Unit code.") var unit: String
    @Argument(help: "Kỳ báo cáo, ví dụ 2026Q3 / Period, e.g. 2026Q3.") var period: String
    @Option(help: "Tệp ghi ra: .zip (chữ ký CMS kiểm tra được bằng openssl) hoặc .json; mặc định JSON ra màn hình / Output file: .zip (CMS signatures openssl checks) or .json; default: JSON on standard output.") var out: String?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let p: Period
        do { p = try Period(period) } catch { throw ValidationError("\(error.vi) / \(error.en)") }
        let (form, unit) = (form, unit)
        let report = try await database.withMigratedDatabase(logger: makeLogger()) { db in
            try await Signing(db, seal: nil).export(form: form, unit: unit, period: p, today: WallClock.vietnam.today())
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let out else { return print(String(decoding: try encoder.encode(report), as: UTF8.self)) }
        let bytes = out.lowercased().hasSuffix(".zip") ? Data(try report.archive()) : try encoder.encode(report)
        try bytes.write(to: URL(fileURLWithPath: out))
    }
}

/// `dxtrack verify FILE`: checks an exported signed report offline.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Kiểm tra chữ ký số của báo cáo đã xuất hoặc PDF đã ký / Verify an exported signed report or a signed PDF.",
        discussion: """
        Không cần cơ sở dữ liệu. Đọc tệp .zip hoặc .json của dxtrack signed-report (hoặc API …/signed), hoặc tệp PDF đã ký (PAdES) của \
        dxtrack report quarterly --sign. Chỉ tin cậy CA do người kiểm tra \
        chỉ định: tệp PEM --ca, hoặc tệp ghi trong biến DXTRACK_TRUST_ANCHORS; không bao giờ tin CA đi kèm trong tệp báo cáo. \
        --crl (hoặc DXTRACK_CRL): danh sách thu hồi để kiểm tra.
        Needs no database. Reads the .zip or .json of dxtrack signed-report (or the API's …/signed), or a signed PDF (PAdES) from \
        dxtrack report quarterly --sign. Trusts only the authorities the verifier \
        names: the PEM file --ca, or the file DXTRACK_TRUST_ANCHORS names; never the authorities carried inside the report. \
        --crl (or DXTRACK_CRL): revocation lists to check against.
        Mã thoát 0: hợp lệ; 1: không hợp lệ, kèm lý do. / Exit 0: valid; 1: invalid, with the reasons.
        """)
    @Argument(help: "Tệp .zip, .json hoặc .pdf / The exported .zip or .json file, or a signed .pdf.") var file: String
    @Option(help: "Các CA tin cậy (tệp PEM) / The trusted authorities (a PEM file); default: $DXTRACK_TRUST_ANCHORS.") var ca: String?
    @Option(help: "Danh sách thu hồi (CRL) / A revocation list (CRL); default: $DXTRACK_CRL.") var crl: [String] = []

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let anchors = ca ?? environment["DXTRACK_TRUST_ANCHORS"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            print("Cần chỉ định CA tin cậy: --ca TỆP.pem hoặc DXTRACK_TRUST_ANCHORS / Name the trusted authorities: --ca FILE.pem or DXTRACK_TRUST_ANCHORS")
            throw ExitCode(2)
        }
        let trust: TrustPolicy
        do {
            let lists = crl.isEmpty ? (environment["DXTRACK_CRL"].flatMap { $0.isEmpty ? nil : [$0] } ?? []) : crl
            trust = TrustPolicy(anchors: try Certificate.all(pem: try String(contentsOfFile: anchors, encoding: .utf8)),
                                revocations: try lists.flatMap { try RevocationList.read(file: $0) })
        } catch {
            print("\(anchors): không đọc được chứng thư CA (PEM) hoặc CRL / cannot read the authorities' certificates (PEM) or a CRL: \(error)")
            throw ExitCode(2)
        }
        // A signed PDF (the quarterly report): each signature, and whether anything came after the last.
        if let pdf = FileManager.default.contents(atPath: file), pdf.starts(with: Array("%PDF-".utf8)) {
            return try Self.say(await SignedPDF.verify(Array(pdf), trust: trust), valid: ", phủ toàn bộ tệp / covering the whole file")
        }
        guard let report = Self.read(file) else {
            print("\(file): không đọc được báo cáo đã ký / cannot read a signed report")
            throw ExitCode(1)
        }
        print("Báo cáo / Report \(report.form) · \(report.unit) · \(report.period) · \(report.status) (v\(report.version))")
        try Self.say(await ReportSigner.verify(report, trust: trust))
    }

    /// Each signature's line, each problem, and the verdict (exit 1 when invalid).
    static func say(_ result: ReportSigner.Verified, valid: String = "") throws {
        for line in result.lines { print(line) }
        for p in result.problems { print("✗ \(p.vi) / \(p.en)") }
        guard result.isValid else {
            print("KHÔNG HỢP LỆ / INVALID")
            throw ExitCode(1)
        }
        print("HỢP LỆ / VALID: \(result.lines.count) chữ ký/signatures" + valid)
    }

    /// The report in a ZIP (by its signature "PK") or a JSON file.
    static func read(_ file: String) -> SignedReport? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try? SignedReport.read(archive: URL(fileURLWithPath: file)) }
        return try? JSONDecoder().decode(SignedReport.self, from: data)
    }
}
