import DXDomain
@testable import DXServer
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `/api/dataValueSets` as a DHIS2 client uses it.
@Suite struct DataValueSetAPITests {
    static let set = #"""
    {"dataSet": "F", "period": "2025Q1", "orgUnit": "20-STTTT", "dataValues": [
      {"dataElement": "cks_phuong_tien", "value": "7776"},
      {"dataElement": "cqs_ho_so_cong_viec_truc_tuyen", "categoryOptionCombo": "NUMERATOR", "value": "378"},
      {"dataElement": "cqs_ho_so_cong_viec_truc_tuyen", "categoryOptionCombo": "DENOMINATOR", "value": "1000"},
      {"dataElement": "cks_phuong_tien", "orgUnit": "05983", "period": "2025Q3", "value": "5"},
      {"dataElement": "cks_phuong_tien", "orgUnit": "20-STTTT", "period": "2025Q2", "value": "-3"}
    ]}
    """#

    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    static func summary(_ r: TestResponse) throws -> (status: String, count: [String: Int], conflicts: [ImportSummaryView.Conflict]) {
        let s = try decode(ImportSummaryView.self, r).response, c = s.importCount
        return (s.status, ["imported": c.imported, "updated": c.updated, "ignored": c.ignored, "deleted": c.deleted], s.conflicts)
    }

    @Test(arguments: TestBackend.available)
    func importsWithDHIS2sSummaryAndConflicts(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            var headers = tokens["reporter"]
            headers[.contentType] = "application/json"
            let dry = try await client.execute(uri: "/api/dataValueSets?dryRun=true", method: .post, headers: headers, body: ByteBuffer(string: Self.set))
            // Counted in rows, as DHIS2 does: the fraction's two rows are two data values.
            #expect(try Self.summary(dry).count == ["imported": 3, "updated": 0, "ignored": 2, "deleted": 0])
            #expect(try await db.read { try await DataValueStore($0).count() } == 0, "a dry run writes nothing")

            let r = try await client.execute(uri: "/api/dataValueSets", method: .post, headers: headers, body: ByteBuffer(string: Self.set))
            // Some rows refused: 409, as DHIS2 from 2.38 answers; the others are written.
            #expect(r.status == .conflict)
            let (status, count, conflicts) = try Self.summary(r)
            #expect(status == "WARNING" && count == ["imported": 3, "updated": 0, "ignored": 2, "deleted": 0])
            // The ward is not the department reporter's; a negative count is refused: both named with their rows.
            #expect(conflicts.count == 2 && conflicts.contains { $0.errorCode == "forbidden" })
            #expect(Set(conflicts.flatMap(\.indexes)) == [3, 4])
            #expect(try await db.read { try await DataValueStore($0).count() } == 2)

            // Again: updates; with CREATE, existing values are ignored.
            let again = try await client.execute(uri: "/api/dataValueSets", method: .post, headers: headers, body: ByteBuffer(string: Self.set))
            #expect(try Self.summary(again).count["updated"] == 3)
            let create = try await client.execute(uri: "/api/dataValueSets?importStrategy=CREATE", method: .post, headers: headers, body: ByteBuffer(string: Self.set))
            #expect(try Self.summary(create).count == ["imported": 0, "updated": 0, "ignored": 5, "deleted": 0])
            // Under idScheme=UID a code names nothing: every row is refused, naming what it sent.
            let uid = try await client.execute(uri: "/api/dataValueSets?idScheme=UID", method: .post, headers: headers, body: ByteBuffer(string: Self.set))
            #expect(uid.status == .conflict)
            let strict = try Self.summary(uid)
            #expect(strict.status == "ERROR" && strict.conflicts.map(\.object) == ["F", "20-STTTT"])
            #expect(strict.conflicts.allSatisfy { $0.errorCode == "unknown_uid" && $0.indexes == [0, 1, 2, 3, 4] })
            let name = try await client.execute(uri: "/api/dataValueSets?idScheme=NAME", method: .post, headers: headers, body: ByteBuffer(string: Self.set))
            #expect(name.status == .unprocessableContent)
        }
    }

    @Test(arguments: TestBackend.available)
    func exportsRoundTripInJSONCSVAndADX(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            try await DataEntry(db).write([
                Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q1", value: 7776),
                Fixtures.input("20-STTTT", Fixtures.workRecords.code, "2025Q1", numerator: 378, denominator: 1000),
                Fixtures.input("05983", Fixtures.vehicles.code, "2025Q3", value: 5),
            ], by: .machineOperator("seed"))
            var exported: [String: ByteBuffer] = [:]
            for accept in ["application/json", "application/csv", "application/adx+xml"] {
                var h = tokens["coordinator"]
                h[.accept] = accept
                let r = try await client.execute(uri: "/api/dataValueSets?orgUnit=20&children=true", method: .get, headers: h)
                #expect(r.status == .ok && r.headers[.contentType]?.hasPrefix(accept) == true, "\(accept)")
                exported[accept] = r.body
            }
            #expect(String(buffer: exported["application/adx+xml"]!).contains(#"period="2025-01-01/P3M""#))
            let rows = try JSONDecoder().decode(DataValueSet.self, from: Data(buffer: exported["application/json"]!)).dataValues
            #expect(rows.count == 4, "a fraction is two rows")
            // A reader sees only their subtree.
            let ward = try await client.execute(uri: "/api/dataValueSets?orgUnit=20&children=true", method: .get, headers: tokens["ward-reporter"])
            #expect(ward.status == .forbidden)
            // Each export imports back (as updates of the same values) with no conflict.
            for (type, body) in exported {
                var h = tokens["coordinator"]
                h[.contentType] = type
                let r = try await client.execute(uri: "/api/dataValueSets", method: .post, headers: h, body: body)
                let (status, count, conflicts) = try Self.summary(r)
                #expect(status == "SUCCESS" && count["updated"] == 4 && conflicts.isEmpty, "\(type): \(conflicts)")
            }
        }
    }

    @Test func dhis2ClientsSignInWithHTTPBasic() async throws {
        try await withApp(.sqlite) { client, _, _ in
            let ok = try await client.execute(uri: "/api/dataValueSets?orgUnit=20-STTTT", method: .get,
                                              headers: [.authorization: Self.basic("reporter", "mat-khau-reporter")])
            #expect(ok.status == .ok)
            let wrong = try await client.execute(uri: "/api/dataValueSets?orgUnit=20-STTTT", method: .get,
                                                 headers: [.authorization: Self.basic("reporter", "sai")])
            #expect(wrong.status == .unauthorized)
            let malformed = try await client.execute(uri: "/api/dataValueSets", method: .post,
                                                     headers: [.authorization: Self.basic("reporter", "mat-khau-reporter"), .contentType: "application/adx+xml"],
                                                     body: ByteBuffer(string: "<adx><group"))
            #expect(malformed.status == .badRequest)
            for (type, body) in [("application/json", #"{"dataValues": [{"value": "1"}"#), ("application/csv", "\"a,b\n")] {
                let r = try await client.execute(uri: "/api/dataValueSets", method: .post,
                                                 headers: [.authorization: Self.basic("reporter", "mat-khau-reporter"), .contentType: type],
                                                 body: ByteBuffer(string: body))
                #expect(r.status == .badRequest, "\(type)")
            }
        }
    }

    /// Registering a report complete submits it by the report's own rules; what cannot be
    /// registered is a conflict naming the report's unit or form, and counts once.
    @Test(arguments: TestBackend.available)
    func completeRegistrationsSubmitOrSayWhyNot(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            let body = #"""
            {"completeDataSetRegistrations": [
              {"dataSet": "F", "period": "2025Q1", "organisationUnit": "20-STTTT"},
              {"dataSet": "F", "period": "2025Q1", "organisationUnit": "05983"},
              {"dataSet": "F", "period": "2025Q1", "organisationUnit": "20-STTTT", "completed": false}
            ]}
            """#
            let r = try await client.execute(uri: "/api/completeDataSetRegistrations", method: .post, headers: tokens.json("reporter"), body: ByteBuffer(string: body))
            #expect(r.status == .conflict)
            let (status, count, conflicts) = try Self.summary(r)
            // The department's report has no figures yet: it cannot be sent; the ward is not the reporter's; nothing is taken back.
            #expect(status == "ERROR" && count["imported"] == 0 && count["ignored"] == 3, "\(count)")
            #expect(conflicts.contains { $0.object == "05983" && $0.errorCode == "forbidden" })
            #expect(conflicts.contains { $0.object == "F" && $0.errorCode == "cannot_uncomplete" && $0.indexes == [2] })
            #expect(conflicts.contains { $0.object == "F" && $0.indexes == [0] })
            #expect(try await Submissions(db, clock: Fixtures.clock).report(form: "F", unit: "20-STTTT", period: try Period("2025Q1"),
                                                                            today: Fixtures.today).status == .notStarted)
        }
}

/// Tables downloaded as XLSX (real numbers with formats) and CSV.
@Suite struct TableDownloadTests {
    @Test func valuesAndObligationsDownloadAsWorkbooksWithRealNumbers() async throws {
        try await withApp(.sqlite) { client, db, tokens in
            try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.workRecords.code, "2025Q1", numerator: 378, denominator: 1000),
                                           Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q1", value: 7776)], by: .machineOperator("seed"))
            let path = Python.temporary("so-lieu.xlsx"), obligations = Python.temporary("bao-cao.xlsx")
            defer { for p in [path, obligations] { try? FileManager.default.removeItem(atPath: p) } }
            let r = try await client.execute(uri: "/api/data-values?unit=20-STTTT&format=xlsx", method: .get, headers: tokens["leader"])
            #expect(r.status == .ok && r.headers[.contentDisposition]?.contains("so-lieu.xlsx") == true)
            try Data(buffer: r.body).write(to: URL(fileURLWithPath: path))
            let o = try await client.execute(uri: "/api/obligations?form=F&period=2025Q1&format=xlsx", method: .get, headers: tokens["coordinator"])
            try Data(buffer: o.body).write(to: URL(fileURLWithPath: obligations))
            let out = try Python.run("""
                import json, sys, openpyxl
                ws = openpyxl.load_workbook(sys.argv[1]).active
                rows = [[c.value for c in r] for r in ws.iter_rows()]
                fmt = {r[2].value: r[5].number_format for r in ws.iter_rows(min_row=2)}
                ob = openpyxl.load_workbook(sys.argv[2]).active
                print(json.dumps({"header": rows[0], "values": {r[2]: r[5] for r in rows[1:]}, "formats": fmt, "bold": ws["A1"].font.b,
                                  "frozen": ws.freeze_panes, "deadline": str(type(ob["D2"].value).__name__), "deadlineFormat": ob["D2"].number_format},
                                 ensure_ascii=False))
                """, [path, obligations])
            let book = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
            #expect((book["header"] as? [String])?.prefix(6) == ["Mã đơn vị", "Đơn vị", "Mã chỉ tiêu", "Chỉ tiêu", "Kỳ", "Giá trị"])
            let values = book["values"] as? [String: Double] ?? [:]
            #expect(values["cqs_ho_so_cong_viec_truc_tuyen"].map { abs($0 - 0.378) < 1e-9 } == true, "37,8% stored as the number 0.378")
            #expect(values["cks_phuong_tien"] == 7776)
            #expect((book["formats"] as? [String: String])?["cqs_ho_so_cong_viec_truc_tuyen"] == "0.0%")
            #expect(book["bold"] as? Bool == true && book["frozen"] as? String == "A2")
            #expect(book["deadline"] as? String == "datetime" && book["deadlineFormat"] as? String == "dd/mm/yyyy")
            let csv = try await client.execute(uri: "/api/data-values?unit=20-STTTT&format=csv", method: .get, headers: tokens["leader"])
            #expect(String(buffer: csv.body).contains("20-STTTT,Sở Thông tin và Truyền thông,cks_phuong_tien,Số phương tiện qua nền tảng cửa khẩu số,2025Q1,7776,"))
        }
    }
}

/// `GET /api/aggregate`: a subtree and a period, restated across the 2025 reorganisation.
@Suite struct AggregateAPITests {
    @Test(arguments: TestBackend.available)
    func aWardsHistoryComesFromItsDistrictsShare(_ backend: TestBackend) async throws {
        try await withApp(backend) { client, db, tokens in
            // District 178 (until 30/06/2025) reported 100 vehicles a quarter; ward 05983 took 40% of it.
            try await DataEntry(db).write(["2024Q1", "2024Q2", "2024Q3", "2024Q4"].map {
                Fixtures.input("178", Fixtures.vehicles.code, $0, value: 100)
            } + [Fixtures.input("05983", Fixtures.vehicles.code, "2025Q3", value: 50)], by: .machineOperator("seed"))
            func get(_ query: String) async throws -> AggregateView {
                try decode(AggregateView.self, try await client.execute(uri: "/api/aggregate?indicator=cks_phuong_tien&" + query, method: .get,
                                                                        headers: tokens["coordinator"]))
            }
            #expect(try await get("unit=05983&period=2024").value == nil, "without restatement the ward has no 2024")
            let restated = try await get("unit=05983&period=2024&restate=true")
            #expect(restated.value == 160, "4 quarters × 100 × 0,4")
            #expect(restated.restated.count == 4 && restated.restated.first?.methodVi.contains("178 → 05983 (tách") == true)
            // The province counts the district itself; restating never counts it twice.
            #expect(try await get("unit=20&period=2024&restate=true").value == 400)
            #expect(try await get("unit=05983&period=2025&restate=true").value == 50, "the ward's own quarter")
            let forbidden = try await client.execute(uri: "/api/aggregate?indicator=cks_phuong_tien&unit=20&period=2024", method: .get,
                                                     headers: tokens["ward-reporter"])
            #expect(forbidden.status == .forbidden)
        }
    }
    }
}
