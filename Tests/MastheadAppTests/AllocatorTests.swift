import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import MastheadApp

@Suite("Allocator")
struct AllocatorTests {
    @Test func theTrimmerTrimsOnItsIntervalAndStopsWithTheServer() async throws {
        let trims = Mutex(0)
        let logger = Logger(label: "test")
        let trimmer = AllocatorTrimmer(interval: .milliseconds(10), logger: logger) {
            trims.withLock { $0 += 1 }
            return true
        }
        let group = ServiceGroup(configuration: .init(services: [trimmer], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            // Generous: the point is that it trims more than once, not how soon.
            for _ in 0..<2_000 where trims.withLock({ $0 }) < 3 {
                try await Task.sleep(for: .milliseconds(5))
            }
            await group.triggerGracefulShutdown()
            // The group only returns once the trimmer has stopped.
            try await tasks.waitForAll()
        }
        let afterShutdown = trims.withLock { $0 }
        #expect(afterShutdown >= 3)
        try await Task.sleep(for: .milliseconds(50))
        #expect(trims.withLock { $0 } == afterShutdown, "no trims after the service stopped")
    }

    #if os(Linux)
    @Test func theRealTrimHandsFreedPagesBack() {
        // 32 MiB in 64 KiB blocks (below glibc's mmap threshold, so they come from
        // an arena), freed except the last, which keeps the heap from shrinking by itself.
        let blocks = (0..<512).map { _ in UnsafeMutableRawPointer.allocate(byteCount: 64 << 10, alignment: 16) }
        for block in blocks {
            block.initializeMemory(as: UInt8.self, repeating: 1, count: 64 << 10)
        }
        for block in blocks.dropLast() { block.deallocate() }
        defer { blocks.last?.deallocate() }
        #expect(AllocatorTrimmer(interval: .seconds(30), logger: Logger(label: "test")).trim())
    }
    #endif
}
