// swift-tools-version:6.0
import PackageDescription

// A paper of its own on top of the framework: the claims of Cho & Saul (2009),
// "Kernel Methods for Deep Learning", with their command line and tests.
//
// The framework is the root package of this repository, two folders up. It is
// named by its declared name, "TheoremVerification", so the product references
// below do not depend on the folder the repository is checked out into (a plain
// `.package(path: "../..")` would be known by that folder's name instead).
let package = Package(
    name: "ArcCosineKernels",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ArcCosineKernelClaims", targets: ["ArcCosineKernelClaims"]),
        .executable(name: "kernel-claims", targets: ["kernel-claims"]),
    ],
    dependencies: [
        .package(name: "TheoremVerification", path: "../.."),
    ],
    targets: [
        .target(name: "ArcCosineKernelClaims", dependencies: [
            .product(name: "ClaimKit", package: "TheoremVerification"),
            .product(name: "GSL", package: "TheoremVerification"),
        ]),
        .executableTarget(name: "kernel-claims", dependencies: [
            "ArcCosineKernelClaims",
            .product(name: "ClaimKitCLI", package: "TheoremVerification"),
        ]),
        .testTarget(name: "ArcCosineKernelClaimsTests", dependencies: [
            "ArcCosineKernelClaims",
            .product(name: "ClaimKit", package: "TheoremVerification"),
            .product(name: "ClaimKitCLI", package: "TheoremVerification"),
            .product(name: "ClaimKitTesting", package: "TheoremVerification"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
