import ClaimKit
import RandomNetworks
import Randomness

extension NetworkSimulation {
    /// Per-layer moments over the networks of a run; index ℓ − 1 for layer ℓ, r indexed by ℓ = 0 … L.
    struct Summary {
        let q: [RunningMoments]
        let secondMoments: [RunningMoments]
        let windowCorrelation: [RunningMoments]
        let negativeWindows: [RunningMoments]
        let r: [RunningMoments]
        var networks: Int { q.first?.count ?? 0 }
    }

    /// Runs `networks` independent networks on the claim's engine, from the stream `label`, and merges
    /// their statistics (`network(_:scratch:)`) layer by layer.
    func run(_ ctx: ClaimContext, label: String, networks: Int) throws -> Summary {
        let layers = stack.layers.count
        let width = 4 * layers + (backward ? layers + 1 : 0)
        let simulation = self
        let parts = try ctx.engine.run(samples: networks, chunkSize: 4, stream: ctx.stream(label)) { rng, count in
            var moments = [RunningMoments](repeating: RunningMoments(), count: width)
            var scratch = PatchScratch()
            for _ in 0..<count {
                for (i, value) in try simulation.network(&rng, scratch: &scratch).enumerated() { moments[i].add(value) }
            }
            return moments
        }
        let merged = (0..<width).map { i in RunningMoments.merging(parts.map { $0[i] }) }
        return Summary(q: Array(merged[0..<layers]), secondMoments: Array(merged[layers..<(2 * layers)]),
                       windowCorrelation: Array(merged[(2 * layers)..<(3 * layers)]),
                       negativeWindows: Array(merged[(3 * layers)..<(4 * layers)]),
                       r: Array(merged[(4 * layers)...]))
    }
}
