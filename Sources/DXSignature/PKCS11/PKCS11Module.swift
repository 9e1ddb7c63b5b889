#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A PKCS#11 module (Cryptoki, OASIS PKCS #11 v2.40): the shared library a USB token's
/// or an HSM's vendor ships, such as SoftHSM2's `libsofthsm2.so` or OpenSC's
/// `opensc-pkcs11.so`. dxtrack calls the few functions it needs by name, so it links
/// against no vendor's headers; the private key stays in the token, which signs.
public final class PKCS11Module: @unchecked Sendable {
    public let path: String
    private let handle: UnsafeMutableRawPointer
    /// One caller in the module at a time: simple, and a token signs one thing at a time anyway.
    private let lock = NSLock()

    typealias ULong = UInt
    typealias RV = ULong
    // The functions, as the standard declares them (CK_RV is an unsigned long; handles are too).
    typealias Initialize = @convention(c) (UnsafeMutableRawPointer?) -> RV
    typealias GetSlotList = @convention(c) (UInt8, UnsafeMutablePointer<ULong>?, UnsafeMutablePointer<ULong>) -> RV
    typealias GetTokenInfo = @convention(c) (ULong, UnsafeMutableRawPointer) -> RV
    typealias OpenSession = @convention(c) (ULong, ULong, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutablePointer<ULong>) -> RV
    typealias CloseSession = @convention(c) (ULong) -> RV
    typealias Login = @convention(c) (ULong, ULong, UnsafePointer<UInt8>, ULong) -> RV
    typealias FindObjectsInit = @convention(c) (ULong, UnsafeMutableRawPointer, ULong) -> RV
    typealias FindObjects = @convention(c) (ULong, UnsafeMutablePointer<ULong>, ULong, UnsafeMutablePointer<ULong>) -> RV
    typealias FindObjectsFinal = @convention(c) (ULong) -> RV
    typealias GetAttributeValue = @convention(c) (ULong, ULong, UnsafeMutableRawPointer, ULong) -> RV
    typealias SignInit = @convention(c) (ULong, UnsafeMutableRawPointer, ULong) -> RV
    typealias Sign = @convention(c) (ULong, UnsafePointer<UInt8>, ULong, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<ULong>) -> RV

    /// CK_ATTRIBUTE and CK_MECHANISM: a type, a pointer and a length, laid out as C lays them out.
    struct Attribute { var type: ULong; var value: UnsafeMutableRawPointer?; var length: ULong }
    struct Mechanism { var mechanism: ULong; var parameter: UnsafeMutableRawPointer?; var length: ULong }

    /// A call the module refused, with its CKR_ code.
    public struct Failure: Error, CustomStringConvertible {
        public var function: String
        public var code: UInt
        public var description: String {
            let known: [UInt: String] = [0xA0: "CKR_PIN_INCORRECT", 0xA4: "CKR_PIN_LOCKED", 0xE0: "CKR_TOKEN_NOT_PRESENT", 0x101: "CKR_USER_NOT_LOGGED_IN",
                                         0x70: "CKR_MECHANISM_INVALID", 0x82: "CKR_OBJECT_HANDLE_INVALID"]
            return "\(function): \(known[code] ?? String(format: "CKR 0x%lX", code))"
        }
    }

    private static let cache = NSLock()
    nonisolated(unsafe) private static var loaded: [String: PKCS11Module] = [:]

    /// The module at `path`, loaded and initialised once per process.
    public static func load(_ path: String) throws -> PKCS11Module {
        cache.lock()
        defer { cache.unlock() }
        if let module = loaded[path] { return module }
        let module = try PKCS11Module(path: path)
        loaded[path] = module
        return module
    }

    private init(path: String) throws {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw Failure(function: "dlopen \(path): \(dlerror().map { String(cString: $0) } ?? "")", code: 0)
        }
        self.path = path
        self.handle = handle
        // CK_C_INITIALIZE_ARGS with CKF_OS_LOCKING_OK: the module may use the system's locks.
        var args = [UnsafeMutableRawPointer?](repeating: nil, count: 6)
        args[4] = UnsafeMutableRawPointer(bitPattern: 2)
        let rv = try args.withUnsafeMutableBytes { try function("C_Initialize", as: Initialize.self)($0.baseAddress) }
        guard rv == 0 || rv == 0x191 else { throw Failure(function: "C_Initialize", code: rv) }  // 0x191: already initialised
    }

    func function<F>(_ name: String, as type: F.Type) throws -> F {
        guard let symbol = dlsym(handle, name) else { throw Failure(function: "\(name) missing from \(path)", code: 0) }
        return unsafeBitCast(symbol, to: type)
    }

    func check(_ name: String, _ rv: RV) throws {
        guard rv == 0 else { throw Failure(function: name, code: rv) }
    }

    /// Runs `body` in a session logged in to the token labelled `token`.
    func withSession<T>(token: String, pin: String, _ body: (ULong) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        var count: ULong = 0
        try check("C_GetSlotList", try function("C_GetSlotList", as: GetSlotList.self)(1, nil, &count))
        var slots = [ULong](repeating: 0, count: Int(count))
        try check("C_GetSlotList", try function("C_GetSlotList", as: GetSlotList.self)(1, &slots, &count))
        var slot: ULong?
        var info = [UInt8](repeating: 0, count: 512)  // CK_TOKEN_INFO; its label is the first 32 bytes, blank-padded
        for s in slots.prefix(Int(count)) {
            try check("C_GetTokenInfo", try info.withUnsafeMutableBytes { try function("C_GetTokenInfo", as: GetTokenInfo.self)(s, $0.baseAddress!) })
            if String(decoding: info.prefix(32), as: UTF8.self).trimmingCharacters(in: .whitespaces) == token { slot = s; break }
        }
        guard let slot else { throw Failure(function: "no token labelled \(token)", code: 0xE0) }
        var session: ULong = 0
        try check("C_OpenSession", try function("C_OpenSession", as: OpenSession.self)(slot, 4, nil, nil, &session))  // CKF_SERIAL_SESSION
        defer { _ = try? function("C_CloseSession", as: CloseSession.self)(session) }
        let pinBytes = Array(pin.utf8)
        let rv = try function("C_Login", as: Login.self)(session, 1, pinBytes, ULong(pinBytes.count))  // CKU_USER
        guard rv == 0 || rv == 0x100 else { throw Failure(function: "C_Login", code: rv) }  // 0x100: already logged in
        return try body(session)
    }

    /// The first object of `objectClass` (2 public key, 3 private key) labelled `label`.
    func find(_ session: ULong, objectClass: ULong, label: String) throws -> ULong? {
        var cls = objectClass, name = Array(label.utf8)
        return try withUnsafeMutableBytes(of: &cls) { clsBytes in
            try name.withUnsafeMutableBytes { nameBytes in
                var template = [Attribute(type: 0, value: clsBytes.baseAddress, length: ULong(clsBytes.count)),  // CKA_CLASS
                                Attribute(type: 3, value: nameBytes.baseAddress, length: ULong(nameBytes.count))]  // CKA_LABEL
                try check("C_FindObjectsInit", try template.withUnsafeMutableBytes { try function("C_FindObjectsInit", as: FindObjectsInit.self)(session, $0.baseAddress!, 2) })
                defer { _ = try? function("C_FindObjectsFinal", as: FindObjectsFinal.self)(session) }
                var object: ULong = 0, found: ULong = 0
                try check("C_FindObjects", try function("C_FindObjects", as: FindObjects.self)(session, &object, 1, &found))
                return found == 1 ? object : nil
            }
        }
    }

    /// One attribute's bytes (CKA_EC_POINT 0x181, CKA_KEY_TYPE 0x100 …).
    func attribute(_ session: ULong, object: ULong, type: ULong) throws -> [UInt8] {
        let get = try function("C_GetAttributeValue", as: GetAttributeValue.self)
        var query = Attribute(type: type, value: nil, length: 0)
        try check("C_GetAttributeValue", withUnsafeMutableBytes(of: &query) { get(session, object, $0.baseAddress!, 1) })
        var bytes = [UInt8](repeating: 0, count: Int(query.length))
        try bytes.withUnsafeMutableBytes { buffer in
            query.value = buffer.baseAddress
            try check("C_GetAttributeValue", withUnsafeMutableBytes(of: &query) { get(session, object, $0.baseAddress!, 1) })
        }
        return bytes
    }

    /// The token's signature over `data` with `mechanism` (CKM_ECDSA 0x1041 over a digest, CKM_SHA256_RSA_PKCS 0x40 over the message).
    func sign(_ session: ULong, key: ULong, mechanism: ULong, data: [UInt8]) throws -> [UInt8] {
        var m = Mechanism(mechanism: mechanism, parameter: nil, length: 0)
        let signInit = try function("C_SignInit", as: SignInit.self)
        try check("C_SignInit", withUnsafeMutableBytes(of: &m) { signInit(session, $0.baseAddress!, key) })
        let sign = try function("C_Sign", as: Sign.self)
        var length: ULong = 0
        try check("C_Sign", sign(session, data, ULong(data.count), nil, &length))
        var out = [UInt8](repeating: 0, count: Int(length))
        try check("C_Sign", sign(session, data, ULong(data.count), &out, &length))
        return Array(out.prefix(Int(length)))
    }
}
