import DXDomain
import Foundation
import Testing

/// DHIS2's metadata conventions, as its Web API documents them: UIDs, `fields=`,
/// `filter=`, `order=` and paging, and dxtrack's catalog shown in them.
@Suite struct DHIS2MetadataTests {
    static let province = OrgUnit(code: "20", name: "Tỉnh Lạng Sơn", kind: .province)
    static let department = OrgUnit(code: "20-STTTT", name: "Sở Thông tin và Truyền thông", kind: .department, parentCode: "20")
    static let ward = OrgUnit(code: "05983", name: "Phường Lương Văn Tri", kind: .ward, parentCode: "20",
                              validFrom: LocalDate(year: 2025, month: 7, day: 1))
    static let share = Indicator(code: "cqs", nameVi: "Tỷ lệ hồ sơ", nameEn: "Share", pillar: .digitalGovernment, valueType: .percentage,
                                 aggregation: .ratioOfSums, direction: .higherIsBetter, decimals: 1, unitVi: "%")
    static let count = Indicator(code: "cks", nameVi: "Số phương tiện", nameEn: "Vehicles", pillar: .digitalEconomy, valueType: .count,
                                 aggregation: .sum, direction: .higherIsBetter, decimals: 0, unitVi: "lượt")
    static let form = ReportForm(code: "F", nameVi: "Báo cáo quý", periodType: .quarterly, unitKinds: [.department],
                                 indicators: ["cqs", "cks"], deadline: .daysAfterPeriodEnd(30), lockDaysAfterDeadline: 10)

    static var ids: DHIS2Identifiers {
        var entries: [DHIS2Identifiers.Entry] = [province, department, ward].map { .init(.organisationUnit, code: $0.code, uid: DHIS2UID.derived(.organisationUnit, code: $0.code)) }
        entries += ["cqs", "cks"].map { .init(.dataElement, code: $0, uid: DHIS2UID.derived(.dataElement, code: $0)) }
        entries.append(.init(.dataSet, code: "F", uid: "FormUid0001"))
        return DHIS2Identifiers(entries)
    }

    static var metadata: DHIS2Metadata {
        DHIS2Metadata(units: [ward, department, province], indicators: [share, count], forms: [form], ids: ids)
    }

    static func uid(_ code: String) -> String { ids.uid(.organisationUnit, code)! }

    @Test func uidsAreDHIS2sShapeTheSameEveryTimeAndDifferByKind() {
        let a = DHIS2UID.derived(.organisationUnit, code: "20")
        #expect(DHIS2UID.isValid(a) && a.count == 11 && a.first!.isLetter)
        #expect(a == DHIS2UID.derived(.organisationUnit, code: "20"))
        #expect(a != DHIS2UID.derived(.dataSet, code: "20") && a != DHIS2UID.derived(.organisationUnit, code: "21"))
        let many = Set((0..<2000).map { DHIS2UID.derived(.organisationUnit, code: String($0)) })
        #expect(many.count == 2000 && many.allSatisfy(DHIS2UID.isValid))
        for bad in ["", "1abcdefghij", "abcdefghij", "abcdefghijkl", "abc-efghijk", "ÁbcdefghijK"] { #expect(!DHIS2UID.isValid(bad), "\(bad)") }
        #expect(DHIS2UID.isValid("HllvX50cXC0"))
    }

    @Test func unitsHaveLevelPathParentChildrenAndDates() throws {
        let m = Self.metadata
        let units = try #require(m.lists[.organisationUnits])
        let ward = try #require(units.first { $0["code"] == "05983" })
        #expect(ward["level"] == 2 && ward["path"]?.text == "/\(Self.uid("20"))/\(Self.uid("05983"))")
        #expect(ward["parent"] == .object(["id": .string(Self.uid("20"))]) && ward["openingDate"]?.text == "2025-07-01T00:00:00.000")
        let root = try #require(units.first { $0["code"] == "20" })
        #expect(root["level"] == 1 && root["parent"] == nil && root["leaf"] == false)
        #expect(root["children"] == .array([.object(["id": .string(Self.uid("05983"))]), .object(["id": .string(Self.uid("20-STTTT"))])]))
        #expect(m.roots == ["20"])
        #expect(m.lists[.organisationUnitLevels]?.map { $0["level"] } == [1, 2])
    }

    @Test func aFormIsADataSetAndAFractionTravelsAsNumeratorAndDenominator() throws {
        let m = Self.metadata
        let ds = try #require(m.lists[.dataSets]?.first)
        #expect(ds["id"] == "FormUid0001" && ds["periodType"] == "Quarterly")
        // Locked 10 days after a deadline 30 days after the quarter: DHIS2's expiry of 40 days.
        #expect(ds["expiryDays"] == 40 && ds["timelyDays"] == 30)
        #expect(ds["organisationUnits"] == .array([.object(["id": .string(Self.uid("20-STTTT"))])]))
        let share = try #require(m.lists[.dataElements]?.first { $0["code"] == "cqs" })
        let fraction = try #require(m.ids.uid(.categoryCombo, DHIS2Identifiers.fraction))
        #expect(share["categoryCombo"] == .object(["id": .string(fraction)]) && share["valueType"] == "PERCENTAGE")
        let combo = try #require(m.lookup(fraction))
        let options = FieldSelection(try FieldSelection(parsing: "categoryOptionCombos[code]").items).apply(to: combo, lookup: m.lookup)
        #expect(options == .object(["categoryOptionCombos": .array([.object(["code": "NUMERATOR"]), .object(["code": "DENOMINATOR"])])]))
        #expect(m.lists[.dataElements]?.first { $0["code"] == "cks" }?["categoryCombo"] == .object(["id": "bjDvmb4bfuf"]))
    }

    @Test func fieldsSelectMembersFollowReferencesAndLeaveOut() throws {
        let m = Self.metadata
        let ward = try #require(m.lists[.organisationUnits]?.first { $0["code"] == "05983" })
        let picked = try FieldSelection(parsing: "id,name,parent[code,children[code]],level~rename(bac)").apply(to: ward, lookup: m.lookup)
        #expect(picked == .object(["id": .string(Self.uid("05983")), "name": "Phường Lương Văn Tri", "bac": 2,
                                   "parent": .object(["code": "20", "children": .array([.object(["code": "05983"]), .object(["code": "20-STTTT"])])])]))
        // Everything: references by id only; one member left out.
        let all = try FieldSelection(parsing: "*,!path").apply(to: ward, lookup: m.lookup)
        #expect(all["path"] == nil && all["parent"] == .object(["id": .string(Self.uid("20"))]) && all["code"] == "05983")
        let identifiable = try FieldSelection(parsing: ":identifiable").apply(to: ward, lookup: m.lookup)
        #expect(identifiable == .object(["id": .string(Self.uid("05983")), "code": "05983", "name": "Phường Lương Văn Tri",
                                         "displayName": "Phường Lương Văn Tri"]))
        for bad in ["parent[id", "id]", "name~size", "a[]]", String(repeating: "a[", count: 40) + "b"] {
            #expect(throws: DomainError.self, "\(bad)") { try FieldSelection(parsing: bad) }
        }
    }

    @Test func filtersMatchAsDHIS2sOperatorsDo() throws {
        let m = Self.metadata, units = m.lists[.organisationUnits]!
        func codes(_ filters: String..., or: Bool = false) throws -> [String] {
            var q = try MetadataQuery(filters.map { ("filter", $0) } + [("paging", "false"), ("fields", "code")] + (or ? [("rootJunction", "OR")] : []))
            q.order = [("code", true, false)]
            return q.apply(to: units, lookup: m.lookup).items.compactMap { $0["code"]?.text }
        }
        #expect(try codes("code:eq:20") == ["20"])
        #expect(try codes("code:!eq:20") == ["05983", "20-STTTT"])
        #expect(try codes("name:ilike:PHƯỜNG") == ["05983"] && codes("name:like:phường") == ["05983"])
        #expect(try codes("name:$like:Sở") == ["20-STTTT"] && codes("name:like$:Sơn") == ["20"])
        #expect(try codes("code:in:[20,05983]") == ["05983", "20"] && codes("code:!in:[20,05983]") == ["20-STTTT"])
        #expect(try codes("parent:null") == ["20"] && codes("parent:!null") == ["05983", "20-STTTT"])
        #expect(try codes("parent.code:eq:20") == ["05983", "20-STTTT"], "through a reference")
        #expect(try codes("children.code:eq:05983") == ["20"], "any element of a list")
        #expect(try codes("level:gt:1") == ["05983", "20-STTTT"] && codes("level:le:1") == ["20"])
        #expect(try codes("level:ge:1", "code:eq:20") == ["20"], "ANDed")
        #expect(try codes("code:eq:20", "code:eq:05983", or: true) == ["05983", "20"], "rootJunction=OR")
        for bad in ["code", "code:eq", ":eq:1", "code:near:1", Array(repeating: "a", count: 40).joined(separator: ".") + ":eq:1"] {
            #expect(throws: DomainError.self, "\(bad)") { try MetadataFilter(parsing: bad) }
        }
    }

    @Test func listsPageAndOrderAsDHIS2Does() throws {
        let m = Self.metadata, units = m.lists[.organisationUnits]!
        let first = try MetadataQuery([("pageSize", "2"), ("order", "name:desc")]).apply(to: units, lookup: m.lookup)
        #expect(first.pager == Pager(page: 1, pageSize: 2, total: 3) && first.pager?.pageCount == 2 && first.pager?.hasNext == true)
        #expect(first.items.map { $0["displayName"]?.text } == ["Tỉnh Lạng Sơn", "Sở Thông tin và Truyền thông"])
        #expect(first.items.allSatisfy { Set($0.objectKeys) == ["id", "displayName"] }, "id and displayName unless fields says")
        let second = try MetadataQuery([("pageSize", "2"), ("page", "2"), ("order", "name:desc")]).apply(to: units, lookup: m.lookup)
        #expect(second.items.count == 1 && second.pager?.hasNext == false)
        let beyond = try MetadataQuery([("page", "9")]).apply(to: units, lookup: m.lookup)
        #expect(beyond.items.isEmpty && beyond.pager?.total == 3)
        #expect(try MetadataQuery([("paging", "false")]).apply(to: units, lookup: m.lookup).pager == nil)
        #expect(try MetadataQuery([("pageSize", "999999")]).pageSize == MetadataQuery.maxPageSize)
        for (name, value) in [("page", "0"), ("page", "x"), ("page", "99999999999999999"), ("order", "name:sideways"), ("order", ":"), ("order", "a:b:c")] {
            #expect(throws: DomainError.self, "\(name)=\(value)") { try MetadataQuery([(name, value)]) }
        }
    }

    @Test func identifiersAreReadUnderTheSchemeTheClientNamed() throws {
        let ids = Self.ids, uid = Self.uid("20-STTTT")
        #expect(ids.read(uid, as: .organisationUnit, scheme: .uid) == "20-STTTT")
        #expect(ids.read("20-STTTT", as: .organisationUnit, scheme: .uid) == nil, "a code is no UID")
        #expect(ids.read("20-STTTT", as: .organisationUnit, scheme: .code) == "20-STTTT")
        #expect(ids.read(uid, as: .organisationUnit, scheme: .either) == "20-STTTT" && ids.read("X", as: .organisationUnit, scheme: .either) == "X")
        #expect(ids.uid(.categoryOptionCombo, "default") == "HllvX50cXC0")
        let schemes = try IdSchemes { ["idScheme": "code", "orgUnitIdScheme": "UID"][$0] }
        #expect(schemes.dataElement == .code && schemes.orgUnit == .uid && schemes.dataSet == .code)
        #expect(throws: DomainError.self) { try IdSchemes { $0 == "idScheme" ? "NAME" : nil } }
    }

    @Test func aSetNamedByUIDBecomesCodesAndBack() throws {
        let ids = Self.ids, unit = Self.uid("20-STTTT"), de = ids.uid(.dataElement, "cqs")!
        let numerator = ids.uid(.categoryOptionCombo, DataValueSet.numerator)!
        var set = DataValueSet(dataValues: [
            .init(dataElement: de, period: "2025Q1", orgUnit: unit, categoryOptionCombo: numerator, value: "3"),
            .init(dataElement: "NoSuchUid00", period: "2025Q1", orgUnit: unit, value: "1"),
            .init(dataElement: "cks", period: "2025Q1", orgUnit: unit, categoryOptionCombo: "HllvX50cXC0", value: "2"),
        ])
        set.dataSet = "FormUid0001"
        var schemes = IdSchemes()
        schemes.dataElement = .uid
        let (read, refused, sent) = set.readingIdentifiers(ids, schemes: schemes)
        #expect(read.dataSet == "F" && read.dataValues[0].dataElement == "cqs" && read.dataValues[0].orgUnit == "20-STTTT")
        #expect(read.dataValues[0].categoryOptionCombo == DataValueSet.numerator && read.dataValues[2].categoryOptionCombo == "HllvX50cXC0")
        #expect(refused.map(\.object) == ["NoSuchUid00", "cks"] && refused.map(\.indexes) == [[1], [2]], "strict UID: a code is refused too")
        #expect(sent["20-STTTT"] == unit && sent["cqs"] == de)
        #expect(read.inputs(skipping: Set(refused.flatMap(\.indexes))).inputs.map(\.indicator) == ["cqs"])

        let out = DataValueSet(values: [DataValue(unitCode: "20-STTTT", indicatorCode: "cks", period: try Period("2025Q1"), value: 2)]).writingUIDs(ids)
        #expect(out.dataValues.map(\.dataElement) == [ids.uid(.dataElement, "cks")!] && out.dataValues[0].orgUnit == unit)
        #expect(out.dataValues[0].categoryOptionCombo == "HllvX50cXC0" && out.dataValues[0].attributeOptionCombo == "HllvX50cXC0")
    }

    @Test func jsonValueRoundTripsAndWritesWholeNumbersAsIntegers() throws {
        let text = #"{"a":[1,2.5,"x",true,null,{"b":{}}]}"#
        let v = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(v), as: UTF8.self) == text)
        #expect(JSONValue.number(2).text == "2" && JSONValue.bool(true).text == "true" && JSONValue.null.text == nil)
    }
}

extension JSONValue {
    var objectKeys: [String] { if case .object(let o) = self { Array(o.keys) } else { [] } }
}

/// Pushing to another DHIS2: when a period is due, and the file that maps codes to its UIDs.
@Suite struct PushTargetTests {
    @Test func thePeriodDueIsTheLatestThatEndedLongEnoughAgo() {
        let t = PushTarget(name: "q", url: "https://dhis2.gov.vn/api/40/dataValueSets", unit: "20", periodType: .quarterly, afterDays: 10)
        #expect(t.duePeriod(on: LocalDate(year: 2025, month: 4, day: 10)!).id == "2025Q1", "31/03 + 10 days")
        #expect(t.duePeriod(on: LocalDate(year: 2025, month: 4, day: 9)!).id == "2024Q4")
        #expect(PushTarget(name: "m", url: "x", unit: "20", periodType: .monthly).duePeriod(on: LocalDate(year: 2025, month: 3, day: 1)!).id == "202502")
        #expect(t.apiRoot == "https://dhis2.gov.vn/api/40")
    }

    @Test func aMappingFileIsReadOrEveryProblemNamed() throws {
        let entries = try UIDMapFile.read("kind,code,uid\r\norganisationUnit,20,Rp268JB6Ne4\n\ndataElement,cks,fbfJHSPpUQD\n", file: "map.csv")
        #expect(entries == [.init(.organisationUnit, code: "20", uid: "Rp268JB6Ne4"), .init(.dataElement, code: "cks", uid: "fbfJHSPpUQD")])
        #expect(throws: DomainErrors.self) { try UIDMapFile.read("code,uid\n20,Rp268JB6Ne4\n", file: "map.csv") }
        do {
            _ = try UIDMapFile.read("kind,code,uid\nunit,20,Rp268JB6Ne4\norganisationUnit,,Rp268JB6Ne4\norganisationUnit,21,short\norganisationUnit,22,Rp268JB6Ne5\norganisationUnit,22,Rp268JB6Ne6\n", file: "map.csv")
            Issue.record("a broken file was taken")
        } catch {
            #expect(error.errors.map(\.field) == ["kind", "code", "uid", "code"])
            #expect(error.errors[0].vi.hasPrefix("map.csv, dòng 2, cột kind") && error.errors[3].en.contains("line 6") && error.errors[3].en.contains("line 5"))
        }
    }

    @Test func aSetSaysWhatTheTargetHasNoUIDFor() {
        let set = DataValueSet(dataValues: [.init(dataElement: "cqs", period: "2025Q1", orgUnit: "20", categoryOptionCombo: "NUMERATOR", value: "1"),
                                            .init(dataElement: "cks", period: "2025Q1", orgUnit: "20", value: "2")])
        let ids = DHIS2Identifiers([.init(.organisationUnit, code: "20", uid: "Rp268JB6Ne4"), .init(.dataElement, code: "cks", uid: "fbfJHSPpUQD"),
                                    .init(.categoryOptionCombo, code: "default", uid: "HllvX50cXC0")], builtIn: false)
        #expect(set.unmapped(ids).map { "\($0.0.rawValue) \($0.1)" } == ["categoryOptionCombo NUMERATOR", "dataElement cqs"])
    }
}
