import DXDomain
import Hummingbird
import HTTPTypes

/// What a request to the DHIS2 subset of the API said of itself in its path: the API
/// version (`/api/40/…`) and the format suffix (`dataValueSets.csv`).
struct DHIS2Call: Sendable {
    /// The version in the path, 29–42; nil for the unversioned path, which answers as the newest.
    var version: Int?
    /// Whether answers take the shape of DHIS2 2.38 and later (an import summary wrapped
    /// in a web message, 409 when rows conflict) rather than 2.37's bare summary.
    var answersAsWebMessage: Bool { (version ?? Self.versions.upperBound) >= 38 }

    static let versions = 29...42
    /// The resources dxtrack serves as DHIS2 does, and the suffixes each takes.
    static let resources: [String: Set<String>] = {
        var r: [String: Set<String>] = ["system": ["json"], "me": ["json"], "dataValues": ["json"],
                                        "dataValueSets": ["json", "csv", "xml", "adx"], "completeDataSetRegistrations": ["json"]]
        for m in DHIS2Resource.allCases { r[m.rawValue] = ["json"] }
        return r
    }()
    static let mediaTypes = ["json": "application/json", "csv": "application/csv", "xml": "application/adx+xml", "adx": "application/adx+xml"]

    /// What a path's last dot said: nothing, a format (as the `Accept` it stands for), or one the resource lacks.
    enum Suffix: Equatable { case none, accept(String), unsupported }

    /// The parameters only DHIS2's metadata lists take.
    static let listParameters: Set<Substring> = ["fields", "filter", "paging", "page", "pageSize", "order", "rootJunction"]

    /// The path as dxtrack's router knows it, its suffix, and the call; nil for a path
    /// outside the DHIS2 subset, which is left as it came.
    ///
    /// `/api/indicators` is dxtrack's own list; it is DHIS2's (routed to
    /// `/api/dhis2/indicators`) when the path is versioned or suffixed, or the query
    /// asks as DHIS2 clients do (`fields`, `filter`, `paging`, …).
    static func read(path: String, query: [Substring] = []) -> (path: String, suffix: Suffix, call: DHIS2Call)? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, parts[0].isEmpty, parts[1] == "api" else { return nil }
        var call = DHIS2Call()
        if let v = Int(parts[2]) {
            guard versions.contains(v), parts.count >= 4 else { return nil }
            call.version = v
            parts.remove(at: 2)
        }
        var accept: String?
        if let dot = parts[parts.count - 1].lastIndex(of: ".") {
            let last = parts[parts.count - 1], suffix = String(last[last.index(after: dot)...])
            if let type = mediaTypes[suffix] {
                parts[parts.count - 1] = String(last[..<dot])
                accept = type
            }
        }
        guard let formats = resources[parts[2]] else { return nil }
        if parts[2] == DHIS2Resource.indicators.rawValue {
            guard call.version != nil || accept != nil || query.contains(where: listParameters.contains) else { return nil }
            parts[2] = DHIS2Resource.indicators.routePath
        }
        let suffix: Suffix = switch accept {
        case nil: .none
        case let type? where formats.contains(where: { mediaTypes[$0] == type }): .accept(type)
        case _?: .unsupported
        }
        return (parts.joined(separator: "/"), suffix, call)
    }
}

/// Stands before the router: a request to the DHIS2 subset is routed as its
/// unversioned, suffix-less path, with the format its suffix named, and remembered
/// as a DHIS2 call so that its answers and errors take DHIS2's shapes.
struct DHIS2Door<Inner: HTTPResponder>: HTTPResponder where Inner.Context == AppRequestContext {
    let inner: Inner

    func respond(to request: Request, context: AppRequestContext) async throws -> Response {
        guard let full = request.head.path, request.uri.path.hasPrefix("/api/") else { return try await inner.respond(to: request, context: context) }
        let query = full.firstIndex(of: "?").map { String(full[$0...]) } ?? ""
        let names = request.uri.queryParameters.map(\.key)
        guard let (path, suffix, call) = DHIS2Call.read(path: request.uri.path, query: names) else { return try await inner.respond(to: request, context: context) }
        var context = context
        context.dhis2 = call
        if suffix == .unsupported {
            return try Problem(.notAcceptable, vi: "Không có định dạng này", en: "Not acceptable",
                          errors: [DomainError(code: "unsupported_format", vi: "Tài nguyên này không có định dạng được yêu cầu.",
                                               en: "This resource has no such format.")]).response(from: request, context: context)
        }
        var head = request.head
        head.path = path + query
        if case .accept(let type) = suffix { head.headerFields[.accept] = type }
        let routed = Request(head: head, body: request.body)
        // Errors are answered here, where the context knows it is a DHIS2 call: as DHIS2's web message.
        do { return try await inner.respond(to: routed, context: context) }
        catch let problem as Problem { return try problem.response(from: routed, context: context) }
        catch let error as HTTPError { return try Problem(error.status, vi: Problem.titleVi(error.status), en: error.status.reasonPhrase).response(from: routed, context: context) }
    }
}
