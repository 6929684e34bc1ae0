import Foundation
import MastheadWeb
import Testing

/// The image tools' children: what they print comes back, a failure says how it
/// ended, and one that runs past its time is killed without holding the caller.
@Suite("Child processes")
struct ChildProcessTests {
    static let tools = ImageTools.locate()

    @Test func whatTheChildPrintsComesBack() async throws {
        let output = try await Self.tools.run("/bin/sh", ["-c", "printf 'hello %s' \"$VIPS_BLOCK_UNTRUSTED\""])
        #expect(String(decoding: output, as: UTF8.self) == "hello 1")
    }

    @Test func aFailingChildReportsItsStatus() async throws {
        await #expect {
            try await Self.tools.run("/bin/sh", ["-c", "exit 3"])
        } throws: { error in
            "\(error)".contains("status 3")
        }
    }

    @Test func aChildPastItsTimeLimitIsKilled() async throws {
        var tools = Self.tools
        tools.timeLimit = .milliseconds(300)
        let started = ContinuousClock.now
        await #expect {
            try await tools.run("/bin/sleep", ["30"])
        } throws: { error in
            "\(error)".contains("signal 9")
        }
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func twentyChildrenAtOnceAllFinish() async throws {
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<20 {
                group.addTask { String(decoding: try await Self.tools.run("/bin/echo", ["child \(index)"]), as: UTF8.self) }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(outputs == Set((0..<20).map { "child \($0)\n" }))
    }

    @Test func aMissingProgramIsAnErrorNotACrash() async throws {
        await #expect(throws: (any Error).self) {
            try await Self.tools.run("/nonexistent/program", [])
        }
    }
}
