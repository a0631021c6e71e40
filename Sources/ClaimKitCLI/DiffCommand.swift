import ArgumentParser
import ClaimKit
import Foundation

/// `claims diff BASELINE CURRENT`: the regression check of continuous integration.
struct DiffCommand: ToolCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two saved runs (claims run --json): every estimate that moved beyond the runs' combined "
            + "uncertainty and every verdict change; exit 1 if any.")

    @Argument(help: "The baseline run's JSON (- : standard input).")
    var baseline: String

    @Argument(help: "The current run's JSON (- : standard input).")
    var current: String

    @Flag(help: "Print the comparison as one JSON object.")
    var json = false

    func validate() throws {
        if baseline == "-" && current == "-" { throw ValidationError("standard input (-) can be read only once: give one of the runs as a file") }
    }

    func execute(in tool: ClaimsTool, console: Console) throws -> Int32 {
        let comparison = RunComparison(baseline: try RunReportFile.read(baseline), current: try RunReportFile.read(current))
        if json {
            console.line(try JSON.encode(comparison))
        } else {
            for difference in comparison.differences {
                let subject = difference.assertion.map { "\(difference.claim) / \($0)" } ?? difference.claim
                console.line("\(difference.kind.rawValue.padding(16))  \(subject): \(difference.detail)".escapingControlCharacters)
            }
            if comparison.baselineSeed != comparison.currentSeed || comparison.baselineBudget != comparison.currentBudget {
                console.line("note: baseline seed \(comparison.baselineSeed), budget \(comparison.baselineBudget.rawValue); "
                    + "current seed \(comparison.currentSeed), budget \(comparison.currentBudget.rawValue)")
            }
            console.line("\(comparison.differences.count) differences (\(comparison.count(.estimateMoved)) estimates moved, "
                + "\(comparison.count(.verdictChanged)) verdicts changed, \(comparison.count(.expectationChanged)) expected verdicts changed, "
                + "\(comparison.count(.widthChanged)) interval widths changed, "
                + "\(comparison.count(.alphaChanged)) shares of alpha changed, "
                + "\(comparison.count(.onlyInBaseline)) only in the baseline, "
                + "\(comparison.count(.onlyInCurrent)) only in the current run) over \(comparison.claimsCompared) claims and "
                + "\(comparison.assertionsCompared) assertions compared")
        }
        return comparison.differences.isEmpty ? 0 : 1
    }
}
