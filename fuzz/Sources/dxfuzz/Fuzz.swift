import DXCatalog
import DXDomain
import DXSpreadsheet
import Foundation

/// Which parser this run fuzzes: `DXFUZZ_TARGET` = period | number | csv | xml | xlsx | json | adx | yaml.
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
    case "yaml":
        _ = CatalogLoader.read(text: text, file: "fuzz.yaml")
    default:
        fatalError("unknown DXFUZZ_TARGET \(target)")
    }
    return 0
}
