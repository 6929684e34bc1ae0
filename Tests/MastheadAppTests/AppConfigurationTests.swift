import Foundation
import Logging
import MastheadApp
import MastheadCore
import Testing

@Suite("Configuration precedence")
struct AppConfigurationTests {
    @Test func defaultsApplyWhenNothingIsGiven() throws {
        let configuration = try AppConfiguration.resolve(.init(), environment: [:])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.dataDirectory == "./masthead-data")
        #expect(configuration.databasePath == "./masthead-data/masthead.sqlite")
        #expect(configuration.demo == false)
        #expect(configuration.publicBaseURL == "http://127.0.0.1:8080")
    }

    @Test func environmentOverridesDefaults() throws {
        let configuration = try AppConfiguration.resolve(
            .init(),
            environment: [
                "MASTHEAD_HOST": "0.0.0.0", "MASTHEAD_PORT": "9000", "MASTHEAD_DATA": "/srv/news", "MASTHEAD_DEMO": "true",
                "MASTHEAD_LOG_LEVEL": "debug", "MASTHEAD_BASE_URL": "https://news.example/",
            ]
        )
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 9000)
        #expect(configuration.dataDirectory == "/srv/news")
        #expect(configuration.demo)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.publicBaseURL == "https://news.example")
    }

    @Test func flagsOverrideTheEnvironment() throws {
        let configuration = try AppConfiguration.resolve(
            .init(host: "::1", port: 7000, dataDirectory: "/flag"),
            environment: ["MASTHEAD_PORT": "9000", "MASTHEAD_DATA": "/env"]
        )
        #expect(configuration.host == "::1")
        #expect(configuration.port == 7000)
        #expect(configuration.dataDirectory == "/flag")
    }

    @Test(arguments: [
        (["MASTHEAD_PORT": "eighty"], "MASTHEAD_PORT"),
        (["MASTHEAD_PORT": "70000"], "MASTHEAD_PORT"),
        (["MASTHEAD_LOG_LEVEL": "loud"], "MASTHEAD_LOG_LEVEL"),
        (["MASTHEAD_DATABASE_URL": "mysql://x"], "MASTHEAD_DATABASE_URL"),
        (["MASTHEAD_BASE_URL": "news.example"], "MASTHEAD_BASE_URL"),
        (["MASTHEAD_IDLE_TIMEOUT": "0"], "MASTHEAD_IDLE_TIMEOUT"),
    ])
    func badValuesFailWithASentenceNamingTheKey(_ environment: [String: String], _ key: String) throws {
        let error = try #require(throws: MastheadError.self) { try AppConfiguration.resolve(.init(), environment: environment) }
        #expect(error.code == .configuration)
        #expect(error.message.contains(key))
    }
}
