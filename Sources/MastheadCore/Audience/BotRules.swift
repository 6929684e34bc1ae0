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

    /// Whether the user agent is a machine (or absent, which no browser is).
    public static func isBot(_ userAgent: String?) -> Bool {
        guard let userAgent, !userAgent.isEmpty, userAgent.count <= 1024 else { return true }
        let lowered = userAgent.lowercased()
        return patterns.contains { lowered.contains($0) }
    }
}
