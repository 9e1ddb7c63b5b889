import DXDomain
import DXStorage

/// The catalogue of the published indicators, for portals that harvest it: in DCAT-AP
/// as JSON-LD (`/open-data/catalog.jsonld`, its context inline, so it reads offline)
/// and in the Project Open Data `data.json` that CKAN and the US and EU portals read.
/// Each indicator is a dataset with its publisher, licence, update frequency, last
/// approval and its distributions: CSV, JSON and the Frictionless package.
struct OpenDataCatalog {
    let entries: [OpenData.Entry]
    let base: String
    let settings: OpenDataSettings
    let publisher: String

    static let context: JSONValue = .object([
        "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
        "vcard": "http://www.w3.org/2006/vcard/ns#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    ])

    /// The entries with public values: what a harvester can fetch today.
    var datasets: [OpenData.Entry] { entries.filter { $0.valueCount > 0 } }

    func url(_ code: String, _ format: String?) -> String { base + SiteURL.openDataIndicator(code, format: format).path }

    /// EU's frequency vocabulary for a period type.
    static func frequency(_ t: PeriodType?) -> String {
        let name = switch t {
        case .daily: "DAILY"
        case .weekly: "WEEKLY"
        case .monthly: "MONTHLY"
        case .quarterly: "QUARTERLY"
        case .sixMonthly: "ANNUAL_2"
        case .yearly: "ANNUAL"
        case nil: "IRREG"
        }
        return "http://publications.europa.eu/resource/authority/frequency/\(name)"
    }

    /// ISO 8601 repeating durations, as `data.json` says how often.
    static func accrual(_ t: PeriodType?) -> String? {
        switch t {
        case .daily: "R/P1D"
        case .weekly: "R/P1W"
        case .monthly: "R/P1M"
        case .quarterly: "R/P3M"
        case .sixMonthly: "R/P6M"
        case .yearly: "R/P1Y"
        case nil: nil
        }
    }

    var jsonLD: JSONValue {
        let agent: JSONValue = .object(["@id": .string(base + "/"), "@type": "foaf:Agent", "foaf:name": .string(publisher)])
        let license: JSONValue = .object(["@id": .string(settings.licenseURL)])
        func text(_ vi: String, _ en: String) -> JSONValue {
            .array([.object(["@value": .string(vi), "@language": "vi"]), .object(["@value": .string(en), "@language": "en"])])
        }
        func distribution(_ code: String, _ format: String, _ media: String, _ title: String) -> JSONValue {
            .object(["@id": .string(url(code, format)), "@type": "dcat:Distribution", "dct:title": .string(title),
                     "dcat:accessURL": .object(["@id": .string(url(code, nil))]), "dcat:downloadURL": .object(["@id": .string(url(code, format))]),
                     "dcat:mediaType": .object(["@id": .string("http://www.iana.org/assignments/media-types/\(media)")]),
                     "dct:format": .string(format.uppercased()), "dct:license": license])
        }
        let datasets: [JSONValue] = datasets.map { e in
            let i = e.indicator
            var d: [String: JSONValue] = [
                "@id": .string(url(i.code, nil)), "@type": "dcat:Dataset", "dct:identifier": .string(i.code),
                "dct:title": text(i.nameVi, i.nameEn), "dct:description": .string(i.definitionVi ?? i.nameVi),
                "dct:publisher": agent, "dct:license": license, "dct:language": .object(["@id": "http://publications.europa.eu/resource/authority/language/VIE"]),
                "dct:accrualPeriodicity": .object(["@id": .string(Self.frequency(e.frequency))]),
                "dcat:keyword": .array([.string(i.code), "chuyển đổi số"]),
                "dcat:landingPage": .object(["@id": .string(url(i.code, nil))]),
                "dcat:distribution": .array([distribution(i.code, "csv", "text/csv", "CSV"), distribution(i.code, "json", "application/json", "JSON"),
                                             .object(["@id": .string(base + SiteURL.openDataPackage(i.code).path), "@type": "dcat:Distribution",
                                                      "dct:title": "Frictionless Data package",
                                                      "dcat:downloadURL": .object(["@id": .string(base + SiteURL.openDataPackage(i.code).path)]),
                                                      "dcat:mediaType": .object(["@id": "http://www.iana.org/assignments/media-types/application/json"]),
                                                      "dct:conformsTo": .object(["@id": "https://specs.frictionlessdata.io/data-package/"]),
                                                      "dct:license": license])]),
            ]
            if let m = e.lastApproved { d["dct:modified"] = .object(["@value": .string(m.iso), "@type": "xsd:date"]) }
            if let email = settings.contactEmail {
                d["dcat:contactPoint"] = .object(["@type": "vcard:Organization", "vcard:fn": .string(publisher),
                                                  "vcard:hasEmail": .object(["@id": .string("mailto:\(email)")])])
            }
            return .object(d)
        }
        return .object([
            "@context": Self.context, "@id": .string(base + SiteURL.openDataCatalog(jsonLD: true).path), "@type": "dcat:Catalog",
            "dct:title": text("Dữ liệu mở chuyển đổi số", "Digital transformation open data"),
            "dct:description": .string("Số liệu đã phê duyệt của các chỉ tiêu chuyển đổi số, theo đơn vị và kỳ."),
            "dct:publisher": agent, "dct:license": license, "foaf:homepage": .object(["@id": .string(base + SiteURL.openData.path)]),
            "dcat:dataset": .array(datasets),
        ])
    }

    var dataJSON: JSONValue {
        let contact = JSONValue.object(["@type": "vcard:Contact", "fn": .string(publisher),
                                        "hasEmail": settings.contactEmail.map { .string("mailto:\($0)") }] as KeyValuePairs<String, JSONValue?>)
        let datasets: [JSONValue] = datasets.map { e in
            let i = e.indicator
            func distribution(_ format: String, _ media: String) -> JSONValue {
                .object(["@type": "dcat:Distribution", "downloadURL": .string(url(i.code, format)), "mediaType": .string(media),
                         "format": .string(format.uppercased()), "title": .string("\(i.nameVi) (\(format.uppercased()))")])
            }
            return .object([
                "@type": "dcat:Dataset", "identifier": .string(url(i.code, nil)), "title": .string(i.nameVi),
                "description": .string(i.definitionVi ?? i.nameEn), "keyword": .array([.string(i.code), "chuyển đổi số"]),
                "modified": e.lastApproved.map { .string($0.iso) }, "accrualPeriodicity": Self.accrual(e.frequency).map { .string($0) },
                "publisher": .object(["@type": "org:Organization", "name": .string(publisher)]), "contactPoint": contact,
                "accessLevel": "public", "license": .string(settings.licenseURL), "language": .array(["vi"]),
                "landingPage": .string(url(i.code, nil)),
                "distribution": .array([distribution("csv", "text/csv"), distribution("json", "application/json")]),
            ] as KeyValuePairs<String, JSONValue?>)
        }
        return .object([
            "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld", "@type": "dcat:Catalog",
            "conformsTo": "https://project-open-data.cio.gov/v1.1/schema", "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
            "dataset": .array(datasets),
        ])
    }
}
