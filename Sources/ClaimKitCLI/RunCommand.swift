import ArgumentParser
import ClaimKit
import Foundation


struct RunCommand: ToolCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Check claims; exit 0 when every verdict matches its expectation, else 1.")

    @Option(help: "Only claims of this paper; repeatable.")
    var paper: [String] = []

    @Option(help: "Only this claim ID; repeatable.")
    var claim: [String] = []

    @OptionGroup var options: RunOptions

    @Flag(help: "Print the results as one JSON object (seed, budget, claims with their assertions).")
    var json = false

    func execute(in tool: ClaimsTool, console: Console) throws -> Int32 {
        let selected = try tool.registry.select(papers: paper, ids: claim)
        let runner = try options.runner(tool, console)
        let progress = Progress(console: console)
        let running = RunningClaims(total: selected.count)
        progress.follow(running)
        let report = runner.run(selected, claimsAtOnce: runner.engine.threads, events: running.record)
        progress.finish()
        if json {
            console.line(try JSON.encode(report))
        } else {
            printSummary(report, runner: runner, tool: tool, console: console)
        }
        return report.allMatch ? 0 : 1
    }

    private func printSummary(_ report: RunReport, runner: Runner, tool: ClaimsTool, console: Console) {
        let width = report.claims.map(\.id.count).max() ?? 0
        for result in report.claims {
            let corrected = result.correctedVerdict.map { " (corrected: \($0.rawValue))" } ?? ""
            let off = result.mismatchedAssertions.count
            let status = result.matchesExpectation ? "ok" : off == 0 ? "MISMATCH" : "MISMATCH (\(off) assertion\(off == 1 ? "" : "s"))"
            console.line("\(result.id.padding(width))  \((result.verdict.rawValue + corrected).padding(38))  expected \(result.expectation.padding(8))  \(status.padding(8))  \(String(format: "%7.2f s", result.seconds))")
        }
        let mismatches = report.claims.filter { !$0.matchesExpectation }
        for result in mismatches {
            console.line("")
            console.line(FailureDescription.describe(result, seed: report.seed, rerun: tool.rerunCommand(for: result.id, runner: runner)))
        }
        let off = report.claims.reduce(0) { $0 + $1.mismatchedAssertions.count }
        console.line("\n\(report.claims.count - mismatches.count) of \(report.claims.count) claims match their expectation (seed \(report.seed), budget \(report.budget.rawValue))"
            + (off == 0 ? "." : "; \(off) assertion\(off == 1 ? "" : "s") off \(off == 1 ? "its" : "their") expected verdict."))
    }
}
