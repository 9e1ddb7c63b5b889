import DXDomain

/// The problems of backing up and restoring.
extension DomainError {
    static func fileExists(_ file: String) -> DomainError {
        DomainError(code: "exists", field: "file", vi: "Tệp \(file) đã có; chọn tên khác.", en: "\(file) exists; choose another name.", kind: .conflict)
    }

    static func noFile(_ file: String) -> DomainError {
        DomainError(code: "not_found", field: "file", vi: "Không có tệp \(file).", en: "No file \(file).", kind: .notFound)
    }

    static func notABackup(_ file: String) -> DomainError {
        DomainError(code: "not_a_backup", field: "file", vi: "Tệp \(file) không phải bản sao lưu dxtrack hợp lệ.", en: "\(file) is not a sound dxtrack backup.")
    }

    static let backupTooNew = DomainError(code: "schema_too_new", field: "file", vi: "Bản sao lưu mới hơn bản dxtrack này.",
                                          en: "The backup is newer than this dxtrack.", kind: .unavailable)

    static let restoreFailed = DomainError(code: "restore_failed", vi: "Không thay được tệp CSDL.",
                                           en: "Could not move the restored database into place.", kind: .unavailable)

    static func toolMissing(_ tool: String) -> DomainError {
        DomainError(code: "tool_missing", vi: "Cần chương trình \(tool) (gói Debian postgresql-client).",
                    en: "\(tool) is needed (Debian package postgresql-client).", kind: .unavailable)
    }

    static func toolFailed(_ tool: String, said output: String) -> DomainError {
        DomainError(code: "tool_failed", vi: "\(tool) báo lỗi: \(output)", en: "\(tool) failed: \(output)", kind: .unavailable)
    }
}
