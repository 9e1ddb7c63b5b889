import CompressNIO
import DXDomain
@testable import DXServer
import DXTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Answers go gzip-compressed to clients that accept it, and read back to the same bytes.
@Suite struct CompressionTests {
    @Test func pagesAndJSONGoCompressedAndReadBackTheSame() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            for (uri, headers) in [("/", HTTPFields()), ("/openapi.json", HTTPFields()), ("/static/app.css", HTTPFields()),
                                   ("/dashboard?unit=20&period=2025Q1", tokens["leader"])] {
                let plain = try await client.execute(uri: uri, method: .get, headers: headers)
                var asked = headers
                asked[.acceptEncoding] = "br;q=1.0, gzip;q=0.8, *;q=0.1"
                let packed = try await client.execute(uri: uri, method: .get, headers: asked)
                #expect(plain.headers[.contentEncoding] == nil, "\(uri)")
                #expect(packed.headers[.contentEncoding] == "gzip" && packed.headers[.vary]?.contains("Accept-Encoding") == true, "\(uri)")
                var body = packed.body
                let unpacked = try body.decompress(with: ZlibAlgorithm.gzip)
                #expect(unpacked == plain.body, "\(uri)")
                #expect(packed.body.readableBytes * 2 < plain.body.readableBytes, "\(uri): \(packed.body.readableBytes) of \(plain.body.readableBytes)")
            }
        }
    }

    @Test func whatCannotGainOrIsRefusedGoesAsItIs() async throws {
        try await withApp(.sqlite) { client, _, tokens in
            // Refused by the client, too small, or a file compressed already.
            for (uri, encoding) in [("/", "gzip;q=0, identity"), ("/", "br"), ("/health", "gzip"),
                                    ("/dashboard?unit=20&period=2025Q1&table=bao-cao&format=xlsx", "gzip")] {
                var headers = tokens["leader"]
                headers[.acceptEncoding] = encoding
                let r = try await client.execute(uri: uri, method: .get, headers: headers)
                #expect(r.status == .ok && r.headers[.contentEncoding] == nil, "\(uri) with \(encoding)")
            }
        }
    }

    @Test func acceptEncodingIsReadAsHTTPSaysIt() {
        #expect(CompressionMiddleware<AppRequestContext>.acceptsGzip("gzip, deflate, br"))
        #expect(CompressionMiddleware<AppRequestContext>.acceptsGzip("GZIP;q=0.5"))
        #expect(CompressionMiddleware<AppRequestContext>.acceptsGzip("*"))
        #expect(!CompressionMiddleware<AppRequestContext>.acceptsGzip("gzip;q=0"))
        #expect(!CompressionMiddleware<AppRequestContext>.acceptsGzip("identity"))
        #expect(!CompressionMiddleware<AppRequestContext>.acceptsGzip(nil))
    }
}
