import ArcCosineKernelClaims
import ClaimKitCLI
import Foundation

do {
    let tool = try ClaimsTool(
        name: "kernel-claims", invocation: "swift run -c release kernel-claims",
        abstract: "Checks the claims of Cho & Saul (2009), \"Kernel Methods for Deep Learning\".",
        registry: ArcCosineKernelClaims.registry, catalogs: [ArcCosineKernelClaims.catalog])
    exit(tool.main())
} catch {
    FileHandle.standardError.write(Data("kernel-claims: \(error)\n".utf8))
    exit(3)
}
