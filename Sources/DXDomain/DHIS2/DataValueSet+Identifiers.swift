/// A data value set as a DHIS2 client names things, turned into dxtrack's codes and back.
extension DataValueSet {
    /// The set with every identifier read as a code under `schemes`, the conflicts of the
    /// rows naming a UID nobody has, and the identifier the client used for each code,
    /// so that conflicts can be told in the client's own terms.
    public func readingIdentifiers(_ ids: DHIS2Identifiers, schemes: IdSchemes) -> (set: DataValueSet, refused: [Conflict], sent: [String: String]) {
        var out = self, refused: [Conflict] = [], sent: [String: String] = [:]
        func read(_ id: String, _ kind: DHIS2Kind, _ scheme: IdScheme, field: String, row: Int?) -> String? {
            if id.isEmpty || (kind == .categoryOptionCombo && DataValueSet.isDefault(id)) { return id }
            guard let code = ids.read(id, as: kind, scheme: scheme) ?? (kind == .dataElement ? ids.read(id, as: .indicator, scheme: scheme) : nil) else {
                refused.append(Conflict(object: id, error: .unknownUID(id, field: field), indexes: row.map { [$0] } ?? Array(dataValues.indices)))
                return nil
            }
            sent[code] = id
            return code
        }
        if let ds = dataSet { out.dataSet = read(ds, .dataSet, schemes.dataSet, field: "dataSet", row: nil) ?? ds }
        if let ou = orgUnit { out.orgUnit = read(ou, .organisationUnit, schemes.orgUnit, field: "orgUnit", row: nil) ?? ou }
        for (i, row) in dataValues.enumerated() {
            guard refused.allSatisfy({ !$0.indexes.contains(i) }) else { continue }
            var r = row
            let de = read(row.dataElement, .dataElement, schemes.dataElement, field: "dataElement", row: i)
            let ou = read(row.orgUnit, .organisationUnit, schemes.orgUnit, field: "orgUnit", row: i)
            let coc = row.categoryOptionCombo.map { read($0, .categoryOptionCombo, schemes.categoryOptionCombo, field: "categoryOptionCombo", row: i) }
            if let de { r.dataElement = de }
            if let ou { r.orgUnit = ou }
            if let coc, let c = coc { r.categoryOptionCombo = c }
            out.dataValues[i] = r
        }
        return (out, refused, sent)
    }

    /// The set with dxtrack's codes replaced by the UIDs the objects have.
    public func writingUIDs(_ ids: DHIS2Identifiers) -> DataValueSet {
        var out = self
        func element(_ code: String) -> String { ids.uid(.dataElement, code) ?? ids.uid(.indicator, code) ?? code }
        out.dataSet = dataSet.map { ids.uid(.dataSet, $0) ?? $0 }
        out.orgUnit = orgUnit.map { ids.uid(.organisationUnit, $0) ?? $0 }
        out.dataValues = dataValues.map { row in
            var r = row
            r.dataElement = element(row.dataElement)
            r.orgUnit = ids.uid(.organisationUnit, row.orgUnit) ?? row.orgUnit
            r.categoryOptionCombo = ids.uid(.categoryOptionCombo, row.categoryOptionCombo ?? "default")
            r.attributeOptionCombo = ids.uid(.categoryOptionCombo, "default")
            return r
        }
        return out
    }
}
