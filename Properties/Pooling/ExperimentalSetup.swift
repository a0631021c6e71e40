import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// Pooled cosines of the FCN r(Wx) for a batch of two inputs (columns), pooled in blocks of `poolSize`.
    static func fcnCosines(weights: Matrix, inputs: Matrix, poolSize: Int) throws -> PoolingCosines {
        try fcnCosines(hidden: try weights.multiplied(by: inputs), columns: (0, 1), poolSize: poolSize)
    }

    /// Pooled cosines of r(h_i), r(h_j) for two columns of the pre-activations Wx of a batch (`PoolingCosines.fcn`);
    /// a zero feature vector is an error.
    static func fcnCosines(hidden: Matrix, columns: (Int, Int), poolSize: Int) throws -> PoolingCosines {
        guard let cosines = try PoolingCosines.fcn(hidden: hidden, columns: columns, poolSize: poolSize) else {
            throw StatisticsError("a feature vector was zero")
        }
        return cosines
    }

    /// POOL-S3-SETUP: the experimental configuration of §3.
    static let experimentalSetup = Claim(
        id: "POOL-S3-SETUP", paper: Papers.pooling, location: "§3, first paragraph; §5 (300 pairs)",
        statement: """
        For FCN, the width of the hidden layer is 1000; for CNN, the output channel is 640. Both models use \
        standard He initialization. The pooling layer for CNN is a global pooling, and that for FCN is a 1D \
        average pooling with kernel size = 50.
        """,
        assumptions: [
            "a 1-D pooling of kernel 50 over 1000 units is the partition of eqs. (2)–(5) with n = 50, m = 20 (stride 50)",
            "He initialization: N(0, 2/fan_in) weights, fan_in = d_in (FCN) or k² (1-channel CNN); the theory (§4) uses N(0, 1)",
            "what is checked: the configuration is consistent (1000 = 20 × 50) and every cosine of §3 is the same under He and unit-variance weights (positive homogeneity), so the theory's N(0, 1) applies to the experiments",
        ],
        kind: .definition, expectation: .holds
    ) { ctx in
        ctx.compare("pools m = 1000 / 50", route: .enumeration, value: Double(1000 / 50), reference: 20,
                    referenceRoute: .closedForm, resolution: 0.5)
        ctx.compare("units left over, 1000 mod 50", route: .enumeration, value: Double(1000 % 50), reference: 0,
                    referenceRoute: .closedForm, resolution: 0.5)

        var rng = ctx.stream("networks").generator()
        let inputs = 64
        let weights = try Matrix.gaussian(rows: 1000, columns: inputs, variance: 1, rng: &rng)
        var he = weights
        let scale = (2.0 / Double(inputs)).squareRoot()
        for i in he.storage.indices { he.storage[i] *= scale }
        let batch = try Matrix.gaussian(rows: inputs, columns: 2, variance: 1, rng: &rng)
        let unit = try fcnCosines(weights: weights, inputs: batch, poolSize: 50)
        let scaled = try fcnCosines(weights: he, inputs: batch, poolSize: 50)
        for (name, a, b) in [("ρ(F(x), F(y))", unit.relu, scaled.relu), ("ρ(A_x, A_y)", unit.average, scaled.average),
                             ("ρ(M_x, M_y)", unit.maximum, scaled.maximum)] {
            ctx.compare("FCN \(name): He N(0, 2/d_in) vs N(0, 1) weights (same draw)", route: .enumeration, value: b,
                        reference: a, referenceRoute: .enumeration, resolution: 1e-12)
        }

        let geometry = try PatchGeometry(kernelSize: 3, boundary: .zeroPadded)
        let layer = try CenteredConvolution.gaussian(count: 640, geometry: geometry, variance: 1, rng: &rng)
        var heKernels = layer.kernels
        for i in heKernels.storage.indices { heKernels.storage[i] *= (2.0 / 9).squareRoot() }
        let heLayer = try CenteredConvolution(kernels: heKernels, geometry: geometry)
        let x = try Image.gaussian(size: 16, channels: 1, rng: &rng), y = try Image.gaussian(size: 16, channels: 1, rng: &rng)
        guard let a = try layer.pooledCosines(x, y), let b = try heLayer.pooledCosines(x, y) else {
            throw StatisticsError("a CNN feature vector was zero")
        }
        for (name, u, v) in [("ρ(F(x), F(y))", a.relu, b.relu), ("ρ(A_x, A_y)", a.average, b.average),
                             ("ρ(M_x, M_y)", a.maximum, b.maximum)] {
            ctx.compare("CNN (640 channels, k = 3) \(name): He N(0, 2/k²) vs N(0, 1) kernels", route: .enumeration,
                        value: v, reference: u, referenceRoute: .enumeration, resolution: 1e-12)
        }
    }
}
