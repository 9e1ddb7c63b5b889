import DXDomain
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// The request context of every dxtrack route: who is asking (nil: the public),
/// their session's CSRF token, and a record of whether the route checked access.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    /// Set when the request came with a browser session (unsafe methods must echo it).
    var csrfToken: String?
    /// The signed-in person's unread notices, for the bell on a page (0 elsewhere).
    var unreadNotices = 0
    /// Shared with ``AccessRuleMiddleware``: a handler that returns without checking
    /// access is a bug, and the request fails closed.
    let accessRecord = AccessRecord()
    /// Who signed in, as the page header shows them, kept where the middleware before
    /// ``AuthMiddleware`` sees it too: an error page there still shows the person's header.
    let signedIn = SignedInViewer()
    /// Set by ``DHIS2Door`` for a call to the DHIS2 subset of the API.
    var dhis2: DHIS2Call?

    /// The peer of the connection (the proxy's, behind one).
    public let remoteAddress: SocketAddress?
    /// Who is really calling (``TrustedProxies``): set once, by the access log, for the log
    /// line and for sign-in's count of failures by address.
    public var client: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Form posts and JSON bodies are small; uploads get their own limits.
    public var maxUploadSize: Int { 1 << 20 }
}

/// Whether the route's handler decided on access. A reference, so that the
/// middleware sees what the handler's copy of the context recorded.
final class AccessRecord: Sendable {
    private let box = NIOLockedValueBox(false)
    var checked: Bool { box.withLockedValue { $0 } }
    func markChecked() { box.withLockedValue { $0 = true } }
}

/// The viewer ``AuthMiddleware`` found, shared by every copy of the request's context.
final class SignedInViewer: Sendable {
    private let box = NIOLockedValueBox<Layout.Viewer?>(nil)
    var viewer: Layout.Viewer? {
        get { box.withLockedValue { $0 } }
        set { box.withLockedValue { $0 = newValue } }
    }
}
