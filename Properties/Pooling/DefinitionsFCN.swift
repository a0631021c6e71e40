import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// POOL-DEF-FCN: the FCN and its partitioned average and max pooling (eqs. (1)–(5)).
    static let fcnDefinition = Claim(
        id: "POOL-DEF-FCN", paper: Papers.pooling, location: "§2, eqs. (1)–(5); App. B first line",
        statement: """
        F(x) = r(Wx), x ∈ R^{d_in}, W a d_out × d_in matrix, d_out = mn; the partition P = {P_1, …, P_m} with \
        P_i = {in + 1, …, (i + 1)n} for i ∈ [m]; A: R^{mn} → R^m, A(F(x))_i = Ave({x_i}_{i∈P_i}); \
        M(x)_i = max({x_i}_{i∈P_i}). App. B: "max pooling operator M: R^{mn} → R^n".
        """,
        assumptions: [
            "[m] = {1, …, m} (§1.3) and hidden units indexed 1, …, mn",
            "Ave and max act on the hidden units F(x)_j, j ∈ P_i (eq. (3) reuses the letters i and x)",
            "checked by enumeration with m = 4, n = 3 (and the hand example m = 2, n = 3); the corrected blocks are P_i = {(i − 1)n + 1, …, in}",
        ],
        kind: .definition,
        expectation: .erratum(
            printed: "P_i = {in + 1, …, (i + 1)n} for i ∈ [m] (and M: R^{mn} → R^n in App. B)",
            corrected: "P_i = {(i − 1)n + 1, …, in}, a partition of [mn] into m consecutive blocks; A, M: R^{mn} → R^m")
    ) { ctx in
        let pooling = try PartitionedPooling(groups: 4, poolSize: 3)
        let units = 1...pooling.width
        func coverage(_ block: (Int) throws -> ClosedRange<Int>) throws -> (outside: Int, notOnce: Int) {
            var counts = [Int: Int]()
            for i in 1...pooling.groups { for j in try block(i) { counts[j, default: 0] += 1 } }
            let outside = counts.keys.filter { !units.contains($0) }.count
            let notOnce = units.filter { counts[$0] != 1 }.count
            return (outside, notOnce)
        }
        let printed = try coverage(pooling.printedBlock)
        ctx.bound("printed P_1 … P_m: indices beyond mn = 12 (m = 4, n = 3)", route: .enumeration,
                  value: Double(printed.outside), region: .equal(0), resolution: 0.5, samples: pooling.width)
        ctx.bound("printed P_1 … P_m: hidden units not covered exactly once", route: .enumeration,
                  value: Double(printed.notOnce), region: .equal(0), resolution: 0.5, samples: pooling.width)
        let corrected = try coverage(pooling.block)
        ctx.bound("P_i = {(i−1)n+1, …, in}: indices beyond mn", subject: .corrected, route: .enumeration,
                  value: Double(corrected.outside), region: .equal(0), resolution: 0.5, samples: pooling.width)
        ctx.bound("P_i = {(i−1)n+1, …, in}: hidden units not covered exactly once", subject: .corrected,
                  route: .enumeration, value: Double(corrected.notOnce), region: .equal(0), resolution: 0.5,
                  samples: pooling.width)

        // App. B's codomain: M maps R^{mn} to R^m, not R^n (m = 4 ≠ n = 3).
        let h = (1...12).map(Double.init)
        ctx.compare("dim M(h) against App. B's R^n (n = 3)", route: .enumeration,
                    value: Double(try pooling.maximum(h).count), reference: Double(pooling.poolSize),
                    referenceRoute: .closedForm, resolution: 0.5)
        ctx.compare("dim M(h) = m", subject: .corrected, route: .enumeration, value: Double(try pooling.maximum(h).count),
                    reference: Double(pooling.groups), referenceRoute: .closedForm, resolution: 0.5)

        // The operators on the hand example h = (1, …, 6), m = 2, n = 3: A = (2, 5), M = (3, 6).
        let small = try PartitionedPooling(groups: 2, poolSize: 3)
        let six = (1...6).map(Double.init)
        for (name, value, reference) in [("A(h)_1", try small.average(six)[0], 2.0), ("A(h)_2", try small.average(six)[1], 5),
                                         ("M(h)_1", try small.maximum(six)[0], 3), ("M(h)_2", try small.maximum(six)[1], 6)] {
            ctx.compare("\(name) for h = (1, …, 6), m = 2, n = 3", subject: .corrected, route: .enumeration,
                        value: value, reference: reference, referenceRoute: .closedForm, resolution: 1e-13)
        }

        // The model path: a BLAS layer r(Wx) pooled, against the units written out (r(⟨w_j, x⟩)) pooled by hand.
        var rng = ctx.stream("layer").generator()
        let layer = try FullyConnectedLayer.gaussian(inputs: 5, outputs: pooling.width, variance: 1, activation: .relu, rng: &rng)
        let x = try Matrix.gaussian(rows: 5, columns: 1, variance: 1, rng: &rng)
        let features = try layer(x).column(0)
        var largest = 0.0
        for i in 1...pooling.groups {
            let direct = try pooling.block(i).map { j in max(0, (0..<5).map { layer.weights[j - 1, $0] * x[$0, 0] }.reduce(0, +)) }
            largest = max(largest, abs(try pooling.average(features)[i - 1] - direct.reduce(0, +) / 3),
                          abs(try pooling.maximum(features)[i - 1] - direct.max()!))
        }
        ctx.bound("max |pooled BLAS layer − pooled units written out| (m = 4, n = 3, d_in = 5)", subject: .corrected,
                  route: .enumeration, value: largest, error: 1e-14, region: .equal(0), resolution: 1e-12,
                  samples: pooling.width, note: "error: the rounding of sums of 5 products of size O(1)")
    }
}
