import DXServer
import DXStorage
import DXTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct OpenAPITests {
    /// Every JSON route the router has is in the document, and the document lists no route that does not exist.
    @Test func theDocumentDescribesExactlyTheRegisteredAPIRoutes() async throws {
        let registered = try await TestBackend.sqlite.withDatabase(migrated: false) { db in
            Set(buildRouter(ServerConfiguration(), db: db).routes
                .map { ($0.method.rawValue.lowercased(), "\($0.path)") }
                .filter { $0.1.hasPrefix("/api") || $0.1 == "/health" || $0.1 == "/ready" || $0.1 == "/openapi.json" }
                .map { "\($0.0) \($0.1)" })
        }
        let doc = try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.data)) as? [String: Any] ?? [:]
        #expect(doc["openapi"] as? String == "3.1.0")
        let paths = doc["paths"] as? [String: [String: Any]] ?? [:]
        let documented = Set(paths.flatMap { path, ops in ops.keys.map { "\($0) \(path)" } })
        #expect(registered.subtracting(documented).isEmpty, "undocumented: \(registered.subtracting(documented).sorted())")
        #expect(documented.subtracting(registered).isEmpty, "documented but missing: \(documented.subtracting(registered).sorted())")
    }

    @Test func itIsServed() async throws {
        try await withApp(.sqlite) { client, _, _ in
            let r = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(r.status == .ok)
            #expect(String(buffer: r.body).contains("\"openapi\": \"3.1.0\""))
        }
    }

    /// One key style: every key the document describes is camelCase, but the snake_case names
    /// answers had before, each marked deprecated beside its camelCase twin.
    @Test func everyKeyIsCamelCaseOrADeprecatedTwin() throws {
        let doc = try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.data))
        var offenders: [String] = []
        func walk(_ node: Any, _ path: String) {
            if let object = node as? [String: Any] {
                if let properties = object["properties"] as? [String: Any] {
                    for (key, schema) in properties where key.contains("_") {
                        let twin = key.split(separator: "_").enumerated().map { $0 == 0 ? String($1) : $1.prefix(1).uppercased() + $1.dropFirst() }.joined()
                        let deprecated = (schema as? [String: Any])?["deprecated"] as? Bool == true
                        if !deprecated || properties[twin] == nil { offenders.append("\(path).\(key)") }
                    }
                }
                for (key, value) in object { walk(value, path + "/" + key) }
            } else if let array = node as? [Any] {
                for value in array { walk(value, path) }
            }
        }
        walk(doc, "")
        #expect(offenders.isEmpty, "keys neither camelCase nor a deprecated twin: \(offenders.sorted())")
    }

    /// A deprecated key says what its camelCase twin says, in the answers themselves.
    @Test func theDeprecatedTwinsSayWhatTheCamelCaseKeysSay() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            let period = try json(try await client.execute(uri: "/api/periods/2025Q1", method: .get))
            #expect(period["nameVi"] as? String == "Quý 1/2025" && period["name_vi"] as? String == period["nameVi"] as? String)
            #expect(period["sameLastYear"] as? String == "2024Q1" && period["same_last_year"] as? String == "2024Q1")
            let report = try json(try await client.execute(uri: "/api/reports/F/20-STTTT/2025Q1", method: .get, headers: tokens["reporter"]))
            for (camel, snake) in [("statusVi", "status_vi"), ("timelinessVi", "timeliness_vi"), ("approvedLevels", "approved_levels")] {
                #expect(report[camel] != nil && "\(report[camel]!)" == "\(report[snake] ?? "")", "\(camel)")
            }
            let problem = try problems(try await client.execute(uri: "/api/periods/2025Q9", method: .get))
            #expect(problem.first?.messageEn != nil && problem.first?.messageEn == problem.first?.message_en)
        }
    }
}
