extension Migration {
    /// Units' outlines for the map (optional data: a province loads a GeoJSON file of them).
    static let v012Boundaries = Migration(version: 12, name: "unit boundaries", statements: [
        "CREATE TABLE unit_boundaries (unit_code TEXT PRIMARY KEY REFERENCES org_units(code), rings TEXT NOT NULL)",
    ])
}
