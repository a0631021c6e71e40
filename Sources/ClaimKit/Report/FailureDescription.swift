import Foundation

/// The text printed when a claim's verdict does not match its expectation:
/// the assertions responsible, each with its estimate, interval, claimed
/// region, resolution and error rate, then the seed and the command that
/// re-runs just that claim.
public enum FailureDescription {
    /// The lines for a mismatched `result` of a run at `seed`, ending with `rerun` (the command that re-runs
    /// the claim). Lists the assertions that disagree with the expectation, each with its estimate, interval,
    /// claimed region, reference, δ, α and samples.
    public static func describe(_ result: ClaimResult, seed: UInt64, rerun: String) -> String {
        var lines = ["\(result.id): verdict \(result.verdict.rawValue)"
            + (result.correctedVerdict.map { ", corrected form \($0.rawValue)" } ?? "")
            + " (expected \(result.expectation)), seed \(seed)"]
        if let error = result.error { lines.append("  check failed: \(error)") }
        let printedShouldConfirm = result.expectation == "holds"
        for a in result.assertions {
            let shouldConfirm = a.subject == .corrected || printedShouldConfirm
            let relevant = shouldConfirm ? a.verdict != .confirmed : result.verdict != .refuted
            guard relevant else { continue }
            lines.append("  [\(a.verdict.rawValue)] \(a.name) (\(a.subject.rawValue), \(a.rule)): estimate \(g(a.estimate)), "
                + "interval [\(g(a.lower)), \(g(a.upper))], claimed [\(g(a.claimedLower)), \(g(a.claimedUpper))], "
                + "reference \(g(a.reference)), δ \(g(a.delta)), α \(g(a.alpha)), n \(a.samples)"
                + (a.note.map { "; \($0)" } ?? ""))
        }
        lines.append("  re-run: \(rerun)")
        return lines.joined(separator: "\n")
    }

    private static func g(_ x: Double) -> String { String(format: "%.10g", x) }
}
