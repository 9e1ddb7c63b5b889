/// An error answer as RFC 9457 `application/problem+json` lays it out, with the
/// Vietnamese and English message of every problem and the field it concerns.
public struct ProblemView: Codable, Sendable {
    public struct Item: Codable, Sendable {
        public let code: String
        public let field: String?
        public let messageVi: String
        public let messageEn: String
        // The same, under the snake_case names answers had before keys were camelCase (12/2026); deprecated.
        public let message_vi: String
        public let message_en: String
    }
    public var type = "about:blank"
    public let title: String
    public let status: Int
    public let detail: String
    public let errors: [Item]
}
