import CMalloc
import Foundation

/// Caps glibc's malloc at one arena per core (at least two) before the server starts its threads.
///
/// glibc lets threads open up to eight arenas per core. Under saturation the event
/// loops, the concurrency pool and the database's threads spread over a dozen arenas,
/// and the process ends up slower and larger than it began: the battery's L2 row held
/// a server for ten minutes and measured it 6% slower than a fresh control, and all
/// of L4's RSS growth was in those arenas (docs/reliability.md).
///
/// An operator's own `MALLOC_ARENA_MAX` or `GLIBC_TUNABLES` wins: glibc has read them already.
func capAllocatorArenas() {
    let environment = ProcessInfo.processInfo.environment
    guard environment["MALLOC_ARENA_MAX"] == nil, environment["GLIBC_TUNABLES"]?.contains("arena_max") != true else { return }
    // glibc fixes its limit once it has more than eight arenas; the event loops have not started yet.
    _ = cmalloc_set_arena_max(Int32(max(2, ProcessInfo.processInfo.activeProcessorCount)))
}
