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

    /// Starts a child. One at a time in the whole process: Foundation's `Process.run()`
    /// on Linux crashed (a bad pointer in its memcpy) when two uploads' children were
    /// started at the same moment as the test suite's own, under full load.
    public static func launch(_ process: Process) throws {
        try launching.withLock { _ in try process.run() }
    }

    private static let launching = Mutex(())

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Runs `program` with `arguments` (never through a shell) and returns what it printed.
    @discardableResult
    public func run(_ program: String, _ arguments: [String]) async throws -> Data {
        let process = Process()
        if let prlimit {
            let seconds = max(1, Int(timeLimit.components.seconds))
            process.executableURL = URL(fileURLWithPath: prlimit)
            process.arguments = ["--as=\(memoryLimitBytes)", "--cpu=\(seconds)", "--core=0", "--", program] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        }
        var environment = ProcessInfo.processInfo.environment
        // libvips refuses its loaders that are not fuzzed (and so not safe for untrusted input),
        // keeps to two threads, and keeps no operation cache in a process that lives for one job.
        environment["VIPS_BLOCK_UNTRUSTED"] = "1"
        environment["VIPS_CONCURRENCY"] = "2"
        process.environment = environment
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("masthead-tool-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: output.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "No temporary file could be made for \(program).")
        }
        defer { try? FileManager.default.removeItem(at: output) }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice

        let finished = Finished()
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { done in
                finished.end()
                continuation.resume(returning: done.terminationStatus)
            }
            do {
                try Self.launch(process)
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: Failure(description: "\(program) could not be started."))
                return
            }
            // A Dispatch timer, not a task: it fires even when every task thread is busy.
            let timer = DispatchWorkItem {
                // SIGKILL: a child may have inherited a signal mask that blocks SIGTERM,
                // and a decoder past its limit gets no chance to clean up anyway.
                if !finished.isOver { kill(process.processIdentifier, SIGKILL) }
            }
            finished.start(timer)
            let (seconds, attoseconds) = timeLimit.components
            let limit = DispatchTimeInterval.nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
            DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: timer)
        }
        guard status == 0 else {
            throw Failure(description: "\((program as NSString).lastPathComponent) stopped with status \(status).")
        }
        return (try? Data(contentsOf: output)) ?? Data()
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
