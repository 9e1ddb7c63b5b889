import ArgumentParser
import DXCatalog
import DXDomain
import DXSpreadsheet
import DXStorage
import Foundation

/// `dxtrack bench`: generates the national data set at a size, imports it through the
/// CSV path every upload takes, and times what the performance issue names. The
/// figures are printed, never judged: bench/national.sh adds the server under wrk
/// and the same aggregation in SQLite and DuckDB, and bench/RESULTS.md keeps them.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Đo hiệu năng trên bộ dữ liệu quy mô quốc gia / Benchmark on a national-scale data set.",
        discussion: """
        Cần một cơ sở dữ liệu trống (mặc định: thư mục tạm). Các dòng "BENCH khoá=giá trị" để script đọc.
        Needs an empty database (default: a temporary directory). "BENCH key=value" lines are for scripts.
        """)

    @Option(help: "Số giá trị sinh ra / Number of values to generate (10000 … 10000000).") var values = 10_000
    @Option(help: "Hạt giống / Seed of the generator.") var seed: UInt64 = 2025
    @Option(help: "Thư mục ghi tệp CSV sinh ra (giữ lại) / Directory for the generated CSV files (kept).") var work: String?
    @Option(help: "Số dòng mỗi tệp nhập / Rows per imported file.") var rowsPerFile = 100_000
    @Flag(help: "Chỉ đo số liệu trên CSDL một lần chạy trước đã nhập (không sinh, không nhập) / Only time the figures, on a database an earlier run imported (no generating, no import).")
    var skipImport = false
    @OptionGroup var database: DatabaseOptions

    /// The quarter every timing is about: a complete year of data before it.
    static let period = Period.quarter(2025, 4)!

    func validate() throws {
        guard (1...100_000_000).contains(values) else { throw ValidationError("--values: từ 1 đến 100.000.000 / from 1 to 100,000,000.") }
        guard rowsPerFile > 0 else { throw ValidationError("--rows-per-file: lớn hơn 0 / greater than 0.") }
    }

    func run() async throws {
        let set = NationalDataSet(values: values, seed: seed)
        let dir = URL(fileURLWithPath: work ?? NSTemporaryDirectory() + "dxtrack-bench-\(ProcessInfo.processInfo.processIdentifier)")
        var written: [URL] = []
        if !skipImport {
            var clock = Stopwatch()
            written = try set.writeCSV(to: dir, rowsPerFile: rowsPerFile)
            try set.writeUnits(to: dir.appendingPathComponent("units.csv"))
            report("generate_s", clock.lap(), "sinh \(values) giá trị, \(set.units.count) đơn vị / generated \(values) values, \(set.units.count) units in \(written.count) files")
        }
        var options = database
        if options.dataDirectory == nil && options.databaseURL == nil && ProcessInfo.processInfo.environment["DXTRACK_DATABASE_URL"] == nil {
            options.dataDirectory = dir.appendingPathComponent("db").path
        }
        let (total, skipImport, files) = (values, skipImport, written)
        try await options.withMigratedDatabase(logger: makeLogger()) { db in
            var clock = Stopwatch()
            let stored = try await db.read({ try await DataValueStore($0).count() })
            if skipImport {
                guard stored > 0 else { throw ValidationError("--skip-import: cơ sở dữ liệu chưa có số liệu / the database holds no values.") }
            } else {
                guard stored == 0 else {
                    throw ValidationError("Cơ sở dữ liệu đã có số liệu; bench cần cơ sở dữ liệu trống / The database has values; bench needs an empty one.")
                }
                let (plan, targets) = set.plan
                try await db.transaction { sql in
                    try await OrgUnitStore(sql).save(set.units)
                    try await CatalogStore(sql).save(indicators: set.indicators)
                    try await CatalogStore(sql).save(plans: [plan])
                    try await CatalogStore(sql).save(targets: targets)
                }
                _ = clock.lap()
                // The path of `dxtrack import` and of an upload: parse, check every row, write in one
                // transaction per file; as `dxtrack import` does with several files, the next file is
                // parsed while this one is checked and written.
                var perFile: [(values: Int, seconds: Double)] = []
                var fileClock = Stopwatch()
                try await ImportFile.eachRead(files.map(\.path)) { path, parsed in
                    guard parsed.problems.isEmpty else { throw ValidationError("\(path): \(parsed.problems[0])") }
                    try await DataEntry(db).write(parsed.inputs, by: .machineOperator("bench"))
                    perFile.append((parsed.inputs.count, fileClock.lap()))
                    return true
                }
                let importSeconds = clock.lap()
                report("import_s", importSeconds, "nhập CSV qua kiểm tra đầy đủ / CSV import through the full checks")
                report("import_values_per_s", Double(total) / importSeconds, "giá trị/giây / values per second")
                // Whether storing slows as the table grows: the first and the last tenth of the files.
                let tenth = max(1, perFile.count / 10)
                for (key, part) in [("import_start_per_s", perFile.prefix(tenth)), ("import_end_per_s", perFile.suffix(tenth))] {
                    report(key, Double(part.map(\.values).reduce(0, +)) / part.map(\.seconds).reduce(0, +),
                           key.contains("start") ? "giá trị/giây, 1/10 số tệp đầu / values per second, first tenth of the files"
                                                 : "giá trị/giây, 1/10 số tệp cuối / values per second, last tenth of the files")
                }
                // The peer on PostgreSQL: its own COPY of the same rows, in the same run.
                if let peer = try await CopyPeer.rows(db) {
                    _ = clock.lap()
                    try await peer.copy(into: db)
                    let copySeconds = clock.lap()
                    try await CopyPeer.drop(in: db)
                    report("pg_copy_values_per_s", Double(total) / copySeconds, "giá trị/giây, COPY của PostgreSQL / values per second, PostgreSQL's COPY")
                    report("import_to_copy", copySeconds / importSeconds, "tốc độ nhập so với COPY / import speed as a ratio to COPY's")
                    _ = clock.lap()
                }
            }
            try await db.loadValues()
            report("values_load_s", clock.lap(), "nạp mọi giá trị vào bộ nhớ (mỗi tiến trình một lần) / every value loaded into memory (once per process)")
            let analytics = Analytics(db)
            let rollup = try await analytics.rollup(period: Self.period)
            report("rollup_s", clock.lap(), "mọi chỉ tiêu lên toàn bộ cây đơn vị, kỳ \(Self.period.id) / every indicator up the whole hierarchy (\(rollup.units.count) units)")
            report("rollup_cells", Double(rollup.count), "tổ hợp đơn vị × chỉ tiêu / unit × indicator aggregates")
            let progress = try await analytics.progress(unit: "P01", asOf: Self.period)
            report("progress_s", clock.lap(), "tiến độ \(progress.count) mục tiêu của tỉnh P01 / progress on every target of province P01")
            let ranked = try await analytics.rank(indicator: "xa_21", period: Self.period, within: "VN", kinds: [.commune])
            report("ranking_s", clock.lap(), "xếp hạng \(ranked.count) xã cả nước / ranking every commune in the country")
            let today = Self.period.next.start
            _ = try await Dashboard.load(db, unit: "P01", asOf: Self.period, today: today)
            report("dashboard_first_s", clock.lap(), "bảng điều hành tỉnh, lần đầu / province dashboard, first load")
            _ = try await Dashboard.load(db, unit: "P01", asOf: Self.period, today: today)
            report("dashboard_again_s", clock.lap(), "bảng điều hành tỉnh, lần sau / province dashboard, again")
        }
        report("peak_rss_mb", Double(Self.peakRSSKilobytes()) / 1024, "bộ nhớ đỉnh / peak memory (RSS)")
        if work == nil && !skipImport { try? FileManager.default.removeItem(at: dir) }
    }

    private func report(_ key: String, _ value: Double, _ what: String) {
        let figure = String(format: "%.3f", value)
        print(key.padding(toLength: 22, withPad: " ", startingAt: 0) + String(repeating: " ", count: max(0, 14 - figure.count)) + figure + "  " + what)
        print("BENCH \(key)=\(value)")
    }

    static func peakRSSKilobytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss
    }
}

/// Seconds since the last lap.
struct Stopwatch {
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
