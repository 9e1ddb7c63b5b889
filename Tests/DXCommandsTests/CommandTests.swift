import ArgumentParser
import DXCatalog
@testable import DXCommands
import DXSignature
import DXStorage
import DXTestSupport
import DXDomain
import DXSpreadsheet
import Foundation
import Logging
import Testing

@Suite struct CommandTests {
    @Test func helpIsInVietnameseAndEnglish() {
        let root = Dxtrack.helpMessage()
        #expect(root.contains("Theo dõi chỉ tiêu chuyển đổi số"))
        #expect(root.contains("Track digital-transformation"))
        for sub in ["serve", "migrate", "demo", "catalog"] { #expect(root.contains(sub)) }
        #expect(Serve.helpMessage().contains("Chạy máy chủ web") && Serve.helpMessage().contains("Run the web server"))
        #expect(Serve.helpMessage().contains("--data-dir") && Serve.helpMessage().contains("--database"))
        #expect(Serve.helpMessage().contains("--host") && Serve.helpMessage().contains("--port") && Serve.helpMessage().contains("--demo"))
        #expect(Migrate.helpMessage().contains("Tạo hoặc cập nhật") && Migrate.helpMessage().contains("Create or update"))
        #expect(Demo.helpMessage().contains("Nạp dữ liệu mẫu") && Demo.helpMessage().contains("Load the demo data"))
    }

    @Test func dataDirAndDatabaseExcludeEachOther() {
        #expect(throws: (any Error).self) {
            _ = try Dxtrack.parseAsRoot(["migrate", "--data-dir", "a", "--database", "postgres://u@h/d"])
        }
        #expect(throws: (any Error).self) {
            var cmd = try Migrate.parseAsRoot(["--database", "mysql://u@h/d"]) as! Migrate
            try cmd.validate()
            _ = try cmd.database.location()
        }
    }

    @Test func migrateThenDemoCreatesAWorkingDatabase() async throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var migrate = try Dxtrack.parseAsRoot(["migrate", "--data-dir", dir]) as! any AsyncParsableCommand
        try await migrate.run()
        #expect(FileManager.default.fileExists(atPath: dir + "/dxtrack.sqlite"))
        var demo = try Dxtrack.parseAsRoot(["demo", "--data-dir", dir]) as! any AsyncParsableCommand
        try await demo.run()
        try await demo.run() // idempotent
        let (units, values) = try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await db.read { (try await OrgUnitStore($0).all().count, try await DataValueStore($0).count()) }
        }
        #expect(units == (try CatalogLoader.loadValid(StarterCatalog.path)).units.count)
        #expect(values > 5_000)
    }

    @Test func boundariesImportAllOrNothingAndNameTheFeature() async throws {
        let dir = try await Fixtures.dataDirectory()
        func file(_ codes: [String]) throws -> String {
            let features = codes.map { #"{"type":"Feature","properties":{"code":"\#($0)"},"geometry":{"type":"Polygon","coordinates":[[[106.7,21.8],[106.8,21.8],[106.8,21.9],[106.7,21.8]]]}}"# }
            let path = Fixtures.temporaryDirectory() + ".geojson"
            try #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        var bad = try Dxtrack.parseAsRoot(["boundaries", "import", try file(["178", "KHONG-CO"]), "--data-dir", dir]) as! any AsyncParsableCommand
        await #expect { try await bad.run() } throws: { ($0 as? ExitCode) == ExitCode(1) }
        var good = try Dxtrack.parseAsRoot(["boundaries", "import", try file(["178", "20-STTTT"]), "--data-dir", dir]) as! any AsyncParsableCommand
        try await good.run()
        let saved = try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await db.read { try await BoundaryStore($0).find(codes: ["178", "20-STTTT", "05983"]) }
        }
        #expect(saved.map(\.unitCode).sorted() == ["178", "20-STTTT"], "the refused file wrote nothing; the good one all")
    }

    @Test func catalogCheckExitsWithStatus1OnAProblem() async throws {
        var ok = try Dxtrack.parseAsRoot(["catalog", "check"]) as! any AsyncParsableCommand
        try await ok.run()
        let dir = Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "units:\n  - {code: \"1\", name: \"Xã\", kind: hamlet}\n".write(toFile: dir + "/u.yaml", atomically: true, encoding: .utf8)
        var bad = try Dxtrack.parseAsRoot(["catalog", "check", dir]) as! any AsyncParsableCommand
        await #expect { try await bad.run() } throws: { ($0 as? ExitCode) == ExitCode(1) }
        var badImport = try Dxtrack.parseAsRoot(["catalog", "import", dir, "--data-dir", dir + "/db"]) as! any AsyncParsableCommand
        await #expect { try await badImport.run() } throws: { ($0 as? ExitCode) == ExitCode(1) }
        #expect(!FileManager.default.fileExists(atPath: dir + "/db/dxtrack.sqlite"), "a rejected import must not even create the database")
    }
}

@Suite struct IndexCommandTests {
    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dti-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let csv = """
        unit,main_index,value
        A,nhan_thuc_so,0.5
        A,the_che_so,0.5
        A,ha_tang_so,0.5
        A,nhan_luc_so,0.5
        A,an_toan_thong_tin_mang,0.5
        A,hd_chinh_quyen_so,1
        A,hd_kinh_te_so,"0,2"
        A,hd_xa_hoi_so,0
        B,nhan_thuc_so,0.1
        B,the_che_so,0.1
        B,ha_tang_so,0.1
        B,nhan_luc_so,0.1
        B,an_toan_thong_tin_mang,0.1
        B,hd_chinh_quyen_so,0.1
        B,hd_kinh_te_so,0.1
        B,hd_xa_hoi_so,0.1

        """

    /// Runs the built `dxtrack` and returns what it printed.
    static func dxtrack(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(DxtrackExecutable.path))
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text
    }

    /// Without --values, the approved `dti_…` values of the period are read from the database.
    @Test func readsTheDatabaseWhenNoFileIsGiven() async throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await Migrator(db).migrate()
            _ = try await CatalogImporter(db).import(try CatalogLoader.loadValid(StarterCatalog.path))
            // Lạng Sơn (20) and Sơn La (14), as units A and B of the file above.
            let table = try CSVTable(parsing: Self.csv)
            let inputs = table.rows.map { r in
                DataValueInput(unit: r.fields[0] == "A" ? "20" : "14", indicator: "dti_" + r.fields[1], period: "2023",
                               value: VietnameseNumber.parse(r.fields[2]), numerator: nil, denominator: nil)
            }
            _ = try await DataEntry(db).write(inputs, by: .machineOperator("dieuphoi"))
        }
        let fromDB = try Self.dxtrack(["index", "--framework", "dti-2022", "--period", "2023", "--format", "csv", "--data-dir", dir])
        let fromFile = try Self.dxtrack(["index", "--framework", "dti-2022", "--values", try Self.write(Self.csv), "--format", "csv"])
        #expect(fromDB.hasPrefix("rank,unit,index,cqs,kts,xhs"))
        #expect(fromDB == fromFile.replacingOccurrences(of: ",A,", with: ",20,").replacingOccurrences(of: ",B,", with: ",14,"), "\(fromDB)\n\(fromFile)")
        #expect(try Self.dxtrack(["index", "--framework", "dti-2022", "--period", "2019", "--data-dir", dir]).isEmpty, "no values: an error, not a table")
    }

    @Test(arguments: ["dti-2021", "dti-2022", "dti-2023"])
    func csvOutputHasThePromisedHeaderAndFourDecimals(_ framework: String) throws {
        let report = IndexReport(framework: try IndexFrameworks.named(framework),
                                 ranked: try IndexFrameworks.named(framework).rank(
                                    try IndexFrameworks.readValues(csv: Self.csv, file: "x.csv", framework: try IndexFrameworks.named(framework))))
        #expect(report.render(.csv) == """
            rank,unit,index,cqs,kts,xhs
            1,A,0.4800,0.6429,0.4308,0.3846
            2,B,0.1000,0.1000,0.1000,0.1000
            """)
        #expect(report.render(.table).contains("0,4800"))
    }

    @Test func theCommandRunsAndRefusesBadFiles() async throws {
        let good = try Self.write(Self.csv)
        var ok = try Dxtrack.parseAsRoot(["index", "--framework", "dti-2022", "--values", good, "--format", "json", "--stability"]) as! any AsyncParsableCommand
        try await ok.run()
        let bad = try Self.write("unit,main_index,value\nA,nhan_thuc_so,2\nA,khong_co,0.5\n")
        var refused = try Dxtrack.parseAsRoot(["index", "--framework", "dti-2022", "--values", bad]) as! any AsyncParsableCommand
        await #expect { try await refused.run() } throws: { ($0 as? ExitCode) == ExitCode(1) }
        do {
            _ = try IndexFrameworks.readValues(csv: "unit,main_index,value\nA,nhan_thuc_so,2\nA,khong_co,0.5\n", file: "f.csv",
                                               framework: try IndexFrameworks.named("dti-2022"))
            Issue.record("expected problems")
        } catch let e as CatalogProblems {
            #expect(e.problems.map { "\($0.location.line) \($0.error.field ?? "") \($0.error.code)" } == ["2 value out_of_range", "3 main_index unknown_component"])
        }
        #expect(throws: (any Error).self) { try IndexFrameworks.named("dti-1999") }
        #expect(try IndexFrameworks.named("dti-2020").components.map(\.weight) == [400, 300, 300])
    }
}

@Suite struct ImportCommandTests {
    @Test func importsAllOrNothingAndRecordsItInTheAuditTrail() async throws {
        let dir = try await Fixtures.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func file(_ text: String) throws -> String {
            let path = dir + "/\(UUID().uuidString).csv"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let header = "unit,indicator,period,value,numerator,denominator,comment\n"
        let bad = try file(header + "20-STTTT,cks_phuong_tien,2025Q1,5,,,\n20-STTTT,cks_phuong_tien,2025Q2,-1,,,\n")
        var refuse = try Dxtrack.parseAsRoot(["import", bad, "--data-dir", dir]) as! any AsyncParsableCommand
        await #expect { try await refuse.run() } throws: { ($0 as? ExitCode) == ExitCode(1) }
        let good = try file(header + "20-STTTT,cks_phuong_tien,2025Q1,\"7.776\",,,\n178,cqs_ho_so_cong_viec_truc_tuyen,2025Q2,,\"37,8\",100,\n")
        var dry = try Dxtrack.parseAsRoot(["import", good, "--dry-run", "--data-dir", dir]) as! any AsyncParsableCommand
        try await dry.run()
        var real = try Dxtrack.parseAsRoot(["import", good, "--user", "nhap", "--data-dir", dir]) as! any AsyncParsableCommand
        try await real.run()
        let (values, audit) = try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            (try await db.read { try await DataValueStore($0).values(.init()) }, try await AuditLog.verify(db))
        }
        #expect(values.map { "\($0.unitCode) \($0.value ?? -1) \($0.storedBy ?? "")" } == ["178 37.8 nhap", "20-STTTT 7776.0 nhap"])
        #expect(audit.entries == 1 && audit.firstBad == nil) // one import, one entry
        var verify = try Dxtrack.parseAsRoot(["audit", "verify", "--data-dir", dir]) as! any AsyncParsableCommand
        try await verify.run()
        // A checkpoint under the signing secret (the data directory's own), kept in a file too, and checked.
        try KeySeal.newSecret().write(toFile: dir + "/signing-secret", atomically: true, encoding: .utf8)
        let kept = dir + "/checkpoints.txt"
        var checkpoint = try Dxtrack.parseAsRoot(["audit", "checkpoint", "--out", kept, "--data-dir", dir]) as! any AsyncParsableCommand
        try await checkpoint.run()
        #expect(try String(contentsOfFile: kept, encoding: .utf8).hasPrefix("dxtrack-audit-checkpoint/1 seq=1 "))
        var withKept = try Dxtrack.parseAsRoot(["audit", "verify", "--checkpoints", kept, "--data-dir", dir]) as! any AsyncParsableCommand
        try await withKept.run()
        // A value changed in the database itself is found.
        _ = try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await db.transaction { try await $0.raw("UPDATE stored_values SET value = 1").run() }
        }
        var tampered = try Dxtrack.parseAsRoot(["audit", "verify", "--data-dir", dir]) as! any AsyncParsableCommand
        await #expect { try await tampered.run() } throws: { ($0 as? ExitCode) == ExitCode(1) }
    }

    /// The template as XLSX, filled in by openpyxl as a spreadsheet program would, imported.
    @Test func importsTheXLSXTemplateFilledInElsewhere() async throws {
        let dir = try await Fixtures.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rows = ValueFile.templateRows(form: Fixtures.form, indicators: [:], units: ["20-STTTT"], period: try DXDomain.Period("2025Q1"))
        let template = dir + "/mau.xlsx", filled = dir + "/da-dien.xlsx", wrong = dir + "/sai.xlsx"
        try Data(try XLSXWriter.workbook([XLSXWriter.Sheet(name: "Số liệu", rows: rows.map { $0.map { .text($0) } })])).write(to: URL(fileURLWithPath: template))
        _ = try Python.run("""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.active
            ws["E2"] = 37.8; ws["F2"] = 100; ws["D3"] = 7776
            wb.save(sys.argv[2])
            ws["F2"] = 10; ws["D3"] = "nhiều"
            wb.save(sys.argv[3])
            """, [template, filled, wrong])
        var refuse = try Dxtrack.parseAsRoot(["import", wrong, "--data-dir", dir]) as! any AsyncParsableCommand
        await #expect { try await refuse.run() } throws: { ($0 as? ExitCode) == ExitCode(1) }
        var real = try Dxtrack.parseAsRoot(["import", filled, "--data-dir", dir]) as! any AsyncParsableCommand
        try await real.run()
        let values = try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await db.read { try await DataValueStore($0).values(.init()) }
        }
        #expect(values.map { "\($0.indicatorCode) \($0.value ?? -1)" } == ["cks_phuong_tien 7776.0", "cqs_ho_so_cong_viec_truc_tuyen 37.8"])
    }

    /// Several files: each whole or not at all, in turn, stopping at the first with problems.
    @Test func importsSeveralFilesInTurnAndStopsAtTheFirstWithProblems() async throws {
        let dir = try await Fixtures.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let header = "unit,indicator,period,value,numerator,denominator,comment\n"
        func file(_ name: String, _ rows: String) throws -> String {
            try (header + rows).write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
            return dir + "/" + name
        }
        let first = try file("1.csv", "20-STTTT,cks_phuong_tien,2025Q1,5,,,\n")
        let bad = try file("2.csv", "20-STTTT,cks_phuong_tien,2025Q2,5,,,\n20-STTTT,cks_phuong_tien,2025Q3,-1,,,\n")
        let never = try file("3.csv", "20-STTTT,cks_phuong_tien,2025Q4,5,,,\n")
        var run = try Dxtrack.parseAsRoot(["import", first, bad, never, "--data-dir", dir]) as! any AsyncParsableCommand
        await #expect { try await run.run() } throws: { ($0 as? ExitCode) == ExitCode(1) }
        let periods = try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await db.read { try await DataValueStore($0).values(.init()) }.map(\.period.id)
        }
        #expect(periods == ["2025Q1"])
    }

    @Test func problemsInAWorkbookNameTheCell() throws {
        let table = CSVTable(header: ValueFile.columns, rows: [CSVTable.Row(line: 7, fields: ["20", "x", "2025Q1", "nhiều"])])
        let problem = try #require(ValueFile.read(table: table).problems.first)
        #expect(problem.cell == "D7" && problem.column == "value")
        #expect(problem.description.hasPrefix("dòng/row 7, cột/column value, ô/cell D7: "))
    }
}

@Suite struct ProgressCommandTests {
    @Test func judgesTheDemoProvince() async throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await Migrator(db).migrate()
            _ = try await DemoData.load(db, through: try DXDomain.Period("2026Q3"))
        }
        let command = try Dxtrack.parseAsRoot(["progress", "--unit", "20", "--period", "2026Q3", "--format", "csv", "--data-dir", dir]) as! ProgressCommand
        let results = try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await Analytics(db).progress(unit: "20", asOf: try DXDomain.Period("2026Q3"))
        }
        // The same table as a workbook: numbers as numbers, periods as text.
        let book = Python.temporary("tien-do.xlsx")
        defer { try? FileManager.default.removeItem(atPath: book) }
        let exe = try #require(DxtrackExecutable.path)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["progress", "--unit", "20", "--period", "2026Q3", "--format", "xlsx", "--data-dir", dir]
        #expect(FileManager.default.createFile(atPath: book, contents: nil))
        p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: book))
        try p.run()
        p.waitUntilExit()
        let cells = try Python.run("""
            import sys, json, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1]).active
            print(json.dumps([type(c.value).__name__ for c in ws[2]][:8]))
            """, [book])
        #expect(cells.contains(#"["str", "str", "str", "str", "str", "float""#), "\(cells)")
        let csv = command.render(results)
        #expect(csv.hasPrefix("target,indicator,horizon,status,method,threshold,latest_period,latest,projection,schedule_ratio,cagr_ratio"))
        // Lạng Sơn's own plans only, every one of their targets.
        #expect(results.count == 52)
        #expect(!results.contains { $0.target.code.hasPrefix("SL-") })
        // The seeds' facts hold: all import-export enterprises on the digital border gate in 2022.
        #expect(results.first { $0.target.code == "LS-CT-2022.c1" }?.assessment.status == .met)
        #expect(Set(results.map(\.assessment.status)).isSuperset(of: [.met, .missed]))
    }
}
