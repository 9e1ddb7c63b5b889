import CompressNIO
import Hummingbird
import NIOConcurrencyHelpers

/// Answers compressed with gzip when the client accepts it: pages, styles, scripts, JSON, CSV
/// and SVG, which shrink twenty-fold or more (a commune's phone on a weak connection downloads
/// the home page's 3 MB as some 120 KB). Files already compressed (XLSX, ZIP, PDF, images) and
/// streamed answers of unknown length (large exports) go as they are; so does anything under 1 KiB.
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    static var smallest: Int { 1024 }
    /// The answer is held in memory to be compressed: pages and API answers, not bulk exports.
    static var largest: Int { 32 << 20 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard request.method != .head, Self.acceptsGzip(request.headers[.acceptEncoding]),
              response.headers[.contentEncoding] == nil, Self.isCompressible(response.headers[.contentType]),
              let length = response.body.contentLength, (Self.smallest...Self.largest).contains(length) else {
            return response
        }
        let kept = Collected()
        try await response.body.write(kept.writer)
        var plain = kept.buffer
        let compressed = try plain.compress(with: ZlibAlgorithm.gzip)
        response.headers[.contentEncoding] = "gzip"
        response.headers[.vary] = [response.headers[.vary], "Accept-Encoding"].compactMap { $0 }.joined(separator: ", ")
        response.body = ResponseBody(byteBuffer: compressed)
        return response
    }

    /// `gzip` (or `*`) named in `Accept-Encoding` without `q=0`.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let name = parts.first, name == "gzip" || name == "*" else { continue }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if q > 0 { return true }
        }
        return false
    }

    static func isCompressible(_ type: String?) -> Bool {
        guard let type = type?.lowercased() else { return false }
        return type.hasPrefix("text/") || type.hasPrefix("application/json") || type.hasPrefix("application/problem+json")
            || type.hasPrefix("application/javascript") || type.hasPrefix("image/svg+xml") || type.hasPrefix("application/geo+json")
            || type.hasPrefix("application/ld+json") || type.hasPrefix("application/xml")
    }
}

/// The bytes of an answer's body, as it writes them.
private final class Collected: Sendable {
    private let box = NIOLockedValueBox(ByteBuffer())
    var buffer: ByteBuffer { box.withLockedValue { $0 } }

    var writer: some ResponseBodyWriter { Writer(into: self) }

    private struct Writer: ResponseBodyWriter {
        let into: Collected
        mutating func write(_ buffer: ByteBuffer) async throws {
            into.box.withLockedValue { var b = buffer; $0.writeBuffer(&b) }
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
