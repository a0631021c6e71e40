// swift-tools-version:6.0
import PackageDescription

// Layout (dependencies point one way, top to bottom):
//   Validation                      typed errors for bad input (pure Swift)
//   GSL, BLAS, Randomness           numerical back-ends and random streams
//   ClaimKit                        the paper-agnostic framework: statistics, claims, runner, report, diff, calibrate
//   ClaimKitCLI, ClaimKitTesting    the command line as a library; statistical checks inside Swift Testing
//   RandomNetworks                  the models the papers talk about (knows nothing of claims)
//   RandomNetworkChecks             claim routes several random-network papers share
//   Properties/<Paper>              one module of claims per paper; Properties/Suite registers the five
//   ClaimsCLI, claims               the five papers' command (the framework's CLI plus `bench`)
let package = Package(
    name: "TheoremVerification",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ClaimKit", targets: ["ClaimKit"]),
        .library(name: "ClaimKitCLI", targets: ["ClaimKitCLI"]),
        .library(name: "ClaimKitTesting", targets: ["ClaimKitTesting"]),
        .library(name: "GSL", targets: ["GSL"]),
        .library(name: "BLAS", targets: ["BLAS"]),
        .library(name: "RandomNetworks", targets: ["RandomNetworks"]),
        .library(name: "RandomNetworkChecks", targets: ["RandomNetworkChecks"]),
        .executable(name: "claims", targets: ["claims"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "Validation"),
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "CGSLErrors", dependencies: ["CGSL"]),
        .target(name: "GSL", dependencies: ["CGSL", "CGSLErrors", "COpenBLAS", "Validation"]),
        .target(name: "BLAS", dependencies: ["COpenBLAS", "Validation"]),
        .target(name: "Randomness", dependencies: ["Validation"]),
        .target(name: "ClaimKit", dependencies: ["Validation", "Randomness", "GSL"]),
        .target(name: "ClaimKitCLI", dependencies: [
            "ClaimKit", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "ClaimKitTesting", dependencies: ["ClaimKit"]),
        .target(name: "RandomNetworks", dependencies: ["Validation", "Randomness", "GSL", "BLAS"]),
        .target(name: "RandomNetworkChecks", dependencies: ["ClaimKit", "RandomNetworks", "GSL"]),
        .target(name: "PoolingPaper", dependencies: paperDependencies, path: "Properties/Pooling"),
        .target(name: "NachumPaper", dependencies: paperDependencies, path: "Properties/Nachum"),
        .target(name: "LayerNormPaper", dependencies: paperDependencies, path: "Properties/LayerNorm"),
        .target(name: "ASVPaper", dependencies: paperDependencies, path: "Properties/ASV"),
        .target(name: "BrutzkusPaper", dependencies: paperDependencies, path: "Properties/Brutzkus"),
        .target(name: "FivePapers", dependencies: [
            "ClaimKit", "PoolingPaper", "NachumPaper", "LayerNormPaper", "ASVPaper", "BrutzkusPaper",
        ], path: "Properties/Suite"),
        .target(name: "ClaimsCLI", dependencies: [
            "ClaimKitCLI", "FivePapers", "RandomNetworks", "GSL", "BLAS",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "claims", dependencies: ["ClaimsCLI"]),
        .testTarget(
            name: "ClaimsTests",
            dependencies: [
                "GSL", "BLAS", "ClaimKit", "ClaimKitCLI", "ClaimKitTesting", "RandomNetworks", "RandomNetworkChecks",
                "PoolingPaper", "NachumPaper", "LayerNormPaper", "ASVPaper", "BrutzkusPaper", "FivePapers", "ClaimsCLI",
            ],
            path: "Tests"
        ),
    ],
    swiftLanguageModes: [.v6]
)

/// What a paper's module of claims builds on.
var paperDependencies: [Target.Dependency] { ["ClaimKit", "RandomNetworks", "RandomNetworkChecks", "GSL", "BLAS"] }
