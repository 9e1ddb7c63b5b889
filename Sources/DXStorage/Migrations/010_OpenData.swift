extension Migration {
    /// Which indicators' approved values the public portal publishes (all, unless the catalog says `published: false`).
    static let v010OpenData = Migration(version: 10, name: "open data", statements: [
        "ALTER TABLE indicators ADD COLUMN published INTEGER NOT NULL DEFAULT 1",
    ])
}
