import ClaimKit
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-R1: a patch is no longer than the image.
    static let remark1 = Claim(
        id: "NACHUM-R1", paper: Papers.nachum, location: "§3, Remark 1 (after Theorem 2)",
        statement: """
        Clearly, ‖[x]^r_ij‖ and ‖[y]^r_ij‖ in (10) may be bounded by ‖x‖ and ‖y‖, respectively. However, since r is \
        typically much smaller than n, we prefer to state the result in terms of the norms of [x]^r_ij and [y]^r_ij.
        """,
        assumptions: [
            "r ≤ n, so a cyclic patch holds r²d distinct entries of x (for r > n entries would repeat)",
            "tight: equality when the patch covers the support of x (a single spike, or r = n)",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("images").generator()
        var largest = 0.0, cases = 0
        for n in [3, 5, 8, 11] {
            for d in [1, 2, 3] {
                let x = try Image.gaussian(size: n, channels: d, rng: &rng)
                for r in 1...n {
                    let squares = try PatchOperator(size: r).geometry(x, x).xx
                    largest = max(largest, (squares.max() ?? 0) / (x.norm * x.norm))
                    cases += 1
                }
            }
        }
        ctx.bound("max over Gaussian images, r ≤ n and (i, j) of ‖[x]^r_ij‖²/‖x‖²", route: .enumeration, value: largest,
                  error: 1e-14, region: .atMost(1), resolution: 1e-12, samples: cases,
                  note: "error: rounding of sums of at most 363 squares")
        // Tight cases: r = n (every patch is a cyclic shift of x) and a spike inside the patch.
        let x = try Image.gaussian(size: 7, channels: 2, rng: &rng)
        let whole = try PatchOperator(size: 7).geometry(x, x).xx
        ctx.compare("r = n: min over (i, j) of ‖[x]^n_ij‖²/‖x‖²", route: .enumeration,
                    value: (whole.min() ?? 0) / (x.norm * x.norm), error: 1e-14, reference: 1,
                    referenceRoute: .closedForm, resolution: 1e-12, samples: 49)
        var spike = try Image(size: 9, channels: 1, pixels: [Double](repeating: 0, count: 81))
        spike.pixels[4 * 9 + 4] = 2.5
        let spikeSquares = try PatchOperator(size: 3).geometry(spike, spike).xx
        ctx.compare("single spike, r = 3: max over (i, j) of ‖[x]_ij‖²/‖x‖²", route: .enumeration,
                    value: (spikeSquares.max() ?? 0) / (spike.norm * spike.norm), reference: 1,
                    referenceRoute: .closedForm, resolution: 1e-12, samples: 81)
    }
}
