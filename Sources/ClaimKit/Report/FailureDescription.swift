import Foundation

/// The text printed when a claim's verdict does not match its expectation:
/// the assertions responsible, each with its estimate, interval, claimed
/// region, resolution and error rate, then the seed and the command that
/// re-runs just that claim.
public enum FailureDescription {
    /// The lines for a mismatched `result` of a run at `seed`, ending with `rerun` (the command that re-runs
    /// the claim). Lists the assertions whose verdict their expected verdict does not accept (each with the
    /// expected verdict, its reason when declared, the estimate, interval, claimed region, reference, δ, α
    /// and samples); when every assertion has its expected verdict and the claim-level rule still fails
    /// (an erratum whose printed side nothing refutes) without an error, the as-printed assertions.
    public static func describe(_ result: ClaimResult, seed: UInt64, rerun: String) -> String {
        var lines = ["\(result.id): verdict \(result.verdict.rawValue)"
            + (result.correctedVerdict.map { ", corrected form \($0.rawValue)" } ?? "")
            + " (expected \(result.expectation)), seed \(seed)"]
        if let error = result.error { lines.append("  check failed: \(error)") }
        let mismatched = result.mismatchedAssertions
        let listed = mismatched.isEmpty && result.error == nil ? result.assertions.filter { $0.subject == .asPrinted } : mismatched
        for a in listed {
            let expected = result.expected(for: a)
            lines.append("  [\(a.verdict.rawValue), expected \(expected.rawValue)"
                + (a.expectedReason.map { ": \($0)" } ?? "") + "] "
                + "\(a.name) (\(a.subject.rawValue), \(a.rule)): estimate \(g(a.estimate)), "
                + "interval [\(g(a.lower)), \(g(a.upper))], claimed [\(g(a.claimedLower)), \(g(a.claimedUpper))], "
                + "reference \(g(a.reference)), δ \(g(a.delta)), α \(g(a.alpha)), n \(a.samples)"
                + (a.note.map { "; \($0)" } ?? ""))
        }
        lines.append("  re-run: \(rerun)")
        return lines.joined(separator: "\n")
    }

    private static func g(_ x: Double) -> String { String(format: "%.10g", x) }
}
