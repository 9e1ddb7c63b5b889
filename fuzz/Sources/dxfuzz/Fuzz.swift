import DXCatalog
import DXDomain
import DXForms
import DXSpreadsheet
import Foundation

/// Which parser this run fuzzes: `DXFUZZ_TARGET` = period | number | csv | xml | xlsx | json | adx | yaml |
/// multipart | form | evidence. Together they are every parser a request body reaches: JSON
/// (each type a route decodes), DHIS2's JSON, ADX and CSV, DHIS2's metadata queries and registrations, value files (CSV, XLSX), multipart
/// uploads, URL-encoded forms and evidence files.
let target = ProcessInfo.processInfo.environment["DXFUZZ_TARGET"] ?? "period"

/// libFuzzer calls this with each input. Parsers may refuse input; they must never
/// crash, hang, or break the round-trip properties checked here (a failed
/// `precondition` is reported by libFuzzer as a crash, with the input saved).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    switch target {
    case "period":
        if let p = try? Period(text) { precondition((try? Period(p.id)) == p, "period round trip: \(text)") }
    case "number":
        if let x = VietnameseNumber.parse(text), x.isFinite, abs(x) < 1e15 {
            precondition(VietnameseNumber.parse(VietnameseNumber.plain(x)) == x, "number round trip: \(text)")
        }
    case "csv":
        _ = ValueFile.read(csv: text)
    case "xml":
        _ = try? XMLScanner.events(bytes, part: "fuzz")
    case "xlsx":
        _ = ImportFile.read(bytes)
    case "adx":
        _ = (try? DataValueSet(adx: bytes))?.inputs()
        _ = (try? DataValueSet(csv: text))?.inputs()
    case "json":
        _ = (try? JSONDecoder().decode(DataValueSet.self, from: Data(bytes)))?.inputs()
        _ = try? JSONDecoder().decode([DataValueInput].self, from: Data(bytes))
        _ = try? JSONDecoder().decode(Target.self, from: Data(bytes))
        _ = try? JSONDecoder().decode(ReportForm.self, from: Data(bytes))
        // The bodies the routes decode: values, a campaign, a registered system, a score.
        _ = try? JSONDecoder().decode([String: [DataValueInput]].self, from: Data(bytes))
        _ = try? JSONDecoder().decode(Campaign.self, from: Data(bytes)).validate()
        _ = try? JSONDecoder().decode(InformationSystem.self, from: Data(bytes))
        _ = try? JSONDecoder().decode([String: Double?].self, from: Data(bytes))
    case "dhis2":
        // A DHIS2 client's query (`fields=…&filter=…&order=…&page=…`), applied to a unit, and its bodies.
        let pairs = text.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(kv[0]), kv.count > 1 ? String(kv[1]) : "")
        }
        if let q = try? MetadataQuery(pairs) {
            let unit: JSONValue = .object(["id": "ExgjflrAAV3", "code": "20", "level": 1, "children": .array([.object(["id": "sEyJUgBu8R4"])])])
            _ = q.apply(to: [unit, unit], lookup: { $0 == "ExgjflrAAV3" ? unit : nil })
        }
        _ = try? JSONDecoder().decode(CompleteRegistrations.self, from: Data(bytes))
        _ = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        _ = IdScheme(rawValue: text)
    case "yaml":
        _ = CatalogLoader.read(text: text, file: "fuzz.yaml")
    case "multipart":
        // The first line names the boundary, as a browser's Content-Type header would.
        let boundary = text.prefix { $0 != "\r" && $0 != "\n" }.drop { $0 == "-" }
        _ = try? MultipartForm(body: bytes, contentType: "multipart/form-data; boundary=\(boundary)")
        _ = try? MultipartForm(body: bytes, contentType: "multipart/form-data; boundary=B")
    case "form":
        // Every form a page posts, read by Hummingbird's URLEncodedFormDecoder.
        _ = try? PageForm.decode(SignInForm.self, from: text)
        _ = try? PageForm.decode(TokenForm.self, from: text)
        _ = try? PageForm.decode(CampaignSetup.self, from: text)
        _ = try? PageForm.decode(CommitteeStepForm.self, from: text)
        _ = try? PageForm.decode(ApprovalBatchForm.self, from: text).items()
        _ = try? PageForm.decode(MailSettingsForm.self, from: text)
        _ = try? PageForm.decode(UrgeForm.self, from: text)
        _ = try? PageForm.decode(RegistryEntryForm.self, from: text).system(code: "X")
        if let entry = try? PageForm.decode(ReportEntryForm.self, from: text) {
            precondition(entry.entered.count <= text.utf8.count, "more fields than bytes: \(text)")
        }
    case "evidence":
        if let file = try? EvidenceFile(filename: text.prefix(40).description, bytes: bytes) {
            precondition(EvidenceFile.sniff(bytes) == file.contentType, "evidence type: \(file.contentType)")
        }
    default:
        fatalError("unknown DXFUZZ_TARGET \(target)")
    }
    return 0
}
