/// User agents that are not readers: crawlers, link previewers, monitors and
/// scripts. Matched case-insensitively as substrings; keep the list in this file.
public enum BotRules {
    public static let patterns: [String] = [
        "bot", "crawl", "spider", "slurp", "mediapartners", "facebookexternalhit", "embedly", "quora link preview", "whatsapp",
        "telegrambot", "discordbot", "slackbot", "twitterbot", "linkedinbot", "pinterest", "bingpreview", "yandex", "baiduspider",
        "duckduckbot", "applebot", "petalbot", "semrush", "ahrefs", "mj12bot", "dotbot", "headlesschrome", "phantomjs", "lighthouse",
        "pingdom", "uptimerobot", "statuscake", "curl/", "wget/", "python-requests", "python-urllib", "go-http-client", "java/",
        "okhttp", "libwww-perl", "httpclient", "node-fetch", "axios/", "scrapy", "feedfetcher", "feedly", "inoreader", "newsblur",
        "preview", "monitor", "checker", "archive.org_bot", "ia_archiver",
    ]

    /// The patterns as bytes, grouped by their first byte: every beacon asks, so the
    /// check is a byte scan (String.contains builds a search table per call, and cost
    /// the beacon most of its time).
    private static let byFirstByte: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for pattern in patterns {
            let bytes = Array(pattern.utf8)
            table[Int(bytes[0])].append(bytes)
        }
        return table
    }()

    /// Whether the user agent is a machine (or absent, which no browser is).
    public static func isBot(_ userAgent: String?) -> Bool {
        guard var userAgent, !userAgent.isEmpty, userAgent.utf8.count <= 1024 else { return true }
        return userAgent.withUTF8 { bytes in
            // ASCII case folding is enough: every pattern is ASCII.
            let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            for start in lowered.indices {
                for pattern in byFirstByte[Int(lowered[start])] where start + pattern.count <= lowered.count {
                    var matched = true
                    for offset in 1..<pattern.count where lowered[start + offset] != pattern[offset] {
                        matched = false
                        break
                    }
                    if matched { return true }
                }
            }
            return false
        }
    }
}
