import Foundation
import MastheadTesting
import MastheadWeb
import Testing

/// Real image files for the tests, made with the same outside tools the server
/// uses (libvips to draw, exiftool to write camera and agency metadata), and
/// exiftool as the judge of what a file carries.
enum TestImages {
    static let tools = ImageTools.locate()
    /// `.ci/run` installs both and sets this, so a missing package fails CI instead of skipping.
    static let required = ProcessInfo.processInfo.environment["MASTHEAD_REQUIRE_IMAGE_TOOLS"] == "1"
    static var available: Bool { tools.vips != nil && tools.exiftool != nil }

    /// For `.enabled(if:)`: true where the tools are here, and true where they are
    /// required (so the test runs and fails on what is missing).
    static var shouldRun: Bool { available || required }

    @discardableResult
    static func run(_ program: String?, _ arguments: [String]) throws -> Data {
        guard let program else { throw ToolFailure("libvips or exiftool is not installed") }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("masthead-test-tool-\(UUID().uuidString)").path
        let descriptor = open(output, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ToolFailure("no temporary file for \(program)") }
        defer { unlink(output) }
        let child: ChildProcess
        do {
            defer { close(descriptor) }
            child = try ChildProcess.start(program, arguments, environment: ProcessInfo.processInfo.environment, standardOutput: descriptor)
        }
        let termination = child.waitBlocking()
        guard termination.succeeded else {
            throw ToolFailure("\(program) \(arguments.joined(separator: " ")) \(termination)")
        }
        return FileManager.default.contents(atPath: output) ?? Data()
    }

    /// A photo-like picture (smooth noise in three bands) written as `name` (the
    /// extension picks the format), with `tags` written by exiftool (`-GPSLatitude=51.5`…).
    static func photo(
        width: Int,
        height: Int,
        name: String = "photo.jpg",
        save: String = "[Q=90]",
        cmyk: Bool = false,
        depth16: Bool = false,
        tags: [String] = []
    )
        throws -> [UInt8]
    {
        let folder = try TemporaryFolders.folder("images")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var bands: [String] = []
        for (index, cell) in [max(8, width / 12), max(8, width / 40), max(8, width / 4)].enumerated() {
            let band = "\(folder)/band\(index).v"
            try run(tools.vips, ["perlin", band, "\(width)", "\(height)", "--cell-size", "\(cell)"])
            bands.append(band)
        }
        try run(tools.vips, ["bandjoin", bands.joined(separator: " "), "\(folder)/joined.v"])
        try run(tools.vips, ["linear", "\(folder)/joined.v", "\(folder)/scaled.v", "120 100 140", "128 118 120", "--uchar"])
        var source = "\(folder)/scaled.v"
        if cmyk {
            try run(tools.vips, ["colourspace", source, "\(folder)/cmyk.v", "cmyk"])
            source = "\(folder)/cmyk.v"
        }
        if depth16 {
            try run(tools.vips, ["colourspace", source, "\(folder)/deep.v", "rgb16"])
            source = "\(folder)/deep.v"
        }
        let file = "\(folder)/\(name)"
        try run(tools.vips, ["copy", source, file + save])
        if !tags.isEmpty { try run(tools.exiftool, ["-q", "-overwrite_original"] + tags + [file]) }
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
    }

    /// An animated GIF: `frames` pictures stacked as pages.
    static func animatedGIF(frames: Int, width: Int, height: Int) throws -> [UInt8] {
        let folder = try TemporaryFolders.folder("gif")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(try photo(width: width, height: height * frames, name: "tall.png", save: "")).write(to: URL(fileURLWithPath: "\(folder)/tall.png"))
        try run(tools.vips, ["gifsave", "\(folder)/tall.png", "\(folder)/animated.gif", "--page-height", "\(height)"])
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(folder)/animated.gif")))
    }

    /// What exiftool finds in the bytes, by `Group:Tag`, leaving out its own and the file system's.
    static func metadata(_ bytes: [UInt8]) throws -> [String: String] {
        let folder = try TemporaryFolders.folder("judge")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = "\(folder)/file"
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let json = try run(tools.exiftool, ["-json", "-G1", "-a", "-u", file])
        let list = try JSONSerialization.jsonObject(with: json) as? [[String: Any]] ?? []
        var tags: [String: String] = [:]
        for (key, value) in list.first ?? [:] where !key.hasPrefix("System:") && !key.hasPrefix("ExifTool:") && key != "SourceFile" {
            tags[key] = "\(value)"
        }
        return tags
    }

    /// The tags that must never reach a reader: where a photo was taken and what took it.
    static func leaks(_ bytes: [UInt8]) throws -> [String] {
        try metadata(bytes).keys.filter { key in
            let lower = key.lowercased()
            return lower.hasPrefix("gps") || lower.contains(":gps") || lower.contains("serialnumber") || lower.hasPrefix("iptc:")
                || lower.contains("xmp-") || lower.contains(":make") || lower.contains(":model") || lower.contains("by-line")
        }.sorted()
    }

    /// A real PNG drawn here (stored, not compressed, deflate blocks), for tests that run without libvips.
    static func png(width: Int, height: Int) -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity((width * 3 + 1) * height)
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width { raw += [UInt8(x & 0xFF), UInt8(y & 0xFF), UInt8((x + y) & 0xFF)] }
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, raw.count - offset)
            let final: UInt8 = offset + count == raw.count ? 1 : 0
            zlib += [final, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            zlib += raw[offset..<offset + count]
            offset += count
        } while offset < raw.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in raw {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        zlib += be32(Int(b << 16 | a))
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", be32(width) + be32(height) + [8, 2, 0, 0, 0]) + chunk("IDAT", zlib) + chunk("IEND", [])
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in body {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return be32(data.count) + body + be32(Int(~crc))
    }

    static func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
}

struct ToolFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

@Suite("Image tools' child processes")
struct ImageToolsLimitTests {
    @Test func aChildPastItsTimeLimitIsStoppedAndReportedAsAFailure() async throws {
        var tools = ImageTools.locate()
        tools.timeLimit = .milliseconds(300)
        let started = ContinuousClock.now
        await #expect(throws: (any Error).self) { try await tools.run("/bin/sleep", ["60"]) }
        // Far less than the minute it asked for, even on a machine busy with every other suite.
        #expect(ContinuousClock.now - started < .seconds(30))
        // One that ends in time gives its output back.
        tools.timeLimit = .seconds(10)
        let echoed = try await tools.run("/bin/echo", ["vips"])
        #expect(String(decoding: echoed, as: UTF8.self) == "vips\n")
    }
}
