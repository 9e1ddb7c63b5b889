import Foundation

/// The catalog dxtrack ships: every target of the four seed plans (Lạng Sơn and
/// Sơn La), their indicators, the two provinces' units before and after the 2025
/// reorganisation, and the national province map. A province copies this folder
/// and edits it: `dxtrack catalog check` and `dxtrack catalog import` take any copy.
public enum StarterCatalog {
    /// The folder of the shipped catalog.
    public static var path: String {
        Bundle.module.resourceURL!.appendingPathComponent("StarterCatalog").path
    }
}
