/// A small RGB raster written as PNG: enough for the bar charts of a document.
/// The image data goes into stored (uncompressed) deflate blocks, which every PNG
/// reader accepts; charts are small, so size does not matter.
public struct PNGImage: Sendable {
    public let width: Int
    public let height: Int
    var pixels: [UInt8]

    public init(width: Int, height: Int, background: (UInt8, UInt8, UInt8) = (255, 255, 255)) {
        self.width = width
        self.height = height
        pixels = Array((0..<(width * height)).flatMap { _ in [background.0, background.1, background.2] })
    }

    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, color: (UInt8, UInt8, UInt8)) {
        for row in max(0, y)..<min(height, y + h) {
            for col in max(0, x)..<min(width, x + w) {
                let i = (row * width + col) * 3
                pixels[i] = color.0; pixels[i + 1] = color.1; pixels[i + 2] = color.2
            }
        }
    }

    /// Digits drawn in a 3×5 pixel font, `scale` pixels a dot: the counts a chart's bars carry.
    /// (Words stay in the caption and the figure's description, where every reader finds them.)
    public mutating func draw(digits: String, x: Int, y: Int, scale: Int, color: (UInt8, UInt8, UInt8)) {
        var left = x
        for c in digits {
            guard let d = c.wholeNumberValue else { left += 2 * scale; continue }
            for (row, bits) in Self.glyphs[d].enumerated() {
                for col in 0..<3 where bits & (4 >> col) != 0 {
                    fill(x: left + col * scale, y: y + row * scale, width: scale, height: scale, color: color)
                }
            }
            left += 4 * scale
        }
    }

    /// The width `draw(digits:…)` takes.
    public static func width(digits: String, scale: Int) -> Int { max(0, digits.count * 4 * scale - scale) }

    /// 0–9, five rows of three bits each.
    private static let glyphs: [[UInt8]] = [
        [7, 5, 5, 5, 7], [2, 6, 2, 2, 7], [7, 1, 7, 4, 7], [7, 1, 7, 1, 7], [5, 5, 7, 1, 1],
        [7, 4, 7, 1, 7], [7, 4, 7, 5, 7], [7, 1, 1, 1, 1], [7, 5, 7, 5, 7], [7, 5, 7, 1, 7],
    ]

    public func png() -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (width * 3 + 1))
        for row in 0..<height {
            raw.append(0)  // filter: none
            raw += pixels[(row * width * 3)..<((row + 1) * width * 3)]
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let end = min(raw.count, start + 65_535), length = UInt16(end - start)
            zlib.append(end == raw.count ? 1 : 0)
            zlib += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            zlib += raw[start..<end]
            start = end
        } while start < raw.count
        zlib += Self.bigEndian(Self.adler32(raw))
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        out += Self.chunk("IHDR", Self.bigEndian(UInt32(width)) + Self.bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
        out += Self.chunk("IDAT", zlib)
        out += Self.chunk("IEND", [])
        return out
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    static func bigEndian(_ x: UInt32) -> [UInt8] { [UInt8(x >> 24), UInt8(x >> 16 & 0xFF), UInt8(x >> 8 & 0xFF), UInt8(x & 0xFF)] }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        ~bytes.reduce(UInt32.max) { crc, b in crcTable[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for x in bytes { a = (a + UInt32(x)) % 65_521; b = (b + a) % 65_521 }
        return b << 16 | a
    }
}
