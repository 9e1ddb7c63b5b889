import DXDomain

/// The problems of reading an uploaded spreadsheet, whole: its container, its size, its text.
extension DomainError {
    static let notAZip = DomainError(code: "invalid_xlsx", field: "file", vi: "Không đọc được tệp XLSX (không phải tệp ZIP hợp lệ).",
                                     en: "Cannot read the XLSX file (not a valid ZIP archive).")

    /// A part of the workbook that is missing (`missing`) or does not read (`broken`: what in it).
    static func brokenXLSX(_ part: String, missing: Bool = false) -> DomainError {
        missing
            ? DomainError(code: "invalid_xlsx", field: "file", vi: "Tệp XLSX thiếu phần \(part).", en: "The XLSX file lacks \(part).")
            : DomainError(code: "invalid_xlsx", field: "file", vi: "Tệp XLSX hỏng (\(part)).", en: "Broken XLSX file (\(part)).")
    }

    /// A cell that points at a shared string the workbook does not have.
    static func noSuchString(_ raw: String, in part: String) -> DomainError {
        DomainError(code: "invalid_xlsx", field: "file", vi: "Tệp XLSX hỏng (\(part): chuỗi \(raw)).", en: "Broken XLSX file (\(part): string \(raw)).")
    }

    static func inflatesBeyond(megabytes: Int) -> DomainError {
        DomainError(code: "too_large", field: "file", vi: "Tệp XLSX giải nén ra quá \(megabytes) MB.", en: "The XLSX file inflates beyond \(megabytes) MB.")
    }

    static func tooManyCells(_ limit: Int) -> DomainError {
        DomainError(code: "too_large", field: "file", vi: "Tệp XLSX có quá nhiều ô (quá \(limit) ô, tính cả ô trống giữa dòng).",
                    en: "The XLSX file has too many cells (over \(limit), counting blank cells within rows).")
    }

    static func tooManyRows(_ limit: Int) -> DomainError {
        DomainError(code: "too_large", field: "file", vi: "Tệp XLSX có quá \(limit) dòng.", en: "The XLSX file has more than \(limit) rows.")
    }

    static let notUTF8 = DomainError(code: "invalid_encoding", field: "file", vi: "Tệp CSV không phải UTF-8 (hãy lưu dạng \"CSV UTF-8\").",
                                     en: "The CSV file is not UTF-8 (save it as \"CSV UTF-8\").")

    /// A spreadsheet in a format dxtrack does not read (`.xls` of Excel 97–2003, `.ods` of LibreOffice).
    static func saveAsXLSX(_ format: String) -> DomainError {
        DomainError(code: "unsupported_format", field: "file",
                    vi: "Tệp \(format) không đọc được; hãy mở tệp rồi lưu lại dạng Excel .xlsx (hoặc CSV UTF-8) và tải lên lại.",
                    en: "A \(format) file cannot be read; open it and save it as an Excel .xlsx (or CSV UTF-8) file, then upload that.")
    }
}
