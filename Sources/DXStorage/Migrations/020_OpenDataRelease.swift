extension Migration {
    /// An indicator's release calendar: the days after a period ends before its approved
    /// values are open data (nil: once approved).
    static let v020OpenDataRelease = Migration(version: 20, name: "open data release", statements: [
        "ALTER TABLE indicators ADD COLUMN release_after_days INTEGER",
    ])
}
