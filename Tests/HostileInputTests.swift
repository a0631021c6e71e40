import ClaimKit
import ClaimKitCLI
import ClaimsCLI
import Foundation
import Testing

/// Every option of the command line tried as a careless or hostile user would:
/// a missing, malformed, out-of-range, huge, negative, NaN or empty value, an
/// unknown ID, a file that is not what it should be. Each gets one line on
/// standard error naming the problem and exit code 2, and prints nothing on
/// standard output.
@Suite("Hostile input")
struct HostileInputTests {
    static let usageErrors: [([String], String)] = [
        // run / list: selection
        (["run", "--claim"], "--claim"), (["run", "--claim", ""], "unknown claim ID"),
        (["run", "--claim", "NACHUM-NOPE"], "unknown claim ID"), (["run", "--claim", "nachum-t3"], "did you mean 'NACHUM-T3'"),
        (["run", "--paper"], "--paper"), (["run", "--paper", ""], "unknown paper"), (["list", "--paper", "physics"], "unknown paper"),
        // seeds
        (["run", "--seed"], "--seed"), (["run", "--seed", ""], "--seed"), (["run", "--seed", "-1"], "--seed"),
        (["run", "--seed", "nan"], "--seed"), (["run", "--seed", "1.5"], "--seed"),
        (["run", "--seed", "18446744073709551616"], "--seed"), (["run", "--seed", "0x10"], "--seed"),
        // budget
        (["run", "--budget"], "--budget"), (["run", "--budget", ""], "--budget"), (["run", "--budget", "QUICK"], "--budget"),
        // threads
        (["run", "--threads", "0"], "--threads"), (["run", "--threads", "-4"], "--threads"), (["run", "--threads", "nan"], "--threads"),
        (["run", "--threads", ""], "--threads"), (["run", "--threads", "99999999999999999999"], "--threads"),
        (["report", "--threads", "1025"], "--threads"), (["bench", "--threads", "3000000000"], "--threads"),
        // report
        (["report", "--out", ""], "--out"), (["report", "--out"], "--out"),
        (["report", "--catalogs", "/nonexistent/catalogs"], "--catalogs"), (["report", "--budget", "huge"], "--budget"),
        // calibrate
        (["calibrate", "--seeds", "0"], "--seeds"), (["calibrate", "--seeds", "-1"], "--seeds"),
        (["calibrate", "--seeds", "100001"], "--seeds"), (["calibrate", "--seeds", "nan"], "--seeds"),
        (["calibrate", "--seeds", ""], "--seeds"), (["calibrate", "--claim", "NOPE", "--seeds", "1"], "unknown claim ID"),
        (["calibrate", "--rules", "--replicates", "3"], "--replicates"),
        (["calibrate", "--rules", "--replicates", "1000000000000"], "--replicates"),
        (["calibrate", "--replicates", "1000"], "--rules only"), (["calibrate", "--rules", "--claim", "NACHUM-T3"], "--rules"),
        (["calibrate", "--runs", "a.json", "--seeds", "3"], "--runs"), (["calibrate", "--runs", "a.json", "--budget", "quick"], "--runs"),
        (["calibrate", "--runs", "/nonexistent.json"], "no such file"), (["calibrate", "--rules", "--budget", "quick"], "--rules"),
        // bench
        (["bench", "--workload", "fft"], "unknown workload"), (["bench", "--workload", ""], "unknown workload"),
        // diff
        (["diff"], "baseline"), (["diff", "/nonexistent-a.json"], "current"),
        (["diff", "/nonexistent-a.json", "/nonexistent-b.json"], "no such file"), (["diff", "/tmp", "/tmp"], "directory"),
        (["diff", "", ""], "empty"),
        // anything else
        (["frobnicate"], "frobnicate"), (["run", "--unknown-flag"], "unknown-flag"), (["run", "extra"], "extra"),
        // negative numbers reach the range checks; control characters are shown escaped; long jobs ask first
        (["run", "--threads", "-1"], "between 1 and 1024, got -1"), (["bench", "--threads", "-2"], "got -2"),
        (["calibrate", "--seeds", "-1e3"], "--seeds"), (["run", "--claim", "A\nB"], "'A\\nB'"),
        (["run", "--claim", "\u{1B}[2J"], "'\\u{1B}[2J'"), (["diff", "-", "-"], "only once"),
        (["calibrate", "--seeds", "100000", "--claim", "LN-B-ERF-LIN"], "--allow-long"),
        (["calibrate", "--shard", "0/4", "--out", "/tmp"], "--shard"), (["calibrate", "--shard", "1/4"], "--out"),
        (["calibrate", "--shard", "5/4", "--out", "/tmp"], "--shard"), (["calibrate", "--runs", "-", "-"], "only once"),
        (["calibrate", "--runs", "/dev/null"], "empty"),
    ]

    @Test(arguments: usageErrors)
    func badUsageExitsTwoWithOneLine(arguments: [String], mention: String) {
        let (code, out, err) = Capture.run(arguments)
        #expect(code == 2, "\(arguments): exit \(code)")
        #expect(out.isEmpty, "\(arguments) printed \(out)")
        #expect(err.hasPrefix("claims: ") && err.contains(mention), "\(arguments): \(err)")
        #expect(err.split(separator: "\n").count == 1, "\(arguments): \(err)")
    }

    static let corruptRuns: [(String, String, String)] = [
        ("empty", "", "empty"),
        ("truncated", #"{"seed": 1, "budget": "quick", "suiteAlpha": 0.001, "claims": [{"id": "A""#, "malformed JSON"),
        ("not JSON", "claims run output\n", "malformed JSON"),
        ("wrong shape", #"[1, 2, 3]"#, "not the JSON of `claims run --json`"),
        ("missing field", #"{"seed": 1, "budget": "quick", "suiteAlpha": 0.001}"#, "missing field 'claims'"),
        ("bad budget", #"{"seed": 1, "budget": "huge", "suiteAlpha": 0.001, "claims": []}"#, "invalid String value huge"),
        ("negative seed", #"{"seed": -1, "budget": "quick", "suiteAlpha": 0.001, "claims": []}"#, "not the JSON of"),
        ("huge seed", #"{"seed": 1e999, "budget": "quick", "suiteAlpha": 0.001, "claims": []}"#, "the number 1e999 at .seed"),
        ("fractional seed", #"{"seed": 1.5, "budget": "quick", "suiteAlpha": 0.001, "claims": []}"#, ".seed is 1.5"),
        ("no claims", #"{"seed": 1, "budget": "quick", "suiteAlpha": 0.001, "claims": []}"#, "claims: empty"),
        ("bad suite alpha", #"{"seed": 1, "budget": "quick", "suiteAlpha": 1.5, "claims": []}"#, "suiteAlpha: 1.5 is not in (0, 1)"),
    ]

    /// A truncated or corrupted baseline (or calibration run) is bad usage, named in one line.
    @Test(arguments: corruptRuns)
    func corruptRunFilesAreNamed(name: String, text: String, mention: String) throws {
        let path = try RegressionTests.temporaryFile("\(name).json", text)
        defer { RegressionTests.removeFiles([path]) }
        for arguments in [["diff", path, RegressionTests.baselinePath], ["diff", RegressionTests.baselinePath, path],
                          ["calibrate", "--runs", path]] {
            let (code, out, err) = Capture.run(arguments)
            #expect(code == 2 && out.isEmpty, "\(name) \(arguments): exit \(code)")
            #expect(err.contains(path) && err.contains(mention) && err.split(separator: "\n").count == 1, "\(name): \(err)")
        }
    }
}
