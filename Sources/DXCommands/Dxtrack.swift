import ArgumentParser

/// `dxtrack`: serving, migrations and demo data; import, reports and index come
/// as subcommands beside these. Every subcommand's help is in Vietnamese and English.
public struct Dxtrack: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dxtrack",
        abstract: "Theo dõi chỉ tiêu chuyển đổi số / Track digital-transformation targets.",
        discussion: """
        dxtrack lưu số liệu trong tệp SQLite (mặc định ./dxtrack-data) hoặc PostgreSQL \
        (--database hoặc biến DXTRACK_DATABASE_URL).
        dxtrack keeps its data in a SQLite file (default ./dxtrack-data) or in PostgreSQL \
        (--database or the DXTRACK_DATABASE_URL variable).
        """,
        version: "0.1.0",
        subcommands: [Serve.self, ConfigCommand.self, Migrate.self, Demo.self, CatalogCommand.self, UserCommand.self, IndexCommand.self,
                      BackupCommand.self, RestoreCommand.self, AuditCommand.self, ImportCommand.self, ProgressCommand.self, RankCommand.self,
                      CACommand.self, SignedReportCommand.self, VerifyCommand.self, PushCommand.self, ReportCommand.self, AggregateCommand.self,
                      EmulationCommand.self, RegistryCommand.self, ComputeCommand.self, BenchCommand.self, BoundaryCommand.self, NotifyCommand.self]
    )

    public init() {}
}
