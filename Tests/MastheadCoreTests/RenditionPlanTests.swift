import Foundation
import MastheadCore
import Testing

@Suite("Rendition plan")
struct RenditionPlanTests {
    static let key = String(repeating: "ab", count: 32)

    @Test func aLargePhotoGetsTheWholeLadderInEveryFormatAndEveryCrop() {
        let plan = RenditionPlan(key: Self.key, width: 2560, height: 1707, focal: .centre)
        let set = plan.set
        for format in RenditionFormat.allCases {
            #expect(set.ladder(format).map(\.width) == [320, 640, 960, 1280, 1920])
        }
        #expect(set.ladder(.jpeg).map(\.height) == [213, 427, 640, 854, 1280])
        #expect(set.crop(.social).map { [$0.width, $0.height] } == [1200, 630])
        #expect(set.crop(.wide, atLeast: 600).map { [$0.width, $0.height] } == [640, 360])
        #expect(set.crop(.wide).map { [$0.width, $0.height] } == [1200, 675])
        #expect(set.crop(.standard).map { [$0.width, $0.height] } == [1200, 900])
        #expect(set.crop(.square).map { [$0.width, $0.height] } == [1200, 1200])
        #expect(Set(set.renditions.map(\.path)).count == set.renditions.count)
        #expect(set.renditions.allSatisfy { $0.path.hasPrefix("r/ab/abababababababababababababababab-") })
    }

    @Test func aSmallPhotoIsNeverUpscaledAndNoNameIsMadeTwice() {
        for (width, height) in [(800, 450), (640, 480), (300, 200), (50, 30), (1, 1), (1200, 5000)] {
            let set = RenditionPlan(key: Self.key, width: width, height: height, focal: .centre).set
            #expect(set.renditions.allSatisfy { $0.width <= width }, "\(width)×\(height)")
            #expect(set.ladder(.jpeg).last?.width == min(width, 1920), "\(width)×\(height)")
            #expect(Set(set.renditions.map(\.path)).count == set.renditions.count, "\(width)×\(height)")
            #expect(CropShape.allCases.allSatisfy { set.crop($0) != nil }, "\(width)×\(height)")
        }
        #expect(RenditionPlan(key: Self.key, width: 800, height: 450, focal: .centre).set.ladder(.webp).map(\.width) == [320, 640, 800])
    }

    @Test func cropsKeepTheFocalPointInFrameAndNameIt() {
        // A 2:1 picture cut square: the cut slides towards the point, stopping at the edge.
        #expect(RenditionPlan.cut(width: 2400, height: 1200, ratio: 1, focal: .centre) == (600, 0, 1200, 1200))
        #expect(RenditionPlan.cut(width: 2400, height: 1200, ratio: 1, focal: FocalPoint(x: 0.9, y: 0.5)) == (1200, 0, 1200, 1200))
        #expect(RenditionPlan.cut(width: 2400, height: 1200, ratio: 1, focal: FocalPoint(x: 0.3, y: 0.5)) == (120, 0, 1200, 1200))
        // A tall picture cut wide: the cut moves down to the point.
        #expect(RenditionPlan.cut(width: 1000, height: 3000, ratio: 16.0 / 9.0, focal: FocalPoint(x: 0.5, y: 0.8)) == (0, 2119, 1000, 563))
        let moved = RenditionPlan(key: Self.key, width: 2400, height: 1200, focal: FocalPoint(x: 0.9, y: 0.25)).set
        #expect(moved.crop(.square)?.path.contains("-1x1-f90x25-w1200.jpg") == true)
        // Out-of-range and non-numbers are clamped, never a crop outside the picture.
        #expect(FocalPoint(x: 7, y: -1) == FocalPoint(x: 1, y: 0))
        #expect(FocalPoint(x: .nan, y: .infinity) == .centre)
    }

    @Test func theSetSurvivesTheStoresText() {
        let set = RenditionPlan(key: Self.key, width: 1600, height: 900, focal: FocalPoint(x: 0.2, y: 0.7)).set
        #expect(RenditionSet(storedText: set.storedText) == set)
        #expect(RenditionSet(storedText: "") == nil && RenditionSet(storedText: "{not json") == nil)
        #expect(EmbeddedField.fields(storedText: EmbeddedField.storedText([.caption, .credit])) == [.credit, .caption])
        #expect(EmbeddedField.fields(storedText: "credit,unknown") == [.credit])
    }
}

@Suite("Metadata stripper")
struct MetadataStripperTests {
    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    @Test func aJPEGLosesExifXmpIptcAndCommentsAndKeepsItsPicture() throws {
        let exif = Self.segment(0xE1, Array("Exif\0\0".utf8) + Array("GPS 51.5N".utf8))
        let xmp = Self.segment(0xE1, Array("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>".utf8))
        let iptc = Self.segment(0xED, Array("Photoshop 3.0\0By-line".utf8))
        let comment = Self.segment(0xFE, Array("shot at home".utf8))
        let icc = Self.segment(0xE2, Array("ICC_PROFILE\0\u{1}\u{1}profile".utf8))
        let jfif = Self.segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
        let frame = Self.segment(0xC0, [8, 0, 20, 0, 30, 1, 1, 0x11, 0])
        let scan = Self.segment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x12, 0x34, 0xFF, 0x00, 0x56] + [0xFF, 0xD9]
        let file = [0xFF, 0xD8] + jfif + exif + icc + xmp + iptc + comment + frame + scan
        // A trailer after the end of the image (AFCP keeps IPTC there; phones keep more images).
        let trailer = Array("AFCP-IPTC By-line Ada Quill".utf8)
        let stripped = [UInt8](try MetadataStripper.strip(Data(file + trailer), kind: .jpeg))
        #expect(stripped == [0xFF, 0xD8] + jfif + icc + frame + scan)
        // A comment between a progressive file's scans goes too; its tables stay.
        let table = Self.segment(0xC4, [0, 1, 2, 3])
        let progressive =
            [0xFF, 0xD8] + frame + Self.segment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x12] + comment + table
            + Self.segment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x34, 0xFF, 0xD9]
        #expect(
            [UInt8](try MetadataStripper.strip(Data(progressive), kind: .jpeg))
                == [0xFF, 0xD8] + frame + Self.segment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x12] + table
                + Self.segment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x34, 0xFF, 0xD9]
        )
        #expect(try ImageSniffer.sniff(stripped).get() == ImageSniffer.sniff(file).get())
    }

    @Test func pngWebPAndGIFLoseTheirTextAndMetadataBlocks() throws {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            [0, 0, 0, UInt8(data.count)] + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        let ihdr = chunk("IHDR", [0, 0, 0, 4, 0, 0, 0, 3, 8, 2, 0, 0, 0])
        let png =
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + ihdr + chunk("tEXt", Array("GPS\0here".utf8))
            + chunk("eXIf", [1, 2]) + chunk("IDAT", [1, 2, 3]) + chunk("IEND", [])
        #expect(
            [UInt8](try MetadataStripper.strip(Data(png), kind: .png))
                == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + ihdr + chunk("IDAT", [1, 2, 3]) + chunk("IEND", [])
        )

        func riff(_ type: String, _ data: [UInt8]) -> [UInt8] {
            Array(type.utf8) + [UInt8(data.count), 0, 0, 0] + data + (data.count % 2 == 1 ? [0] : [])
        }
        let vp8x = riff("VP8X", [0x0C, 0, 0, 0, 3, 0, 0, 2, 0, 0])
        let body = vp8x + riff("VP8L", [0x2F, 1, 2, 3, 4]) + riff("EXIF", Array("GPS".utf8)) + riff("XMP ", Array("<x/>".utf8))
        let webp = Array("RIFF".utf8) + [UInt8(body.count + 4), 0, 0, 0] + Array("WEBP".utf8) + body
        let strippedWebP = [UInt8](try MetadataStripper.strip(Data(webp), kind: .webp))
        #expect(!String(decoding: strippedWebP, as: UTF8.self).contains("GPS"))
        #expect(strippedWebP[20] == 0)  // the EXIF and XMP flags are cleared
        #expect(Int(strippedWebP[4]) == strippedWebP.count - 8)

        let gif =
            Array("GIF89a".utf8) + [2, 0, 1, 0, 0, 0, 0]
            + [0x21, 0xFE, 5] + Array("hello".utf8) + [0]
            + [0x21, 0xFF, 11] + Array("XMP DataXMP".utf8) + [3, 1, 2, 3, 0]
            + [0x21, 0xFF, 11] + Array("NETSCAPE2.0".utf8) + [3, 1, 0, 0, 0]
            + [0x2C, 0, 0, 0, 0, 2, 0, 1, 0, 0, 2, 2, 0x4C, 0x01, 0] + [0x3B]
        let strippedGIF = [UInt8](try MetadataStripper.strip(Data(gif), kind: .gif))
        #expect(
            strippedGIF
                == Array("GIF89a".utf8) + [2, 0, 1, 0, 0, 0, 0] + [0x21, 0xFF, 11] + Array("NETSCAPE2.0".utf8) + [3, 1, 0, 0, 0]
                + [0x2C, 0, 0, 0, 0, 2, 0, 1, 0, 0, 2, 2, 0x4C, 0x01, 0] + [0x3B]
        )
    }

    @Test func aDamagedContainerIsRefusedNotPassedThrough() {
        for (bytes, kind) in [
            ([0xFF, 0xD8, 0xFF, 0xE1, 0x40, 0x00, 1, 2], ImageSniffer.Kind.jpeg),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 9, 9] as [UInt8], .png),
            (Array("GIF89a".utf8) + [2, 0, 1, 0, 0, 0, 0, 0x99], .gif),
        ] {
            #expect(throws: MastheadError.self) { try MetadataStripper.strip(Data(bytes), kind: kind) }
        }
    }
}
