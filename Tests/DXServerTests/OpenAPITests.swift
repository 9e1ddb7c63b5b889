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
                .filter { $0.1.hasPrefix("/api") || $0.1 == "/health" || $0.1 == "/openapi.json" }
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
}
