extension Migration {
    /// Org units with their validity and map changes, indicators, plans, targets, data values,
    /// and the 2025 map of 63 former provinces onto 34.
    static let v001Foundation = Migration(version: 1, name: "foundation", statements: [
        """
        CREATE TABLE org_units (
            code        TEXT PRIMARY KEY,
            name        TEXT NOT NULL,
            kind        TEXT NOT NULL,
            parent_code TEXT REFERENCES org_units (code) DEFERRABLE INITIALLY DEFERRED,
            valid_from  TEXT,
            valid_to    TEXT
        )
        """,
        "CREATE INDEX org_units_parent ON org_units (parent_code)",
        """
        CREATE TABLE org_unit_changes (
            predecessor_code TEXT NOT NULL REFERENCES org_units (code) DEFERRABLE INITIALLY DEFERRED,
            successor_code   TEXT NOT NULL REFERENCES org_units (code) DEFERRABLE INITIALLY DEFERRED,
            kind             TEXT NOT NULL,
            effective        TEXT NOT NULL,
            share            DOUBLE PRECISION,
            PRIMARY KEY (predecessor_code, successor_code)
        )
        """,
        """
        CREATE TABLE indicators (
            code           TEXT PRIMARY KEY,
            name_vi        TEXT NOT NULL,
            name_en        TEXT NOT NULL,
            pillar         TEXT NOT NULL,
            value_type     TEXT NOT NULL,
            aggregation    TEXT NOT NULL,
            direction      TEXT NOT NULL,
            decimals       INTEGER NOT NULL,
            unit_vi        TEXT NOT NULL,
            definition_vi  TEXT,
            numerator_vi   TEXT,
            denominator_vi TEXT
        )
        """,
        """
        CREATE TABLE plans (
            code      TEXT PRIMARY KEY,
            unit_code TEXT NOT NULL REFERENCES org_units (code) DEFERRABLE INITIALLY DEFERRED,
            issuer    TEXT NOT NULL,
            number    TEXT,
            issued_on TEXT,
            title     TEXT NOT NULL,
            horizon   TEXT NOT NULL,
            source    TEXT
        )
        """,
        """
        CREATE TABLE targets (
            code           TEXT PRIMARY KEY,
            plan_code      TEXT NOT NULL REFERENCES plans (code) DEFERRABLE INITIALLY DEFERRED,
            indicator_code TEXT NOT NULL REFERENCES indicators (code) DEFERRABLE INITIALLY DEFERRED,
            shape          TEXT NOT NULL,
            tolerance      DOUBLE PRECISION,
            value          DOUBLE PRECISION,
            value_province DOUBLE PRECISION,
            value_district DOUBLE PRECISION,
            value_commune  DOUBLE PRECISION,
            horizon        TEXT NOT NULL,
            start_date     TEXT,
            unit_kinds     TEXT NOT NULL,
            source_text    TEXT
        )
        """,
        "CREATE INDEX targets_indicator ON targets (indicator_code)",
        """
        CREATE TABLE data_values (
            unit_code      TEXT NOT NULL REFERENCES org_units (code),
            indicator_code TEXT NOT NULL REFERENCES indicators (code),
            period         TEXT NOT NULL,
            period_type    TEXT NOT NULL,
            period_start   TEXT NOT NULL,
            period_end     TEXT NOT NULL,
            value          DOUBLE PRECISION,
            numerator      DOUBLE PRECISION,
            denominator    DOUBLE PRECISION,
            comment        TEXT,
            stored_by      TEXT,
            updated_at     TEXT NOT NULL,
            PRIMARY KEY (unit_code, indicator_code, period)
        )
        """,
        "CREATE INDEX data_values_indicator_period ON data_values (indicator_code, period_start)",
        """
        CREATE TABLE province_mergers (
            former_province  TEXT PRIMARY KEY,
            current_province TEXT NOT NULL,
            kind             TEXT NOT NULL
        )
        """,
    ])
}
