import DXDomain
import DXStorage
import Hummingbird

/// Who may call a route, declared where the route is registered and checked before its
/// handler runs, so that no handler can forget it and nothing is read or written first:
///
/// ```swift
/// routes.get("reports/:form/:unit/:period", .api(.readValues, unit: .path("unit")), use: report)
/// ```
///
/// The handler of a guarded route is handed the caller's ``Principal``. A handler that
/// loads a resource naming another unit (a campaign's, the units of a request body)
/// narrows the check to it with ``AppRequestContext/require(_:unit:db:)``.
struct Permission: Sendable {
    /// Where the unit the action is about is named, if the route names one.
    enum Unit: Sendable {
        case none
        /// A path parameter (`:unit`).
        case path(String)
        /// A query parameter (`?unit=`); absent, the caller's own subtree.
        case query(String)
    }

    let action: Action
    let unit: Unit
    /// A page: a browser without a session is sent to sign in (and comes back), not answered 401.
    let onPage: Bool

    /// A JSON route: the public without a token gets 401, a caller without the right 403.
    static func api(_ action: Action, unit: Unit = .none) -> Permission { Permission(action: action, unit: unit, onPage: false) }

    /// An HTML page or form.
    static func page(_ action: Action, unit: Unit = .none) -> Permission { Permission(action: action, unit: unit, onPage: true) }

    /// Allows the request or throws, and gives the principal it was allowed for.
    func check(_ request: Request, _ context: AppRequestContext, db: Database) async throws -> Principal {
        if onPage && context.principal == nil {
            context.allowPublic()
            throw RedirectToLogin()
        }
        let unit: String? = switch unit {
        case .none: nil
        case .path(let name): try context.parameters.code(name)
        case .query(let name): request.code(name)
        }
        try await context.require(action, unit: unit, db: db)
        // Only the public lacks a principal, and the public holds no right a guarded route asks for.
        guard let principal = context.principal else { throw context.denial(action, unit: unit) }
        return principal
    }
}

/// A route anyone may call, the public included: declared as plainly as a guarded one.
enum Everyone: Sendable { case everyone }

extension RouterMethods where Context == AppRequestContext {
    @discardableResult
    func on<Output: ResponseGenerator>(_ path: RouterPath, _ method: HTTPRequest.Method, _ everyone: Everyone,
                                       use handler: @escaping @Sendable (Request, Context) async throws -> Output) -> Self {
        on(path, method: method) { request, context in
            context.allowPublic()
            return try await handler(request, context)
        }
    }

    @discardableResult
    func get<Output: ResponseGenerator>(_ path: RouterPath = "", _ everyone: Everyone,
                                        use handler: @escaping @Sendable (Request, Context) async throws -> Output) -> Self {
        on(path, .get, everyone, use: handler)
    }

    @discardableResult
    func post<Output: ResponseGenerator>(_ path: RouterPath = "", _ everyone: Everyone,
                                         use handler: @escaping @Sendable (Request, Context) async throws -> Output) -> Self {
        on(path, .post, everyone, use: handler)
    }
}

/// The routes of a router or group, each registered with who may call it.
struct GuardedRoutes<Methods: RouterMethods<AppRequestContext>> {
    typealias Context = AppRequestContext
    let methods: Methods
    let db: Database

    init(_ methods: Methods, db: Database) {
        self.methods = methods
        self.db = db
    }

    @discardableResult
    func on<Output: ResponseGenerator>(_ path: RouterPath, _ method: HTTPRequest.Method, _ permission: Permission,
                                       use handler: @escaping @Sendable (Request, Context, Principal) async throws -> Output) -> Self {
        let db = db
        methods.on(path, method: method) { request, context in
            try await handler(request, context, try await permission.check(request, context, db: db))
        }
        return self
    }

    @discardableResult
    func on<Output: ResponseGenerator>(_ path: RouterPath, _ method: HTTPRequest.Method, _ everyone: Everyone,
                                       use handler: @escaping @Sendable (Request, Context) async throws -> Output) -> Self {
        methods.on(path, method, everyone, use: handler)
        return self
    }

    @discardableResult
    func get<Output: ResponseGenerator>(_ path: RouterPath = "", _ permission: Permission,
                                        use handler: @escaping @Sendable (Request, Context, Principal) async throws -> Output) -> Self {
        on(path, .get, permission, use: handler)
    }

    @discardableResult
    func get<Output: ResponseGenerator>(_ path: RouterPath = "", _ everyone: Everyone,
                                        use handler: @escaping @Sendable (Request, Context) async throws -> Output) -> Self {
        on(path, .get, everyone, use: handler)
    }

    @discardableResult
    func post<Output: ResponseGenerator>(_ path: RouterPath = "", _ permission: Permission,
                                         use handler: @escaping @Sendable (Request, Context, Principal) async throws -> Output) -> Self {
        on(path, .post, permission, use: handler)
    }

    @discardableResult
    func post<Output: ResponseGenerator>(_ path: RouterPath = "", _ everyone: Everyone,
                                         use handler: @escaping @Sendable (Request, Context) async throws -> Output) -> Self {
        on(path, .post, everyone, use: handler)
    }

    @discardableResult
    func put<Output: ResponseGenerator>(_ path: RouterPath = "", _ permission: Permission,
                                        use handler: @escaping @Sendable (Request, Context, Principal) async throws -> Output) -> Self {
        on(path, .put, permission, use: handler)
    }

    @discardableResult
    func delete<Output: ResponseGenerator>(_ path: RouterPath = "", _ permission: Permission,
                                           use handler: @escaping @Sendable (Request, Context, Principal) async throws -> Output) -> Self {
        on(path, .delete, permission, use: handler)
    }
}
