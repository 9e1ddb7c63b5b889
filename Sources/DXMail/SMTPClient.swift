import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A deployment's mail server, as `MailTransport(url:)` reads it.
public struct SMTPServer: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// TLS from the first byte (smtps, port 465); otherwise STARTTLS when the server offers it.
    public var implicitTLS: Bool
    public var username: String?
    public var password: String?
    /// A PEM file of the certificate authorities to trust instead of the system's (a
    /// provincial mail server with its own CA).
    public var trustRoots: String?
}

/// Sends one message per connection (RFC 5321): EHLO, STARTTLS, AUTH PLAIN or LOGIN,
/// MAIL, RCPT, DATA. A password only ever goes over TLS. Every answer is awaited for at
/// most a minute, so a server that hangs fails the attempt instead of holding the worker.
struct SMTPClient {
    let server: SMTPServer
    var timeout: Duration = .seconds(60)

    func send(_ message: MailMessage) async throws {
        let tls = try Self.context(trusting: server.trustRoots)
        let (replies, continuation) = AsyncThrowingStream<SMTPReply, any Error>.makeStream()
        let implicit = server.implicitTLS, host = Self.serverName(server.host)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(15))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if implicit { try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: host)) }
                        try channel.pipeline.syncOperations.addHandler(SMTPReplyReader(continuation))
                    }
                }
                .connect(host: server.host, port: server.port).get()
        } catch {
            throw SMTPError(code: nil, message: "\(server.host):\(server.port): \(error)")
        }
        do {
            try await withDeadline(timeout, closing: channel) {
                var conversation = SMTPConversation(channel: channel, replies: replies.makeAsyncIterator())
                try await conversation.run(message, server: server, tls: tls)
            }
        } catch {
            _ = try? await channel.close()
            throw error
        }
        _ = try? await channel.close()
    }

    /// The name TLS checks the certificate against; an IP address cannot be sent as one
    /// (SNI), so a server given by address is checked against its chain alone.
    static func serverName(_ host: String) -> String? {
        host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : host
    }

    static func context(trusting roots: String?) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let roots { configuration.trustRoots = .file(roots) }
        return try NIOSSLContext(configuration: configuration)
    }

    /// Runs `body`, closing the channel (which ends every wait on it) when it takes longer than `limit`.
    private func withDeadline(_ limit: Duration, closing channel: any Channel, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { try await body(); return true }
            group.addTask { try await Task.sleep(for: limit); return false }
            let finished = try await group.next()!
            group.cancelAll()
            if !finished {
                _ = try? await channel.close()
                throw SMTPError(code: nil, message: "\(server.host):\(server.port): no answer within \(limit)")
            }
        }
    }
}

/// One reply: its code and its lines' text (a multi-line reply's `250-` lines together).
struct SMTPReply: Sendable {
    let code: Int
    let lines: [String]
    var text: String { lines.joined(separator: " ") }
}

/// The client's side of one session, step by step.
private struct SMTPConversation {
    let channel: any Channel
    var replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator
    var secure = false

    mutating func run(_ message: MailMessage, server: SMTPServer, tls: NIOSSLContext) async throws {
        secure = server.implicitTLS
        try await expect(220)
        var features = try await command("EHLO dxtrack", 250).lines
        if !secure, features.contains(where: { $0.uppercased() == "STARTTLS" }) {
            try await command("STARTTLS", 220)
            let host = SMTPClient.serverName(server.host)
            try await channel.eventLoop.submit { [channel] in
                try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: host), position: .first)
            }.get()
            secure = true
            features = try await command("EHLO dxtrack", 250).lines
        }
        if let user = server.username {
            guard secure else {
                throw SMTPError(code: nil, message: "\(server.host) offers no STARTTLS: the password is not sent in the clear")
            }
            let auth = features.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased().split(separator: " ").map(String.init) ?? []
            let password = server.password ?? ""
            if auth.contains("PLAIN") || !auth.contains("LOGIN") {
                try await command("AUTH PLAIN " + Data("\0\(user)\0\(password)".utf8).base64EncodedString(), 235)
            } else {
                try await command("AUTH LOGIN", 334)
                try await command(Data(user.utf8).base64EncodedString(), 334)
                try await command(Data(password.utf8).base64EncodedString(), 235)
            }
        }
        try await command("MAIL FROM:<\(message.from.address)>", 250)
        try await command("RCPT TO:<\(message.to.address)>", 250, 251)
        try await command("DATA", 354)
        // A line that starts with a dot gets another (RFC 5321 §4.5.2).
        let body = message.rfc5322.split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
        try await command(body + (body.hasSuffix("\r\n") ? "" : "\r\n") + ".", 250)
        _ = try? await command("QUIT", 221)
    }

    @discardableResult
    mutating func command(_ line: String, _ codes: Int...) async throws -> SMTPReply {
        try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n"))
        return try await expect(codes)
    }

    @discardableResult
    mutating func expect(_ codes: Int...) async throws -> SMTPReply { try await expect(codes) }

    mutating func expect(_ codes: [Int]) async throws -> SMTPReply {
        guard let reply = try await replies.next() else { throw SMTPError(code: nil, message: "the mail server closed the connection") }
        guard codes.contains(reply.code) else { throw SMTPError(code: reply.code, message: reply.text) }
        return reply
    }
}

/// Cuts what the server sends into replies: lines end in CRLF, and `250-` continues a reply
/// that `250 ` ends.
private final class SMTPReplyReader: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation
    private var pending: [UInt8] = []
    private var lines: [String] = []

    init(_ continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation) { self.continuation = continuation }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        // A server that never ends a line must not grow this without bound.
        guard pending.count < 64 * 1024 else {
            continuation.finish(throwing: SMTPError(code: nil, message: "a reply line over 64 KiB"))
            context.close(promise: nil)
            return
        }
        while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = String(decoding: pending[..<end], as: UTF8.self)
            pending.removeSubrange(...end)
            if line.hasSuffix("\r") { line.removeLast() }
            let code = Int(line.prefix(3))
            let more = line.count > 3 && line[line.index(line.startIndex, offsetBy: 3)] == "-"
            lines.append(line.count > 4 ? String(line.dropFirst(4)) : "")
            if !more {
                continuation.yield(SMTPReply(code: code ?? 0, lines: lines))
                lines = []
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: SMTPError(code: nil, message: "\(error)"))
        context.close(promise: nil)
    }
}
