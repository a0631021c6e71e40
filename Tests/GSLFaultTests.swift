import ClaimKit
import Foundation
import GSL
import Randomness
import Testing

/// GSL failures forced inside claims: a non-converging integral and a root
/// with no bracket reach the claim as an error carrying GSL's reason (verdict
/// inconclusive, never a match), and the claims after them still run.
@Suite("GSL faults")
struct GSLFaultTests {
    @Test func faultsBecomeInconclusiveClaimsAndTheRunContinues() throws {
        let paper = Paper(key: "test", title: "t", authors: "a")
        func claim(_ id: String, _ check: @escaping @Sendable (ClaimContext) throws -> Void) -> Claim {
            Claim(id: id, paper: paper, location: "§0", statement: "s", assumptions: ["a"], kind: .identity,
                  expectation: .holds, check: check)
        }
        // ∫_0^1 sin(1/x)/x dx oscillates without end near 0: QUADPACK gives up within 20 subintervals.
        let integral = claim("T-INTEGRAL") { ctx in
            let result = try Integration.qags({ sin(1 / $0) / $0 }, from: 1e-300, to: 1,
                                              tolerance: QuadratureTolerance(absolute: 0, relative: 1e-12, limit: 20))
            ctx.compare("∫ sin(1/x)/x", route: .quadrature, value: result.value, error: result.absoluteError,
                        reference: 0.6247, referenceRoute: .closedForm, resolution: 1e-6)
        }
        // x² + 1 has no root in [−1, 1]: Brent cannot start.
        let root = claim("T-ROOT") { ctx in
            let found = try RootFinding.brent({ $0 * $0 + 1 }, lower: -1, upper: 1)
            ctx.compare("root of x² + 1", route: .rootFinding, value: found.value, reference: 0,
                        referenceRoute: .closedForm, resolution: 1e-9)
        }
        let fine = claim("T-FINE") { ctx in
            ctx.compare("1 = 1", route: .closedForm, value: 1, reference: 1, referenceRoute: .closedForm, resolution: 1e-12)
        }
        let claims = [integral, root, fine]
        let runner = try Runner(registry: Registry(papers: [paper], claims: claims), budget: .quick,
                                engine: try MonteCarloEngine(threads: 1))
        let report = runner.run(claims)
        #expect(report.claims.map(\.verdict) == [.inconclusive, .inconclusive, .confirmed])
        #expect(report.claims.map(\.matchesExpectation) == [false, false, true])
        let integralError = try #require(report.claims[0].error)
        #expect(integralError.contains("gsl_integration_qags") && integralError.contains("GSL status"), "\(integralError)")
        let rootError = try #require(report.claims[1].error)
        #expect(rootError.contains("endpoints do not straddle y=0"), "\(rootError)")
    }

    @Test func theErrorsAreTypedWithGSLsReason() {
        #expect(throws: GSLError.self) {
            try Integration.qags({ sin(1 / $0) / $0 }, from: 1e-300, to: 1,
                                 tolerance: QuadratureTolerance(absolute: 0, relative: 1e-12, limit: 20))
        }
        do {
            _ = try RootFinding.brent({ $0 * $0 + 1 }, lower: -1, upper: 1)
            Issue.record("no bracket must throw")
        } catch let error as GSLError {
            #expect(error.status == 4 && error.reason == "endpoints do not straddle y=0", "\(error)")   // GSL_EINVAL
        } catch {
            Issue.record("untyped error \(error)")
        }
    }
}
