// swift-tools-version:6.2
import PackageDescription

// libFuzzer harnesses for dxtrack's parsers. Built and run by fuzz/run.sh with
// `-sanitize=fuzzer,address` on every module, so coverage guides the fuzzer into
// dxtrack's own code and any memory error or trap is a finding.
let package = Package(
    name: "dxfuzz",
    dependencies: [.package(path: "dxtrack")],  // a link to the repository, made by run.sh
    targets: [
        .target(name: "CFuzzMain"),
        .executableTarget(
            name: "dxfuzz",
            dependencies: [
                "CFuzzMain",
                .product(name: "DXDomain", package: "dxtrack"),
                .product(name: "DXSpreadsheet", package: "dxtrack"),
                .product(name: "DXCatalog", package: "dxtrack"),
                .product(name: "DXForms", package: "dxtrack"),
            ]
        ),
    ]
)
