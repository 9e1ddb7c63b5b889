import DXDomain
import Foundation
import Hummingbird

/// An error answer in RFC 9457 `application/problem+json`, with the Vietnamese
/// and English message of every problem and the field it concerns:
///
/// ```json
/// {"type": "about:blank", "title": "Dữ liệu không hợp lệ / Invalid input", "status": 422,
///  "errors": [{"code": "invalid_period", "field": "values[0].period",
///              "messageVi": "Mã kỳ báo cáo không hợp lệ…", "messageEn": "Invalid period id…"}]}
/// ```
struct Problem: HTTPResponseError {
    let status: HTTPResponse.Status
    let titleVi: String
    let titleEn: String
    let errors: [DomainError]
    /// Ends the connection after the answer (a client that cannot be trusted to send the rest).
    var closeConnection = false

    init(_ status: HTTPResponse.Status, vi: String, en: String, errors: [DomainError] = [], closeConnection: Bool = false) {
        self.closeConnection = closeConnection
        self.status = status
        self.titleVi = vi
        self.titleEn = en
        self.errors = errors
    }

    static func invalid(_ errors: [DomainError]) -> Problem {
        Problem(.unprocessableContent, vi: "Dữ liệu không hợp lệ", en: "Invalid input", errors: errors)
    }

    static func notFound(_ error: DomainError) -> Problem {
        Problem(.notFound, vi: "Không tìm thấy", en: "Not found", errors: [error])
    }

    /// Whether the answer goes to a person in a browser (who asked for HTML, not under `/api/`):
    /// they get a page in the site's frame with a way back, never raw JSON.
    static func wantsPage(_ request: Request) -> Bool {
        !request.uri.path.hasPrefix("/api/") && (request.headers[.accept] ?? "").contains("text/html")
    }

    /// The status in Vietnamese words, for a page's heading.
    static func titleVi(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "Yêu cầu không hợp lệ"
        case 401, 403: "Không có quyền"
        case 404: "Không tìm thấy trang"
        case 409: "Xung đột trạng thái"
        case 413: "Tệp hoặc nội dung quá lớn"
        case 422: "Dữ liệu không hợp lệ"
        case 429: "Quá nhiều yêu cầu, hãy thử lại sau"
        case 500...599: "Lỗi máy chủ"
        default: "Không thực hiện được"
        }
    }

    static func badRequest(_ error: DomainError) -> Problem {
        Problem(.badRequest, vi: "Yêu cầu không hợp lệ", en: "Bad request", errors: [error])
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        if let context = context as? AppRequestContext, context.dhis2 != nil {
            return try WebMessageView(self).response(status: status)
        }
        if Self.wantsPage(request) {
            return ErrorPage(problem: self, lang: Lang(request), viewer: (context as? AppRequestContext).flatMap { $0.viewer ?? $0.signedIn.viewer })
                .response(closing: closeConnection)
        }
        let body = ProblemView(
            title: "\(titleVi) / \(titleEn)", status: Int(status.code),
            detail: errors.map(\.description).joined(separator: "\n"),
            errors: errors.map { .init(code: $0.code, field: $0.field, messageVi: $0.vi, messageEn: $0.en, message_vi: $0.vi, message_en: $0.en) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(body)
        var response = Response(status: status, headers: [.contentType: "application/problem+json; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        if closeConnection { response.headers[.connection] = "close" }
        return response
    }
}

/// Turns domain errors thrown by handlers into problems, and hides every other
/// error's detail behind a 500 (it is logged, never shown).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The answer a set of domain problems deserves: that of their most telling kind.
    static func problem(for errors: [DomainError]) -> Problem {
        switch errors.map(\.kind).max() ?? .invalid {
        case .unavailable: Problem(.serviceUnavailable, vi: "Tạm thời không thực hiện được", en: "Service unavailable", errors: errors)
        case .conflict: Problem(.conflict, vi: "Xung đột trạng thái", en: "Conflict", errors: errors)
        case .forbidden: Problem(.forbidden, vi: "Không có quyền", en: "Forbidden", errors: errors)
        case .notFound: Problem(.notFound, vi: "Không tìm thấy", en: "Not found", errors: errors)
        case .invalid: Problem.invalid(errors)
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any DomainProblems {
            throw Self.problem(for: error.problems)
        } catch let error as HTTPError {
            // Hummingbird's own refusals (no such route, a body too large): never an empty answer,
            // and a page for a browser.
            throw Problem(error.status, vi: Problem.titleVi(error.status), en: error.status.reasonPhrase, closeConnection: error.status == .contentTooLarge)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            throw Problem(.internalServerError, vi: "Lỗi máy chủ", en: "Internal server error")
        }
    }
}
