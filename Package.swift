// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "TheoremVerification",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "claims", targets: ["claims"]),
        .library(name: "ClaimKit", targets: ["ClaimKit"]),
        .library(name: "RandomNetworks", targets: ["RandomNetworks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(name: "GSL", dependencies: ["CGSL", "COpenBLAS"]),
        .systemLibrary(
            name: "COpenBLAS",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(name: "BLAS", dependencies: ["COpenBLAS"]),
        .target(name: "Randomness", dependencies: ["GSL"]),
        .target(name: "ClaimKit", dependencies: ["GSL", "Randomness"]),
        .target(name: "RandomNetworks", dependencies: ["GSL", "Randomness", "BLAS"]),
        .target(
            name: "Properties",
            dependencies: ["ClaimKit", "RandomNetworks", "GSL", "Randomness"],
            path: "Properties"
        ),
        .target(
            name: "ClaimsCLI",
            dependencies: [
                "Properties", "ClaimKit", "RandomNetworks", "Randomness", "BLAS", "GSL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "claims", dependencies: ["ClaimsCLI"]),
        .testTarget(
            name: "ClaimsTests",
            dependencies: ["GSL", "Randomness", "BLAS", "ClaimKit", "RandomNetworks", "Properties", "ClaimsCLI"],
            path: "Tests"
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Numerical hot paths are compiled optimized even in debug builds, so
// `swift test` runs the claims at release speed.
for target in package.targets where ["Randomness", "RandomNetworks", "ClaimKit", "Properties", "GSL", "BLAS"].contains(target.name) {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-O"], .when(configuration: .debug))]
}
