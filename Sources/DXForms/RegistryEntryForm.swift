import DXDomain

/// A registry entry as its page posts it: the fields named after the registry file's columns
/// (`name`, `owner_unit`, `approved_level`, …), so that the page and an uploaded file are read
/// by one reader, ``RegistryFile``, with one set of rules and messages.
public struct RegistryEntryForm: Decodable, Sendable {
    public var csrf: String?
    public var fields: [String: String]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: ReportEntryForm.Field.self)
        csrf = try c.decodeIfPresent(String.self, forKey: ReportEntryForm.Field("csrf"))
        var fields: [String: String] = [:]
        for key in c.allKeys where RegistryFile.columns.contains(key.stringValue) {
            fields[key.stringValue] = try c.decode(String.self, forKey: key)
        }
        self.fields = fields
    }

    /// The entry for the system `code`, or the problems of its fields, each naming its field.
    public func system(code: String) -> Result<InformationSystem, DomainErrors> {
        var values = fields
        values["code"] = code
        // An unticked box is not sent at all.
        values["monitored"] = values["monitored"] ?? "không"
        let header = RegistryFile.columns.filter { $0 != "suggested_level" }
        let table = CSVTable(header: header, rows: [CSVTable.Row(line: 2, fields: header.map { values[$0] ?? "" })])
        let read = RegistryFile.read(table: table)
        if let system = read.systems.first, read.problems.isEmpty { return .success(system) }
        return .failure(DomainErrors(read.problems.map { $0.error.at(field: $0.column ?? $0.error.field ?? "code") }))
    }
}
