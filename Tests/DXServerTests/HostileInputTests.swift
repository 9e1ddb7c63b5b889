import DXDomain
import DXServer
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Random and mutated requests to every route: answers are 2xx–4xx, never a server error.
@Suite struct HostileInputTests {
    static let seeds = [
        #"{"values":[{"unit":"20-STTTT","indicator":"cks_phuong_tien","period":"2025Q1","value":3}]}"#,
        #"{"version":0,"values":[{"indicator":"cqs_ho_so_cong_viec_truc_tuyen","numerator":1,"denominator":2}]}"#,
        #"{"version":1,"reason":"lý do"}"#,
    ]
    static let routes: [(HTTPRequest.Method, String)] = [
        (.post, "/api/data-values"), (.put, "/api/reports/F/20-STTTT/2025Q1"), (.post, "/api/reports/F/20-STTTT/2025Q1/submit"),
        (.post, "/api/reports/F/20-STTTT/2025Q1/approve"), (.post, "/reports/F/20-STTTT/2025Q1"), (.post, "/login"),
    ]
    static let gets = ["/api/data-values?unit=", "/api/periods/", "/api/periods?type=Quarterly&from=", "/api/org-units/",
                       "/api/obligations?form=F&period=", "/api/reports/F/20-STTTT/", "/reports/F/"]

    @Test func mutatedRequestsNeverCauseAServerError() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            var rng = SplitMix64(seed: 500)
            let junk = Array("{}[]\":,0123456789.-eE nulltrufas\\\u{0}ưĐ%&=?/")
            for i in 0..<600 {
                var body = Array(Self.seeds[i % Self.seeds.count].utf8)
                for _ in 0..<Int.random(in: 1...5, using: &rng) {
                    let at = Int.random(in: 0..<body.count, using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: body[at] = Array(String(junk.randomElement(using: &rng)!).utf8)[0]
                    case 1: body.removeSubrange(at..<min(body.count, at + Int.random(in: 1...12, using: &rng)))
                    default: body.insert(contentsOf: body[at..<min(body.count, at + 10)], at: at)
                    }
                    if body.isEmpty { body = [0x7B] }
                }
                let (method, uri) = Self.routes[i % Self.routes.count]
                let user = ["admin", "reporter", "approver", "ward-reporter"][i % 4]
                var headers = tokens.json(user)
                if uri.hasPrefix("/reports") || uri == "/login" { headers[.contentType] = "application/x-www-form-urlencoded" }
                let r = try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: body))
                #expect(r.status.code < 500, "\(method) \(uri) with \(String(decoding: body, as: UTF8.self)): \(r.status)")
            }
            for i in 0..<400 {
                let tail = String((0..<Int.random(in: 0...12, using: &rng)).map { _ in junk.randomElement(using: &rng)! })
                let uri = Self.gets[i % Self.gets.count] + (tail.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                let r = try await client.execute(uri: uri, method: .get, headers: tokens["leader"])
                #expect(r.status.code < 500, "GET \(uri): \(r.status)")
            }
        }
    }
}
