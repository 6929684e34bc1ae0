import CMalloc
import Foundation
import Logging
import ServiceLifecycle

/// glibc's malloc, set up for a server that runs for weeks.
///
/// Under saturation the event loops, the concurrency pool and the database's
/// Dispatch threads (24–38 of them) each took an arena of their own, up to
/// glibc's eight per core. The battery found the cost: held ten minutes at
/// saturation the server ran 6% slower than a fresh control (L2), and the
/// 30-minute soak's RSS grew in those arenas (L4), with memory freed but kept.
/// The numbers are in docs/reliability.md.
public enum Allocator {
    /// Caps malloc at one arena per core (at least two). Call it before the server
    /// starts its threads: glibc fixes its limit once it has more than eight arenas.
    /// An operator's own `MALLOC_ARENA_MAX` or `GLIBC_TUNABLES` wins, as glibc has read them already.
    public static func capArenas() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["MALLOC_ARENA_MAX"] == nil, environment["GLIBC_TUNABLES"]?.contains("arena_max") != true else { return }
        _ = cmalloc_set_arena_max(Int32(max(2, ProcessInfo.processInfo.activeProcessorCount)))
    }
}

/// Every so often hands the pages malloc holds free back to the system, so RSS
/// follows the memory in use rather than the most the process ever needed.
///
/// glibc gives memory back by itself only from the top of a heap; what a save's
/// renders free in the middle stays resident (in the soak, RSS rose 4 MiB over
/// 300 saves while the bytes in use rose 0.3 MB).
struct AllocatorTrimmer: Service {
    let interval: Duration
    let logger: Logger
    /// Returns whether any memory went back; glibc's `malloc_trim(0)`, or a stand-in in tests.
    var trim: @Sendable () -> Bool = { cmalloc_trim() == 1 }

    func run() async throws {
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return  // shutting down
            }
            let started = ContinuousClock.now
            let released = trim()
            logger.debug("Trimmed malloc's free pages", metadata: ["released": "\(released)", "took": "\(ContinuousClock.now - started)"])
        }
    }
}
