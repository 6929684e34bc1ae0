import Foundation
import HTTPTypes
import MastheadCore
import MastheadTesting
import MastheadWeb
import Synchronization
import Testing

/// Photos render a few at a time (each render runs libvips children); an upload
/// beyond the queue is told to come back (503, `Retry-After`) and leaves no file.
/// Without libvips the same gate holds, so this runs everywhere.
@Suite("Image pipeline: renders take turns")
struct ImageGateTests {
    static func pipeline(_ folder: String, gate: WorkGate) -> ImagePipeline {
        ImagePipeline(
            tools: ImageTools(vips: nil, exiftool: nil),
            mediaDirectory: folder + "/media",
            originalsDirectory: folder + "/originals",
            workDirectory: folder + "/tmp",
            gate: gate
        )
    }

    static func files(under folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { !$0.hasSuffix("/") && $0.contains(".") }
    }

    @Test func aCommandsPipelineHasNoGate() async throws {
        let folder = try TemporaryFolders.folder("gate")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pipeline = ImagePipeline(
            tools: ImageTools(vips: nil, exiftool: nil),
            mediaDirectory: folder + "/media",
            originalsDirectory: folder + "/originals",
            workDirectory: folder + "/tmp"
        )
        #expect(pipeline.gate == nil)
        _ = try await pipeline.ingest(Data(TestImages.png(width: 640, height: 360)))
    }

    @Test func anUploadBeyondTheQueueIsRefusedWithRetryAfterAndLeavesNothing() async throws {
        let folder = try TemporaryFolders.folder("gate")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let gate = WorkGate(limit: 1, queueLength: 1)
        let pipeline = Self.pipeline(folder, gate: gate)
        // One render in progress (held open here) and one waiting fill the gate.
        let release = Atomic<Bool>(false)
        let busy = Task { try await gate.run { while !release.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(5)) } } }
        while gate.load.running < 1 { await Task.yield() }
        let waiting = Task { try await pipeline.ingest(Data(TestImages.png(width: 640, height: 360))) }
        while gate.load.waiting < 1 { await Task.yield() }

        do {
            _ = try await pipeline.ingest(Data(TestImages.png(width: 800, height: 450)))
            Issue.record("an upload past the queue was taken")
        } catch let refused as Throttled {
            #expect(refused.status == .serviceUnavailable && refused.retryAfter > 0)
        }
        #expect(Self.files(under: folder).isEmpty, "a refused upload left \(Self.files(under: folder))")

        // The render ends; the waiting upload goes through, and a new one is taken again.
        release.store(true, ordering: .releasing)
        try await busy.value
        let queued = try await waiting.value
        let later = try await pipeline.ingest(Data(TestImages.png(width: 800, height: 450)))
        #expect(Set(Self.files(under: folder + "/media")) == [queued.path, later.path])
    }
}
