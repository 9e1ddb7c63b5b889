import DXDomain
@testable import DXServer
import DXStorage
import DXTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// How the DHIS2 door reads a path: its version, its suffix, and when `/api/indicators`
/// is DHIS2's rather than dxtrack's own.
@Suite struct DHIS2DoorTests {
    @Test func versionsAndSuffixesAreReadAndTheRestLeftAlone() {
        let a = DHIS2Call.read(path: "/api/40/dataValueSets.csv")
        #expect(a?.path == "/api/dataValueSets" && a?.suffix == .accept("application/csv") && a?.call.version == 40)
        #expect(a?.call.answersAsWebMessage == true && DHIS2Call.read(path: "/api/37/dataValueSets")?.call.answersAsWebMessage == false)
        #expect(DHIS2Call.read(path: "/api/organisationUnits/AbCdEfGhIjK.json")?.path == "/api/organisationUnits/AbCdEfGhIjK")
        #expect(DHIS2Call.read(path: "/api/organisationUnits.csv")?.suffix == .unsupported)
        #expect(DHIS2Call.read(path: "/api/28/organisationUnits") == nil && DHIS2Call.read(path: "/api/43/me") == nil, "versions 29–42 only")
        #expect(DHIS2Call.read(path: "/api/org-units") == nil && DHIS2Call.read(path: "/open-data/x.json") == nil, "dxtrack's own routes")
        // `/api/indicators` is dxtrack's list unless the call is DHIS2's.
        #expect(DHIS2Call.read(path: "/api/indicators") == nil)
        #expect(DHIS2Call.read(path: "/api/indicators", query: ["fields"])?.path == "/api/dhis2/indicators")
        #expect(DHIS2Call.read(path: "/api/41/indicators")?.path == "/api/dhis2/indicators")
        #expect(DHIS2Call.read(path: "/api/indicators.json")?.path == "/api/dhis2/indicators")
    }

    /// Behind HTTPS the addresses a client is given say so.
    @Test func behindHTTPSTheContextPathIsHTTPS() async throws {
        try await TestBackend.sqlite.withDatabase { db in
            try await Fixtures.load(into: db)
            let app = buildApplication(ServerConfiguration(secureCookies: true, bcryptCost: 4), db: db, logger: Logger(label: "t"))
            try await app.test(.router) { client in
                let r = try await client.execute(uri: "/api/system/info.json", method: .get, headers: [.init("Host")!: "dxtrack.tinh.gov.vn"])
                let info = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: r.body))
                #expect(info["contextPath"]?.text?.hasPrefix("https://") == true, "\(String(describing: info["contextPath"]))")
            }
        }
    }
}
