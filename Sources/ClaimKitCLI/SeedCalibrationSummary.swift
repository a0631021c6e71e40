import ClaimKit
import Foundation

/// The text `claims calibrate` prints: the family-wise count against the
/// budget, then every claim and assertion that missed, then any flagged.
struct SeedCalibrationSummary {
    let lines: [String]

    init(_ c: SeedCalibration) {
        var lines: [String] = []
        let seeds = c.seeds.count
        let range = seeds > 1 ? "\(c.seeds[0]) … \(c.seeds[seeds - 1])" : "\(c.seeds[0])"
        lines.append("\(c.claims.count) claims at the \(c.budget.rawValue) budget over \(seeds) seeds (\(range)).")
        lines.append(String(
            format: "Family-wise: %d of %d seeds had a verdict differing from its expectation, rate %.4g, 95%% CI [%.3g, %.3g]; "
                + "budget %.3g (the %d claims' recorded shares summed); P(K ≥ %d | %d, %.3g) = %.3g: ",
            c.seedsWithMismatch.count, seeds, Double(c.seedsWithMismatch.count) / Double(seeds), c.familyRateInterval.lower,
            c.familyRateInterval.upper, c.familyAlpha, c.claims.count, c.seedsWithMismatch.count, seeds,
            c.familyAlpha, c.familyUpperTailProbability)
            + (c.familyUpperTailProbability >= SeedCalibration.testLevel
                ? "consistent with the budget (test level \(SeedCalibration.testLevel))"
                : "MORE MISSES THAN THE BUDGET ALLOWS (test level \(SeedCalibration.testLevel))"))
        for claim in c.claims where !claim.mismatchedSeeds.isEmpty {
            lines.append("  claim \(claim.id) (\(claim.expectation)): differs at \(claim.mismatchedSeeds.count) of \(claim.runs) seeds ("
                + claim.mismatchedSeeds.map(String.init).joined(separator: ", ") + "); "
                + "\(claim.assertionMismatches) assertion verdict\(claim.assertionMismatches == 1 ? "" : "s") off expectation")
        }
        let missed = c.assertions.filter { $0.misses > 0 }
        lines.append("Assertions with a verdict other than the expected one: \(missed.count) of \(c.assertions.count).")
        for a in missed {
            let bound = a.alphaBoundsMisses
                ? String(format: "alpha %.3g, P(K ≥ %d) = %.3g", a.alpha, a.misses, a.upperTailProbability ?? 0)
                : "expected \(a.expected.rawValue) (power, not bounded by alpha)"
            lines.append("  \(a.claim) / \(a.name): \(a.misses) of \(a.runs) missed (confirmed \(a.confirmed), refuted \(a.refuted), "
                + "inconclusive \(a.inconclusive)); \(bound)")
        }
        let seedDependent = c.assertions.filter { $0.alpha == 0 && $0.estimateMin != $0.estimateMax }.count
        lines.append("Assertions that spend no alpha but whose estimate changes with the seed: \(seedDependent) "
            + "(exact checks of random instances; their verdicts must not change).")
        lines.append(c.flaggedAssertions.isEmpty
            ? "No assertion misses more often than its alpha allows (exact binomial tests, Bonferroni level \(SeedCalibration.testLevel))."
            : "FLAGGED, more misses than alpha allows: " + c.flaggedAssertions.joined(separator: "; "))
        self.lines = lines
    }
}
