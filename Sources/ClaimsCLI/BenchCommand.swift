import ArgumentParser
import BLAS
import ClaimKit
import ClaimKitCLI
import Foundation
import Randomness

struct BenchCommand: ToolCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the four reference workloads (median of 3 runs after a warm-up) against the machine's dgemm rate.")

    @Option(help: "Run only this workload (dual-relu, cnn-layer, layernorm-mlp, quadrature); repeatable.")
    var workload: [String] = []

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    @Flag(help: "Print JSON.")
    var json = false

    struct Measurement: Encodable {
        let name: String
        let seconds: Double
        let throughput: Double
        let unit: String
        let runs: [Double]
    }

    struct Output: Encodable {
        let threads: Int
        let blasCore: String
        let dgemmGflops: Double
        let workloads: [Measurement]
    }

    func validate() throws {
        try RandomnessOptions.validate(threads: threads)
        let known = Workload.all.map(\.name)
        for name in workload where !known.contains(name) {
            throw ValidationError("unknown workload '\(name)'; known: \(known.joined(separator: ", "))")
        }
    }

    func execute(in tool: ClaimsTool, console: Console) throws -> Int32 {
        let engine = try MonteCarloEngine(threads: threads ?? MonteCarloEngine.machineThreads)
        let selected = workload.isEmpty ? Workload.all : Workload.all.filter { workload.contains($0.name) }
        let reference = Self.dgemmRate(threads: engine.threads)
        var measurements: [Measurement] = []
        for w in selected {
            _ = try w.run(engine) // warm-up
            let runs = try (0..<3).map { _ in try Self.seconds { _ = try w.run(engine) } }
            let median = runs.sorted()[1]
            measurements.append(Measurement(name: w.name, seconds: median, throughput: w.amount / median, unit: w.unit, runs: runs))
        }
        let output = Output(threads: engine.threads, blasCore: BLAS.coreName, dgemmGflops: reference, workloads: measurements)
        if json {
            try console.json(output)
        } else {
            console.line(String(format: "reference: dgemm 2048x2048 through OpenBLAS (%@, %d threads): %.1f GFLOP/s",
                                output.blasCore, engine.threads, reference))
            for m in measurements {
                let relative = m.unit == "GFLOP/s" ? String(format: "  (%.0f%% of dgemm)", 100 * m.throughput / reference) : ""
                console.line(m.name.padding(toLength: max(14, m.name.count), withPad: " ", startingAt: 0) + String(format: "%8.3f s   %12.4g %@", m.seconds, m.throughput, m.unit) + relative)
            }
        }
        return 0
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        return (ContinuousClock.now - start).seconds
    }

    /// The machine's dgemm rate: a 2048x2048 double product through the same BLAS
    /// with `threads` threads (median of 3 after a warm-up), in GFLOP/s.
    static func dgemmRate(threads: Int) -> Double {
        let n = 2048
        var rng = Xoshiro256(seed: 1)
        let a = (0..<(n * n)).map { _ in rng.nextUniform() }
        let b = (0..<(n * n)).map { _ in rng.nextUniform() }
        var c = [Double](repeating: 0, count: n * n)
        let multiply = {
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        BLAS.gemm(m: n, n: n, k: n, a: pa.baseAddress!, lda: n, b: pb.baseAddress!, ldb: n,
                                  c: pc.baseAddress!, ldc: n)
                    }
                }
            }
        }
        return BLAS.withThreads(threads) {
            multiply()
            let runs = (0..<3).map { _ in seconds(multiply) }.sorted()
            return 2 * Double(n * n * n) / runs[1] / 1e9
        }
    }
}
