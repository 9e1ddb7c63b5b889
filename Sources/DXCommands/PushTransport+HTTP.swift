import DXStorage
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A push over HTTP(S) with URLSession: HTTP Basic with the target's account and the
/// password in `DXTRACK_PUSH_PASSWORD`, or a token in `DXTRACK_PUSH_TOKEN` (Bearer).
struct HTTPPushTransport: PushTransport {
    let authorization: String?

    init(user: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let user {
            authorization = "Basic " + Data("\(user):\(environment["DXTRACK_PUSH_PASSWORD"] ?? "")".utf8).base64EncodedString()
        } else {
            authorization = environment["DXTRACK_PUSH_TOKEN"].map { "Bearer \($0)" }
        }
    }

    func send(_ method: String, _ url: String, query: [(String, String)], json: [UInt8]?) async throws -> (status: Int, body: [UInt8]) {
        guard var parts = URLComponents(string: url) else { throw URLError(.badURL) }
        if !query.isEmpty { parts.queryItems = (parts.queryItems ?? []) + query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        guard let address = parts.url else { throw URLError(.badURL) }
        var request = URLRequest(url: address)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let json {
            request.httpBody = Data(json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, Array(data))
    }
}
