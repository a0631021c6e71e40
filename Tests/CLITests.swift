import ClaimKit
import ClaimKitCLI
import ClaimsCLI
import Foundation
import ASVPaper
import BrutzkusPaper
import FivePapers
import LayerNormPaper
import NachumPaper
import PoolingPaper
import Testing

/// Captures what the command line writes.
final class Capture: @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""

    var output: String { lock.withLock { out } }
    var errors: String { lock.withLock { err } }

    func console(environment: [String: String] = [:]) -> Console {
        Console(write: { text in self.lock.withLock { self.out += text } },
                writeError: { text in self.lock.withLock { self.err += text } },
                errorIsTerminal: false, environment: environment)
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) -> (code: Int32, out: String, err: String) {
        let capture = Capture()
        let code = ClaimsCLI.main(arguments, console: capture.console(environment: environment))
        return (code, capture.output, capture.errors)
    }
}

@Suite("Command line")
struct CLITests {
    @Test func listPrintsTheFirmFields() throws {
        let (code, out, _) = Capture.run(["list", "--json"])
        #expect(code == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: String]])
        #expect(entries.count == Suite.registry.claims.count)
        #expect(entries.allSatisfy { Set($0.keys) == ["id", "paper", "location", "kind", "expectation"] })
        let nachum = Capture.run(["list", "--paper", "nachum"])
        #expect(nachum.out.split(separator: "\n").count == Suite.registry.claims(of: NachumClaims.paper).count)
    }

    @Test func runJSONFollowsTheFirmSchema() throws {
        let (code, out, _) = Capture.run(["run", "--claim", "LN-B-ERF-LIN", "--claim", "LN-B-LRELU-COV", "--budget", "quick", "--json"])
        #expect(code == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(object["seed"] as? UInt64 == Runner.defaultSeed && object["budget"] as? String == "quick")
        let claims = try #require(object["claims"] as? [[String: Any]])
        #expect(claims.map { $0["id"] as? String } == ["LN-B-LRELU-COV", "LN-B-ERF-LIN"])
        for claim in claims {
            for key in ["id", "paper", "expectation", "verdict", "seconds", "assertions"] { #expect(claim[key] != nil, "\(key)") }
            #expect(["confirmed", "refuted", "inconclusive"].contains(claim["verdict"] as? String ?? ""))
            let assertions = try #require(claim["assertions"] as? [[String: Any]])
            for assertion in assertions {
                for key in ["name", "route", "estimate", "reference", "lower", "upper", "delta", "alpha", "samples"] {
                    #expect(assertion[key] != nil, "\(key)")
                }
            }
        }
    }

    /// Same seed, one thread or two: identical claims and assertions (timings aside).
    @Test func runsAreIdenticalWithOneOrTwoThreads() throws {
        let arguments = ["run", "--claim", "POOL-INTRO-K", "--claim", "NACHUM-PROP-RHAT", "--claim", "LN-B-LRELU-LIN",
                         "--budget", "quick", "--seed", "99", "--json"]
        let one = Capture.run(arguments + ["--threads", "1"])
        let two = Capture.run(arguments + ["--threads", "2"])
        let decode = { (text: String) in try JSONDecoder().decode(RunReport.self, from: Data(text.utf8)) }
        let a = try decode(one.out), b = try decode(two.out)
        #expect(a.seed == 99 && a.claims.map(\.timeless) == b.claims.map(\.timeless))
        #expect(a.claims.flatMap(\.assertions).contains { $0.route == .monteCarlo })
        let other = try decode(Capture.run(["run", "--claim", "POOL-INTRO-K", "--budget", "quick", "--seed", "100", "--json"]).out)
        #expect(other.claims[0].assertions != a.claims[0].assertions, "a different seed must change the Monte Carlo evidence")
    }

    @Test func noSubcommandIsBadUsage() {
        #expect(Capture.run([]).code == 2)
    }

    @Test func malformedSeedInTheEnvironmentIsBadUsage() {
        let (code, _, err) = Capture.run(["run", "--claim", "LN-B-ERF-LIN"], environment: ["CLAIMS_SEED": "x"])
        #expect(code == 2 && err.contains("CLAIMS_SEED"))
        let seeded = Capture.run(["run", "--claim", "LN-B-ERF-LIN", "--json"], environment: ["CLAIMS_SEED": "7"])
        #expect(seeded.code == 0 && seeded.out.contains("\"seed\" : 7"))
    }

    @Test func benchReportsWorkloadsAndTheDgemmReference() throws {
        // One thread: the dgemm reference runs OpenBLAS with --threads threads, a process-wide setting, and the other
        // tests of this process call BLAS from their own workers at the same time (BLAS.withThreads).
        let (code, out, _) = Capture.run(["bench", "--workload", "quadrature", "--json", "--threads", "1"])
        #expect(code == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect((object["dgemmGflops"] as? Double ?? 0) > 0)
        let workloads = try #require(object["workloads"] as? [[String: Any]])
        #expect(workloads.count == 1 && workloads[0]["name"] as? String == "quadrature")
        #expect((workloads[0]["runs"] as? [Double])?.count == 3)
    }

    @Test func helpIsNotAnError() {
        for arguments in [["--help"], ["run", "--help"], ["help", "report"]] {
            let (code, out, _) = Capture.run(arguments)
            #expect(code == 0 && out.contains("USAGE"), "\(arguments)")
        }
    }
}
