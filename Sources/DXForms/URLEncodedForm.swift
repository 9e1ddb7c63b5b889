import Foundation

/// The fields of an `application/x-www-form-urlencoded` body, as every HTML form
/// of dxtrack posts them: `a=1&b=x+y%C3%A0`. Total: any bytes give some fields
/// (the fuzz target `form` holds it to that); a field given twice keeps the last.
public enum URLEncodedForm {
    public static func fields(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if let key = parts.first { out[key] = parts.count > 1 ? parts[1] : "" }
        }
        return out
    }
}
