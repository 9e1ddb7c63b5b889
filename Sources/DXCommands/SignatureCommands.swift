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
        Không có --certificate: CA của hệ thống cấp khóa ECDSA P-256 và chứng thư mới. Có --certificate và --key: nhập chứng thư do CA tin cậy cấp.
        Without --certificate: the deployment's CA issues a new ECDSA P-256 key and certificate. With --certificate and --key: import one a trusted CA issued.
        """)
    @Argument(help: "Tên đăng nhập / Username.") var username: String
    @Option(help: "Số năm hiệu lực / Years of validity.") var years = 2
    @Option(help: "Chứng thư số PEM do CA bên ngoài cấp / A PEM certificate from an external CA.") var certificate: String?
    @Option(help: "Khóa riêng PEM đi kèm / Its PEM private key.") var key: String?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let seal = try database.signingSeal()
        let (username, years) = (username, years)
        let pems = try certificate.map { ($0, try String(contentsOfFile: $0, encoding: .utf8)) }
        let keyPEM = try key.map { try String(contentsOfFile: $0, encoding: .utf8) }
        if pems != nil && keyPEM == nil { throw ValidationError("Cần --key đi kèm --certificate / --certificate needs --key.") }
        let issued = try await database.withMigratedDatabase(logger: makeLogger()) { db in
            if let (_, pem) = pems, let keyPEM {
                return try await Signing(db, seal: seal).importCertificate(for: username, certificatePEM: pem, keyPEM: keyPEM)
            }
            return try await Signing(db, seal: seal).issue(to: username, years: years)
        }
        print("Chứng thư số / Certificate \(issued.serialHex.prefix(16)) cho/for \(username), hiệu lực đến/valid until \(issued.notValidAfter.formatted(.iso8601))")
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
    @Option(help: "Tệp ghi ra (mặc định in ra màn hình) / Output file (default: standard output).") var out: String?
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
        let data = try encoder.encode(report)
        if let out { try data.write(to: URL(fileURLWithPath: out)) } else { print(String(decoding: data, as: UTF8.self)) }
    }
}

/// `dxtrack verify FILE`: checks an exported signed report offline.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Kiểm tra chữ ký số của báo cáo đã xuất / Verify an exported signed report.",
        discussion: """
        Không cần cơ sở dữ liệu. Chỉ tin cậy CA do người kiểm tra chỉ định: tệp PEM --ca, hoặc tệp ghi trong biến DXTRACK_TRUST_ANCHORS;
        không bao giờ tin CA đi kèm trong tệp báo cáo.
        Needs no database. Trusts only the authorities the verifier names: the PEM file --ca, or the file DXTRACK_TRUST_ANCHORS names;
        never the authorities carried inside the report.
        Mã thoát 0: hợp lệ; 1: không hợp lệ, kèm lý do. / Exit 0: valid; 1: invalid, with the reasons.
        """)
    @Argument(help: "Tệp JSON do dxtrack signed-report hoặc API …/signed xuất / The JSON file exported.") var file: String
    @Option(help: "Các CA tin cậy (tệp PEM) / The trusted authorities (a PEM file); default: $DXTRACK_TRUST_ANCHORS.") var ca: String?

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file), let report = try? JSONDecoder().decode(SignedReport.self, from: data) else {
            print("\(file): không đọc được báo cáo đã ký / cannot read a signed report")
            throw ExitCode(1)
        }
        guard let anchors = ca ?? ProcessInfo.processInfo.environment["DXTRACK_TRUST_ANCHORS"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            print("Cần chỉ định CA tin cậy: --ca TỆP.pem hoặc DXTRACK_TRUST_ANCHORS / Name the trusted authorities: --ca FILE.pem or DXTRACK_TRUST_ANCHORS")
            throw ExitCode(2)
        }
        let trusted: [Certificate]
        do { trusted = try Certificate.all(pem: try String(contentsOfFile: anchors, encoding: .utf8)) } catch {
            print("\(anchors): không đọc được chứng thư CA (PEM) / cannot read the authorities' certificates (PEM)")
            throw ExitCode(2)
        }
        let result = ReportSigner.verify(report, trusted: trusted)
        print("Báo cáo / Report \(report.form) · \(report.unit) · \(report.period) · \(report.status) (v\(report.version))")
        for line in result.lines { print(line) }
        for p in result.problems { print("✗ \(p.vi) / \(p.en)") }
        guard result.isValid else {
            print("KHÔNG HỢP LỆ / INVALID")
            throw ExitCode(1)
        }
        print("HỢP LỆ / VALID: \(result.lines.count) chữ ký/signatures")
    }
}
