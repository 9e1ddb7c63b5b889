extension Migration {
    /// Rules between the values of a report, kept as their JSON definition.
    static let v005ValidationRules = Migration(version: 5, name: "validation rules", statements: [
        "CREATE TABLE validation_rules (code TEXT PRIMARY KEY, definition TEXT NOT NULL)",
    ])
}
