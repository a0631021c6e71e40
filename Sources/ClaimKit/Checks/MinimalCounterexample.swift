/// The simplest input found that still violates a refuted bound, for the report: when a bound over a random
/// family of inputs fails, the random draw that decided it is rarely the input a reader can check by hand.
///
/// `shrink` starts from a failing input and greedily moves to the first simpler variant (fewer terms, a smaller
/// dimension, rounder values — the caller lists them, simplest first) that still violates the bound, until no
/// variant does: the result is *locally minimal*, not the global minimum. `towardBoundary` then bisects along a
/// path from an input where the bound holds to the failing one, so the reported input lies next to where the
/// bound starts to fail. Both only evaluate the caller's `violation` function, which is positive exactly when
/// the bound is violated and `nil` outside the family (an input the claim's assumptions exclude).
public struct MinimalCounterexample<Input> {
    /// The shrunk failing input.
    public let input: Input
    /// How far the bound is violated there (positive).
    public let violation: Double
    /// The simplifications accepted on the way.
    public let steps: Int
    /// The violation function's evaluations spent.
    public let evaluations: Int

    /// Shrinks `failing` (whose violation must be positive) through `simpler`, which lists an input's simpler
    /// variants, simplest first. Stops when no variant violates the bound or after `maxEvaluations` evaluations.
    /// - Returns: nil when `failing` itself does not violate the bound.
    /// - Throws: What `violation` throws.
    public static func shrink(_ failing: Input, violation: (Input) throws -> Double?, simpler: (Input) -> [Input],
                              maxEvaluations: Int = 10_000) rethrows -> MinimalCounterexample? {
        guard let start = try violation(failing), start > 0 else { return nil }
        var current = (input: failing, violation: start)
        var steps = 0, evaluations = 1
        search: while evaluations < maxEvaluations {
            for candidate in simpler(current.input) {
                guard evaluations < maxEvaluations else { break search }
                evaluations += 1
                if let amount = try violation(candidate), amount > 0 {
                    current = (candidate, amount)
                    steps += 1
                    continue search
                }
            }
            break
        }
        return MinimalCounterexample(input: current.input, violation: current.violation, steps: steps,
                                     evaluations: evaluations)
    }

    /// The failing input next to the boundary on the path `input(t)`, t ∈ [0, 1], from an input where the bound
    /// holds (t = 0) to one where it fails (t = 1): bisection until the bracket is at most `tolerance` wide.
    /// - Returns: The failing end of the final bracket and its parameter, with the holding end's parameter;
    ///   nil when the path's ends are not holding (t = 0) and failing (t = 1), or an input on it is outside the family.
    /// - Throws: What `violation` throws.
    public static func towardBoundary(_ input: (Double) -> Input, violation: (Input) throws -> Double?,
                                      tolerance: Double = 1e-6)
        rethrows -> (counterexample: MinimalCounterexample, failingAt: Double, holdingAt: Double)? {
        guard let atStart = try violation(input(0)), atStart <= 0,
              let atEnd = try violation(input(1)), atEnd > 0 else { return nil }
        var (holding, failing, failingAmount, evaluations, steps) = (0.0, 1.0, atEnd, 2, 0)
        while failing - holding > tolerance {
            let middle = (holding + failing) / 2
            guard let amount = try violation(input(middle)) else { return nil }
            evaluations += 1
            if amount > 0 {
                (failing, failingAmount) = (middle, amount)
                steps += 1
            } else {
                holding = middle
            }
        }
        let found = MinimalCounterexample(input: input(failing), violation: failingAmount, steps: steps,
                                          evaluations: evaluations)
        return (found, failing, holding)
    }
}

extension MinimalCounterexample: Sendable where Input: Sendable {}
