@testable import DXServer
import DXTestSupport
import Foundation
import Testing

/// Whose address a request is logged under: a trusted proxy's `X-Forwarded-For` is read
/// from the right past the trusted hops; anyone else's is never believed.
@Suite struct AccessLogTests {
    @Test func theClientIsWhomTheTrustedProxySaysAndNoOneElse() {
        let proxies = TrustedProxies(["127.0.0.1", "10.0.0.5"])
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: "198.51.100.23") == "198.51.100.23")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: "6.6.6.6, 198.51.100.23, 10.0.0.5") == "198.51.100.23",
                "a client's own claim left of the real hop is not believed")
        #expect(proxies.client(peer: "203.0.113.9", forwardedFor: "1.2.3.4") == "203.0.113.9", "an untrusted peer's header is ignored")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: nil) == "127.0.0.1")
        #expect(TrustedProxies().client(peer: "127.0.0.1", forwardedFor: "1.2.3.4") == "127.0.0.1", "no proxy trusted unless configured")
    }
}
