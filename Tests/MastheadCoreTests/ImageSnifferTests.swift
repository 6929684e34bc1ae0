import MastheadCore
import Testing

/// Image headers built by hand: the sniffer reads headers only, never pixels.
enum SampleImages {
    static func png(width: Int, height: Int) -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + bigEndian32(width) + bigEndian32(height)
            + [8, 2, 0, 0, 0] + [UInt8](repeating: 0, count: 40)
    }

    static func gif(width: Int, height: Int) -> [UInt8] {
        Array("GIF89a".utf8) + [UInt8(width & 0xFF), UInt8(width >> 8), UInt8(height & 0xFF), UInt8(height >> 8)] + [0, 0, 0]
    }

    static func jpeg(width: Int, height: Int) -> [UInt8] {
        // SOI, an APP0 segment, then SOF0 with the size.
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
            + [0xFF, 0xC0, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 3]
            + [UInt8](repeating: 0, count: 20)
    }

    static func webpExtended(width: Int, height: Int) -> [UInt8] {
        let w = width - 1
        let h = height - 1
        return Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0, 0, 0, 0, 0]
            + [UInt8(w & 0xFF), UInt8((w >> 8) & 0xFF), UInt8(w >> 16), UInt8(h & 0xFF), UInt8((h >> 8) & 0xFF), UInt8(h >> 16)]
            + [UInt8](repeating: 0, count: 10)
    }

    private static func bigEndian32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}

@Suite("Image sniffing")
struct ImageSnifferTests {
    @Test func recognisesEachAllowedFormatAndItsSize() throws {
        let cases: [([UInt8], ImageSniffer.Kind)] = [
            (SampleImages.png(width: 640, height: 360), .png), (SampleImages.gif(width: 640, height: 360), .gif),
            (SampleImages.jpeg(width: 640, height: 360), .jpeg), (SampleImages.webpExtended(width: 640, height: 360), .webp),
        ]
        for (bytes, kind) in cases {
            let image = try ImageSniffer.sniff(bytes).get()
            #expect(image.kind == kind)
            #expect(image.width == 640 && image.height == 360)
        }
    }

    @Test(arguments: [
        Array("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".utf8),
        Array("<?xml version=\"1.0\"?><svg/>".utf8),
        Array("<html><script>alert(1)</script></html>".utf8),
        Array("%PDF-1.7".utf8),
        [UInt8](),
        [0x89, 0x50, 0x4E, 0x47],  // a truncated PNG signature
    ])
    func anythingElseIsRefused(_ bytes: [UInt8]) {
        #expect(throws: MastheadError.self) { try ImageSniffer.sniff(bytes).get() }
    }

    @Test func decompressionBombsAreRefusedByTheirHeader() {
        #expect(throws: MastheadError.self) { try ImageSniffer.sniff(SampleImages.png(width: 30_000, height: 30_000)).get() }
        #expect(throws: MastheadError.self) { try ImageSniffer.sniff(SampleImages.png(width: 0, height: 10)).get() }
    }

    @Test func aPolyglotIsJudgedByItsFirstBytes() throws {
        // A GIF header followed by script is a GIF (served as image/gif with nosniff), never HTML.
        let polyglot = SampleImages.gif(width: 10, height: 10) + Array("<script>alert(1)</script>".utf8)
        #expect(try ImageSniffer.sniff(polyglot).get().kind == .gif)
    }
}
