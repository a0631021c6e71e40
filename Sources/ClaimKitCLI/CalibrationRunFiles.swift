import ArgumentParser
import ClaimKit
import Foundation

/// `calibrate --out` (one run file per seed) and `calibrate --runs` (aggregating saved runs).
extension CalibrateCommand {
    /// Creates `path` (and its parents) if needed; bad usage when it is not a writable folder.
    static func prepareFolder(_ path: String) throws -> URL {
        let url = URL(fileURLWithPath: path, isDirectory: true)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ValidationError("--out '\(path)' is a file, not a folder") }
        } else {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw ValidationError("--out: cannot create the folder '\(path)': \(ErrorText.describe(error, path: false))")
            }
        }
        guard access(path, W_OK | X_OK) == 0 else {
            throw ValidationError("--out: the folder '\(path)' is not writable: \(ErrorText.reason(errno: errno))")
        }
        return url
    }

    /// Writes `report` as `folder`/run-<seed>.json (atomically: a killed job leaves no half file).
    static func write(_ report: RunReport, to folder: URL) throws {
        let file = folder.appendingPathComponent("run-\(report.seed).json")
        do {
            try Data((try JSON.encode(report) + "\n").utf8).write(to: file, options: .atomic)
        } catch {
            throw RunFileWriteError(path: file.path, reason: ErrorText.describe(error, path: false))
        }
    }

    /// Aggregates saved runs, one file at a time (a folder: its .json files),
    /// with each claim's share as the runs recorded it (for runs saved before
    /// shares were recorded: the run's suite alpha over this tool's registry).
    /// A file that is inconsistent by itself or with the files before it is
    /// bad usage naming it.
    func aggregate(_ paths: [String], _ tool: ClaimsTool) throws -> SeedCalibration {
        let files = try RunReportFile.expand(paths)
        var accumulator = try SeedCalibration.Accumulator()
        var first: (name: String, budget: Budget, claims: Set<String>)?
        var seen = Set<UInt64>()
        for path in files {
            let report = try RunReportFile.read(path)
            let name = RunReportFile.displayName(path)
            if let first {
                guard report.budget == first.budget else {
                    throw ValidationError("--runs mixes budgets: \(name) is at the \(report.budget.rawValue) budget, "
                        + "\(first.name) at \(first.budget.rawValue); calibrate one budget at a time")
                }
                let ids = Set(report.claims.map(\.id))
                if ids != first.claims {
                    let extra = ids.subtracting(first.claims).sorted(), missing = first.claims.subtracting(ids).sorted()
                    let what = (extra.isEmpty ? [] : ["\(extra.count) not in it (\(Self.sample(extra)))"])
                        + (missing.isEmpty ? [] : ["\(missing.count) missing (\(Self.sample(missing)))"])
                    throw ValidationError("--runs mixes claim sets: \(name) has claims other than \(first.name): "
                        + what.joined(separator: ", ") + "; calibrate runs of one selection")
                }
            } else {
                first = (name, report.budget, Set(report.claims.map(\.id)))
            }
            guard seen.insert(report.seed).inserted else {
                throw ValidationError("--runs has two runs with seed \(report.seed) (the second: \(name)); each seed must be counted once")
            }
            do {
                let fallback = try ErrorBudget(suiteAlpha: report.suiteAlpha, claimCount: tool.registry.claims.count).perClaim
                try accumulator.add(report, claimAlpha: fallback)
            } catch let error as ParameterError {
                throw ValidationError("\(name): \(error.parameter) \(error.value) is invalid: it must be \(error.requirement)")
            }
        }
        return try accumulator.calibration()
    }

    static func sample(_ ids: [String]) -> String {
        ids.prefix(3).map(\.escapingControlCharacters).joined(separator: ", ") + (ids.count > 3 ? ", …" : "")
    }
}

/// A run file of `calibrate --out` that could not be written (exit 3): the path and the reason.
struct RunFileWriteError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "cannot write the run file \(path): \(reason)" }
}
