extension Migration {
    /// A plan's period of force (its start and end when they are not its issue date and
    /// horizon, the plan that superseded it) and a target that must hold every year ("duy trì").
    static let v016PlanForce = Migration(version: 16, name: "plan force", statements: [
        "ALTER TABLE plans ADD COLUMN in_force_from TEXT",
        "ALTER TABLE plans ADD COLUMN in_force_to TEXT",
        "ALTER TABLE plans ADD COLUMN superseded_by TEXT",
        "ALTER TABLE targets ADD COLUMN maintained INTEGER NOT NULL DEFAULT 0",
    ])
}
