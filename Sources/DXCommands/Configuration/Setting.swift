/// Every setting of a dxtrack deployment: its key in the configuration file
/// (`/etc/dxtrack/dxtrack.yaml`), the environment variable that may set it instead, and
/// whether it is a secret (never printed, `dxtrack config check` masks it). A command's
/// flag, where it has one, wins over both; the environment wins over the file.
enum Setting: String, CaseIterable, Sendable {
    case host, port
    case database, dataDir = "data-dir"
    case signingSecret = "signing-secret", signingSecretFile = "signing-secret-file"
    case secureCookies = "secure-cookies"
    case logLevel = "log-level", logFormat = "log-format"
    case trustedProxies = "trusted-proxies"
    case smtp, smtpPassword = "smtp-password", smtpCA = "smtp-ca", mailFrom = "mail-from", publicURL = "public-url", digestWeekday = "digest-weekday"
    case openDataLicense = "open-data-license", openDataPublisher = "open-data-publisher", openDataContact = "open-data-contact"
    case metricsLocal = "metrics-local"
    case backupDir = "backup-dir", backupTime = "backup-time", backupKeep = "backup-keep"

    /// The environment variable: `DXTRACK_` and the key in capitals (`data-dir` → `DXTRACK_DATA_DIR`),
    /// but for the names dxtrack read before it had a configuration file.
    var environmentName: String {
        switch self {
        case .database: "DXTRACK_DATABASE_URL"
        case .smtp: "DXTRACK_SMTP_URL"
        case .logLevel: "LOG_LEVEL"
        default: "DXTRACK_" + rawValue.uppercased().replacingOccurrences(of: "-", with: "_")
        }
    }

    var isSecret: Bool { self == .signingSecret || self == .smtpPassword || self == .database }

    /// What the setting is, for `config check` and the sample file.
    var help: String {
        switch self {
        case .host: "địa chỉ lắng nghe / address to listen on (127.0.0.1)"
        case .port: "cổng / port (8080)"
        case .database: "URL PostgreSQL / PostgreSQL URL"
        case .dataDir: "thư mục SQLite / SQLite data directory (./dxtrack-data)"
        case .signingSecret: "bí mật ký, 64 chữ số hex / signing secret, 64 hex digits"
        case .signingSecretFile: "tệp chứa bí mật ký / file holding the signing secret"
        case .secureCookies: "true khi chạy sau HTTPS / true behind HTTPS"
        case .logLevel: "trace, debug, info, notice, warning, error, critical (info)"
        case .logFormat: "text hoặc json (dòng JSON) / text or json (JSON lines) (text)"
        case .trustedProxies: "địa chỉ proxy tin cậy, cách nhau bởi dấu phẩy / trusted reverse proxies, comma-separated (e.g. 127.0.0.1)"
        case .smtp: "smtp://USER@HOST:587, smtps://…, sendmail:"
        case .smtpPassword: "mật khẩu máy chủ thư / mail server password"
        case .smtpCA: "tệp PEM CA của máy chủ thư / PEM file of the mail server's CAs"
        case .mailFrom: "người gửi thư / sender, e.g. dxtrack <dxtrack@tinh.gov.vn>"
        case .publicURL: "địa chỉ người dùng mở dxtrack / the address users open dxtrack at"
        case .digestWeekday: "ngày gửi tổng hợp tuần, 1 = thứ Hai / weekday of the weekly digest, 1 = Monday (1)"
        case .openDataLicense: "giấy phép dữ liệu mở (URL) / open data licence URL (CC BY 4.0)"
        case .openDataPublisher: "cơ quan công bố dữ liệu mở / open data publisher"
        case .openDataContact: "thư liên hệ dữ liệu mở / open data contact address"
        case .backupDir: "thư mục sao lưu hằng đêm; không có: không sao lưu / nightly backups' directory; none: no backups"
        case .backupTime: "giờ sao lưu, giờ Việt Nam / the backup's time, Vietnam time (02:00)"
        case .backupKeep: "số bản sao lưu giữ lại / backups kept (14)"
        case .metricsLocal: "false: /metrics chỉ với mã API của quản trị / false: /metrics only with an administrator's API token (true)"
        }
    }
}
