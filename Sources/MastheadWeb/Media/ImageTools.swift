import Dispatch
import Foundation
import Glibc
import MastheadCore
import Synchronization

/// The outside programs that read and write images: libvips' `vips` command and
/// `exiftool`, both from Debian's packages. They parse untrusted files, so they
/// run as child processes under a wall-clock limit, a CPU-time limit and an
/// address-space limit: a hostile file can crash or exhaust one of them, never the
/// server. Either may be missing: the site still starts and serves what it has.
public struct ImageTools: Sendable {
    /// Paths of the programs found, nil where not installed.
    public var vips: String?
    public var exiftool: String?
    /// `prlimit` from util-linux applies the CPU and memory limits; without it only
    /// the wall-clock limit holds.
    var prlimit: String?
    public var timeLimit: Duration = .seconds(60)
    /// Address space per child. libvips streams and shrinks on load, so even a
    /// 50-megapixel upload stays far below this.
    public var memoryLimitBytes = 3 << 30

    public init(vips: String?, exiftool: String?, prlimit: String? = nil) {
        self.vips = vips
        self.exiftool = exiftool
        self.prlimit = prlimit
    }

    /// The programs on `PATH` (plus the usual system folders).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> ImageTools {
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/bin"]
        func find(_ name: String) -> String? {
            folders.lazy.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        return ImageTools(vips: find("vips"), exiftool: find("exiftool"), prlimit: find("prlimit"))
    }

    /// One sentence per missing program, for start-up and `masthead check --deploy`.
    public var missing: [String] {
        var notes: [String] = []
        if vips == nil {
            notes.append(
                "libvips is not installed (Debian: apt-get install libvips-tools): uploads are stored without renditions and with their metadata stripped, and AVIF/HEIC uploads are refused."
            )
        }
        if exiftool == nil {
            notes.append(
                "exiftool is not installed (Debian: apt-get install libimage-exiftool-perl): credits and captions embedded in uploaded photos are not read."
            )
        }
        return notes
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Runs `program` with `arguments` (never through a shell) and returns what it printed.
    @discardableResult
    public func run(_ program: String, _ arguments: [String]) async throws -> Data {
        let executable: String
        let fullArguments: [String]
        if let prlimit {
            let seconds = max(1, Int(timeLimit.components.seconds))
            executable = prlimit
            fullArguments = ["--as=\(memoryLimitBytes)", "--cpu=\(seconds)", "--core=0", "--", program] + arguments
        } else {
            executable = program
            fullArguments = arguments
        }
        var environment = ProcessInfo.processInfo.environment
        // libvips refuses its loaders that are not fuzzed (and so not safe for untrusted input),
        // keeps to two threads, and keeps no operation cache in a process that lives for one job.
        environment["VIPS_BLOCK_UNTRUSTED"] = "1"
        environment["VIPS_CONCURRENCY"] = "2"
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("masthead-tool-\(UUID().uuidString)").path
        let descriptor = open(output, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Failure(description: "No temporary file could be made for \(program).")
        }
        defer { unlink(output) }
        let child: ChildProcess
        do {
            defer { close(descriptor) }
            child = try ChildProcess.start(executable, fullArguments, environment: environment, standardOutput: descriptor)
        } catch {
            throw Failure(description: "\(program) could not be started.")
        }

        let finished = Finished()
        // A Dispatch timer, not a task: it fires even when every task thread is busy.
        let timer = DispatchWorkItem {
            if !finished.isOver { child.kill() }
        }
        let (seconds, attoseconds) = timeLimit.components
        let limit = DispatchTimeInterval.nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: timer)
        finished.start(timer)
        let termination = await child.termination(ended: { finished.end() })
        guard termination.succeeded else {
            throw Failure(description: "\((program as NSString).lastPathComponent) \(termination).")
        }
        return FileManager.default.contents(atPath: output) ?? Data()
    }
}

/// Whether a child has ended, shared by its termination handler and its timer.
private final class Finished: Sendable {
    private let state = Mutex<(over: Bool, timer: DispatchWorkItem?)>((false, nil))

    var isOver: Bool { state.withLock { $0.over } }

    func start(_ timer: DispatchWorkItem) {
        let alreadyOver = state.withLock { state in
            state.timer = timer
            return state.over
        }
        if alreadyOver { timer.cancel() }
    }

    func end() {
        let timer = state.withLock { state in
            state.over = true
            return state.timer.map(SendableTimer.init)
        }
        timer?.item.cancel()
    }
}

/// `DispatchWorkItem` is thread-safe (its `cancel` may be called from any thread) but not marked `Sendable`.
private struct SendableTimer: @unchecked Sendable {
    let item: DispatchWorkItem
}
