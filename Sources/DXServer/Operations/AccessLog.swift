import DXDomain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Who is really calling: the connection's peer, or, when that peer is a proxy the
/// configuration trusts (`trusted-proxies`), the address it says it forwards for
/// (`X-Forwarded-For`, read from the right, skipping the trusted hops). An address a
/// client wrote itself is never believed from an untrusted peer.
public struct TrustedProxies: Sendable, Hashable {
    public var addresses: Set<String>

    public init(_ addresses: [String] = []) { self.addresses = Set(addresses) }

    func client(peer: String?, forwardedFor: String?) -> String? {
        guard let peer, addresses.contains(peer), let chain = forwardedFor else { return peer }
        let hops = chain.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.reversed().first { !addresses.contains($0) } ?? hops.first ?? peer
    }
}

/// One line per request, after its answer: its id, method, route (the pattern matched,
/// never the query, which may hold what people searched for), status, time taken and the
/// client's address. The id is the proxy's `X-Request-Id` when it sent a sane one, else
/// a new one; it goes back in the answer and on every line logged for the request.
/// Nothing else of the request is logged: no password, token, cookie or body.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let proxies: TrustedProxies

    static let requestID = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let sent = request.headers[Self.requestID].flatMap { id in
            id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } ? id : nil
        }
        let id = sent ?? String(UUID().uuidString.prefix(13)).lowercased()
        context.logger[metadataKey: "request"] = .string(id)
        context.client = proxies.client(peer: context.remoteAddress?.ipAddress, forwardedFor: request.headers[.xForwardedFor])
        let client = context.client ?? "-"
        let start = ContinuousClock.now
        func line(_ status: Int) {
            let ms = (ContinuousClock.now - start).components
            let elapsed = Double(ms.seconds) * 1000 + Double(ms.attoseconds) / 1e15
            context.logger.info("request", metadata: [
                "method": .string(request.method.rawValue), "route": .string(context.endpointPath ?? request.uri.path),
                "status": .stringConvertible(status), "ms": .string(String(format: "%.1f", elapsed)), "client": .string(client),
            ])
        }
        do {
            var response = try await next(request, context)
            response.headers[Self.requestID] = id
            line(Int(response.status.code))
            return response
        } catch {
            line(Int((error as? any HTTPResponseError)?.status.code ?? 500))
            throw error
        }
    }
}
