import Foundation
import MastheadCore
import Testing

/// The stripper on images nobody here made (`MASTHEAD_IMAGE_EVAL=FOLDER`, e.g. exiftool's
/// own test images from its repository: real cameras' EXIF and maker notes, IPTC, XMP,
/// GPS); skipped when the variable is not set. `scripts/image-eval FOLDER` runs the same
/// folder through the whole upload with libvips.
@Suite("Metadata stripper on a held-out folder", .enabled(if: ProcessInfo.processInfo.environment["MASTHEAD_IMAGE_EVAL"] != nil))
struct MetadataStripperHeldOutTests {
    @Test func everyFileLosesWhatSaysWhereAndWithWhatItWasTaken() throws {
        let folder = try #require(ProcessInfo.processInfo.environment["MASTHEAD_IMAGE_EVAL"])
        var (stripped, refused, leaking) = (0, 0, [String]())
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            guard let bytes = FileManager.default.contents(atPath: folder + "/" + name).map([UInt8].init),
                case .success(let image) = ImageSniffer.sniff(bytes)
            else { continue }
            guard let clean = try? MetadataStripper.strip(Data(bytes), kind: image.kind) else {
                refused += 1
                continue
            }
            stripped += 1
            let left = try TestImages.leaks([UInt8](clean)) + TestImages.metadata([UInt8](clean)).keys.filter { $0.contains("MakerNotes") }
            if !left.isEmpty { leaking.append("\(name): \(left.prefix(3))") }
            #expect(try ImageSniffer.sniff([UInt8](clean)).get() == image, "\(name)")
        }
        print("held-out stripper: \(stripped) stripped, \(refused) refused, \(leaking.count) leaking")
        #expect(leaking.isEmpty, "\(leaking)")
        #expect(stripped > 0)
    }
}
