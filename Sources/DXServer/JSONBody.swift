import DXDomain
import DXForms
import Foundation
import Hummingbird

/// The largest JSON body accepted by the API (1 MiB, about 5,000 values).
let maxJSONBody = 1 << 20

extension Request {
    /// The body, at most `limit` bytes; beyond it a 413 problem that says the limit
    /// (`field` names the form field or upload, when there is one).
    ///
    /// Every body of every route is read here, at a pace it must keep: a body that
    /// trickles in (less than ``BodyPace/minimumBytes`` in any ``BodyPace/window``) is
    /// cut off with a 408 and the connection closed, so that a client cannot hold a
    /// connection open past the idle timeout by sending a byte now and then. A commune's
    /// phone on 2G sends tens of kilobytes a second, far above the pace.
    func collectBody(upTo limit: Int, field: String? = nil) async throws -> [UInt8] {
        let pace = BodyPace(), body = self.body
        let collected: ByteBuffer?
        do { collected = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                var out = ByteBuffer()
                for try await chunk in body {
                    guard out.readableBytes + chunk.readableBytes <= limit else { throw BodyPace.TooLarge() }
                    var chunk = chunk
                    out.writeBuffer(&chunk)
                    pace.received(out.readableBytes)
                }
                return out
            }
            group.addTask {
                try await pace.watch()
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        } } catch is BodyPace.TooLarge {
            let size = limit >= 1_048_576 ? "\(limit / 1_048_576) MB" : "\(limit / 1024) KiB"
            throw Problem(.contentTooLarge, vi: "Nội dung quá lớn", en: "Body too large", errors: [
                .bodyTooLarge(size, field: field)],
                          closeConnection: true)
        }
        guard let collected else {
            throw Problem(.requestTimeout, vi: "Gửi dữ liệu quá chậm", en: "Request body too slow", errors: [
                .bodyTooSlow(field: field)],
                          closeConnection: true)
        }
        return Array(buffer: collected)
    }

    /// Decodes a JSON body, turning a decoding failure into a problem that names
    /// the field (`values[2].period`) and says what was wrong, in both languages.
    func decodeJSON<T: Decodable>(_ type: T.Type) async throws -> T {
        let bytes = try await collectBody(upTo: maxJSONBody)
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw Problem.badRequest(Self.describe(error))
        } catch let error as DomainError {
            throw Problem.badRequest(error)
        }
    }

    private static func describe(_ error: DecodingError) -> DomainError {
        switch error {
        case .keyNotFound(let key, _):
            return DomainError.required(key.stringValue).at(field: error.fieldPath)
        case .typeMismatch(let type, _), .valueNotFound(let type, _):
            return .wrongType(error.fieldPath, expected: type)
        case .dataCorrupted(let ctx):
            if let domain = ctx.underlyingError as? DomainError { return domain.at(field: error.fieldPath) }
            return .malformedJSON(at: error.fieldPath)
        @unknown default:
            return .malformedJSON(at: "")
        }
    }
}

extension Request {
    /// An HTML form's `application/x-www-form-urlencoded` body (64 KiB at most), read as
    /// `Form` (see ``PageForm``): the one way every page's form is read. A body that is
    /// not such a form is answered 400, its problem naming the field.
    func form<Form: Decodable>(_ type: Form.Type) async throws -> Form {
        try Self.read(type, from: try await formBody())
    }

    /// The same body read as two forms, for a page that posts its token beside its fields.
    func form<A: Decodable, B: Decodable>(_ a: A.Type, _ b: B.Type) async throws -> (A, B) {
        let body = try await formBody()
        return (try Self.read(a, from: body), try Self.read(b, from: body))
    }

    private func formBody() async throws -> String {
        String(decoding: try await collectBody(upTo: 64 * 1024, field: "form"), as: UTF8.self)
    }

    private static func read<Form: Decodable>(_ type: Form.Type, from body: String) throws -> Form {
        do { return try PageForm.decode(type, from: body) } catch { throw Problem.badRequest(error) }
    }
}

extension Request {
    /// The body as a multipart form, at most `limit` bytes (413 beyond).
    func multipartForm(upTo limit: Int) async throws -> MultipartForm {
        let bytes = try await collectBody(upTo: limit, field: "file")
        do { return try MultipartForm(body: bytes, contentType: headers[.contentType] ?? "") } catch { throw Problem.badRequest(error) }
    }
}
