import Foundation
import Hummingbird

/// DHIS2's answer to a request that failed (a web message), so that a DHIS2 client
/// shows the reason: `{"httpStatus": "Not Found", "httpStatusCode": 404, "status":
/// "ERROR", "message": …}`, with every problem in Vietnamese and English.
struct WebMessageView: Codable, Sendable {
    struct Item: Codable, Sendable {
        let code: String
        let field: String?
        let messageVi: String
        let messageEn: String
    }
    let httpStatus: String
    let httpStatusCode: Int
    var status = "ERROR"
    let message: String
    let errorCode: String?
    let errors: [Item]

    init(_ p: Problem) {
        httpStatus = p.status.reasonPhrase
        httpStatusCode = Int(p.status.code)
        let detail = p.errors.map { "\($0.vi) / \($0.en)" }.joined(separator: "; ")
        message = detail.isEmpty ? "\(p.titleVi) / \(p.titleEn)" : detail
        errorCode = p.errors.first?.code
        errors = p.errors.map { Item(code: $0.code, field: $0.field, messageVi: $0.vi, messageEn: $0.en) }
    }

    func response(status: HTTPResponse.Status) throws -> Response {
        try JSONAnswer.response(self, status: status)
    }
}

/// JSON as dxtrack's DHIS2 door writes it: keys sorted, slashes as they are.
enum JSONAnswer {
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
