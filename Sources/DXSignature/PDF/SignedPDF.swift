import Crypto
import Foundation
import X509

/// A PDF signed in the PAdES baseline-B form (ETSI EN 319 142-1), as pyHanko, Adobe
/// Reader and the national signature validators read it.
///
/// The signature is an incremental update (ISO 32000-1 §7.5.6): the document's bytes
/// stay as they were, and after them come a signature dictionary, a signature field
/// on the last page, the catalog and that page rewritten to name the field, and a new
/// cross-reference section pointing back at the old one (`/Prev`). The dictionary's
/// `/ByteRange` names every byte of the file but its own `/Contents`, and `/Contents`
/// holds a detached CAdES SignedData over exactly those bytes. PAdES puts the signing
/// time in `/M`, not in the CMS.
///
///     let signed = try SignedPDF.sign(pdf, certificate: cert, key: key, name: "Nguyễn Văn An",
///                                     reason: "Phê duyệt báo cáo", at: Date())
///     try SignedPDF.signatures(in: signed)   // one, intact, covering the whole file
public enum SignedPDF {
    /// Room kept for the CMS (bytes; twice as many hex digits in the file): a chain of
    /// three RSA-4096 certificates fits with room to spare.
    static let reserved = 16_384
    /// The width every number of the `/ByteRange` placeholder is written at, so the
    /// real numbers fit in its place.
    static let byteRangePlaceholder = "[0 0000000000 0000000000 0000000000]"

    /// `pdf` signed by `certificate`'s holder, with `key`. `name`, `reason` and `location`
    /// are what a reader's signature panel shows beside the certificate.
    public static func sign(_ pdf: [UInt8], certificate: Certificate, chain: [Certificate] = [], key: any SigningKey,
                            name: String, reason: String, location: String? = nil, at time: Date) throws -> [UInt8] {
        let file = try PDFFile(pdf)
        let size = file.trailer["Size"]?.integer ?? ((file.offsets.keys.max() ?? 0) + 1)
        let signatureRef = PDFReference(number: size, generation: 0)
        var update = try field(in: file, number: size + 1, value: signatureRef)
        var signature: [String: PDFObject] = [
            "Type": .name("Sig"), "Filter": .name("Adobe.PPKLite"), "SubFilter": .name("ETSI.CAdES.detached"),
            "M": .string(Array(PDFDate.string(time).utf8)), "Name": .text(name), "Reason": .text(reason),
        ]
        if let location { signature["Location"] = .text(location) }
        // The placeholders go last, after the dictionary's other entries.
        let body = PDFObject.dictionary(signature).pdf.dropLast(2) + " /ByteRange \(byteRangePlaceholder) /Contents <"
            + String(repeating: "0", count: 2 * reserved) + ">>>"
        update.rewrite(signatureRef, raw: String(body))

        var out = pdf
        if let last = out.last, last != 10, last != 13 { out.append(10) }
        let base = out.count
        let written = update.write(to: &out, trailer: trailer(of: file, size: size + 2, time: time))
        // Fill in where the hole is, then sign every byte around it.
        let placeholder = out[(base + written[signatureRef.number]!)...]
        guard let rangeAt = find(Array("/ByteRange ".utf8), in: placeholder).map({ $0 + 11 }),
              let hole = find(Array("/Contents <".utf8), in: placeholder).map({ $0 + 10 }) else {
            throw PDFError("the signature placeholder was not written")
        }
        let holeEnd = hole + 2 * reserved + 2
        let ranges = "[0 \(hole) \(holeEnd) \(out.count - holeEnd)]"
        out.replaceSubrange(rangeAt..<rangeAt + byteRangePlaceholder.count, with: Array(ranges.padding(toLength: byteRangePlaceholder.count, withPad: " ", startingAt: 0).utf8))
        let cms = try CAdESSignature.sign(out[0..<hole] + out[holeEnd...], certificate: certificate, chain: chain, key: key, signingTime: nil)
        guard cms.der.count <= reserved else { throw PDFError("the signature (\(cms.der.count) bytes) does not fit the \(reserved) bytes kept for it") }
        let hex = Array(cms.der.map { String(format: "%02X", $0) }.joined().utf8)
        out.replaceSubrange(hole + 1..<hole + 1 + hex.count, with: hex)
        return out
    }

    /// The update's objects but the signature itself: a signature field (object `number`)
    /// whose value is `value`, as a widget on the last page, and the form (or the catalog
    /// holding it) and that page rewritten to name it.
    static func field(in file: PDFFile, number: Int, value: PDFReference) throws(PDFError) -> Update {
        guard let page = try file.pages().last else { throw PDFError("the PDF has no page") }
        let fieldRef = PDFReference(number: number, generation: 0)
        var update = Update()
        var catalog = try file.catalog
        var form = try file.resolve(catalog["AcroForm"]).dictionary ?? [:]
        let fields = try file.resolve(form["Fields"]).array ?? []
        form["Fields"] = .array(fields + [.reference(fieldRef)])
        form["SigFlags"] = .number("3")  // SignaturesExist, AppendOnly: readers keep later edits incremental
        if let formRef = catalog["AcroForm"]?.reference { update.rewrite(formRef, .dictionary(form)) } else {
            catalog["AcroForm"] = .dictionary(form)
            update.rewrite(file.root, .dictionary(catalog))
        }
        var pageDictionary = try file.dictionary(.reference(page), "the last page")
        pageDictionary["Annots"] = .array((try file.resolve(pageDictionary["Annots"]).array ?? []) + [.reference(fieldRef)])
        update.rewrite(page, .dictionary(pageDictionary))
        update.rewrite(fieldRef, .dictionary([
            "Type": .name("Annot"), "Subtype": .name("Widget"), "FT": .name("Sig"),
            "F": .number("132"),  // Print, Locked
            "T": .text("Chữ ký số \(fields.count + 1)"), "V": .reference(value), "P": .reference(page),
            "Rect": .array(Array(repeating: .number("0"), count: 4)),  // invisible: the report prints the signer's block itself
        ]))
        return update
    }

    /// The update's trailer: the old one's document identity and information, pointing back at it.
    static func trailer(of file: PDFFile, size: Int, time: Date) -> [String: PDFObject] {
        var trailer: [String: PDFObject] = ["Size": .number(String(size)), "Root": .reference(file.root), "Prev": .number(String(file.startxref))]
        if let info = file.trailer["Info"] { trailer["Info"] = info }
        // The first identifier names the document for good; the second this revision of it.
        let revision = Array(SHA256.hash(data: file.bytes + Array(PDFDate.string(time).utf8)).prefix(16))
        let first = file.trailer["ID"]?.array?.first ?? .string(revision)
        trailer["ID"] = .array([first, .string(revision)])
        return trailer
    }

    static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (haystack.startIndex...(haystack.endIndex - needle.count)).first { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}

/// The objects an incremental update writes, then its cross-reference section and trailer.
struct Update {
    private var objects: [(PDFReference, String)] = []

    mutating func rewrite(_ reference: PDFReference, _ object: PDFObject) { rewrite(reference, raw: object.pdf) }
    mutating func rewrite(_ reference: PDFReference, raw: String) { objects.append((reference, raw)) }

    /// Appends the objects, the section and the trailer; returns where each object starts, from `out`'s old end.
    func write(to out: inout [UInt8], trailer: [String: PDFObject]) -> [Int: Int] {
        let base = out.count
        var at: [Int: Int] = [:]
        for (reference, body) in objects {
            at[reference.number] = out.count - base
            out += Array("\(reference.number) \(reference.generation) obj\n\(body)\nendobj\n".utf8)
        }
        let xref = out.count
        var section = "xref\n"
        // One subsection per run of consecutive numbers; every entry exactly 20 bytes.
        let sorted = objects.map(\.0).sorted { $0.number < $1.number }
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1].number == sorted[j].number + 1 { j += 1 }
            section += "\(sorted[i].number) \(j - i + 1)\n"
            for r in sorted[i...j] { section += String(format: "%010d %05d n\r\n", base + at[r.number]!, r.generation) }
            i = j + 1
        }
        section += "trailer\n\(PDFObject.dictionary(trailer).pdf)\nstartxref\n\(xref)\n%%EOF\n"
        out += Array(section.utf8)
        return at
    }
}

/// PDF dates (§7.9.4): "D:20261203194500+07'00'", in Vietnam's time.
enum PDFDate {
    static let vietnam = TimeZone(secondsFromGMT: 7 * 3600)!

    /// A moment's fields on Vietnam's clock (no daylight saving: always UTC+7).
    static func fields(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = vietnam
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    static func string(_ date: Date) -> String {
        let c = fields(date)
        return String(format: "D:%04d%02d%02d%02d%02d%02d+07'00'", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// Reads "D:YYYYMMDDHHmmSS" with its optional offset ("Z", "+07'00'"); the parts left out count from the start.
    static func date(_ text: String) -> Date? {
        var s = Substring(text)
        if s.hasPrefix("D:") { s = s.dropFirst(2) }
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        guard digits.count >= 4 else { return nil }
        func part(_ from: Int, _ length: Int, _ otherwise: Int) -> Int {
            let chars = Array(digits)
            guard chars.count >= from + length else { return otherwise }
            return Int(String(chars[from..<from + length])) ?? otherwise
        }
        var rest = s.dropFirst(digits.count)
        var offset = 0
        if let sign = rest.first, sign == "+" || sign == "-" {
            rest = rest.dropFirst()
            let numbers = rest.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            offset = ((numbers.first ?? 0) * 3600 + (numbers.dropFirst().first ?? 0) * 60) * (sign == "-" ? -1 : 1)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset) ?? vietnam
        return calendar.date(from: DateComponents(year: part(0, 4, 0), month: part(4, 2, 1), day: part(6, 2, 1),
                                                  hour: part(8, 2, 0), minute: part(10, 2, 0), second: part(12, 2, 0)))
    }
}
