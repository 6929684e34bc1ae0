/// The demo newsroom's desks and people. Every name and biography is invented.
enum DemoStaff {
    struct SectionInfo {
        var slug: String
        var name: String
        var description: String
        /// Hue of the section's illustrations, in degrees.
        var hue: Int
    }

    struct Person {
        var slug: String
        var name: String
        var role: String
        var bio: String
        var hue: Int
    }

    static let sections = [
        SectionInfo(slug: "news", name: "News", description: "What is happening around Kestrel Bay today.", hue: 210),
        SectionInfo(slug: "politics", name: "Politics", description: "City hall, the county board and the statehouse.", hue: 0),
        SectionInfo(slug: "business", name: "Business", description: "Jobs, the port, shops and the money behind them.", hue: 150),
        SectionInfo(slug: "science", name: "Science", description: "Research, health and the natural world of the bay.", hue: 265),
        SectionInfo(slug: "culture", name: "Culture", description: "Stage, music, books and food.", hue: 35),
        SectionInfo(slug: "sport", name: "Sport", description: "From the Harbor League to the rowing clubs.", hue: 95),
    ]

    static let authors = [
        Person(
            slug: "marisol-vega",
            name: "Marisol Vega",
            role: "City hall reporter",
            bio: "Marisol Vega has covered Kestrel Bay's city council since 2019. Before that she reported on courts for a weekly in the valley.",
            hue: 12
        ),
        Person(
            slug: "grace-adeyemi",
            name: "Grace Adeyemi",
            role: "Politics correspondent",
            bio: "Grace Adeyemi writes about state politics and elections. She grew up in the harbor district and studied public policy.",
            hue: 330
        ),
        Person(
            slug: "daniel-okafor",
            name: "Daniel Okafor",
            role: "Business editor",
            bio: "Daniel Okafor edits the Courier's business pages and writes about the port, small firms and the regional economy.",
            hue: 160
        ),
        Person(
            slug: "priya-raman",
            name: "Priya Raman",
            role: "Science and health correspondent",
            bio: "Priya Raman trained as a marine biologist before turning to journalism. She covers research, medicine and the environment.",
            hue: 270
        ),
        Person(
            slug: "hannah-weiss",
            name: "Hannah Weiss",
            role: "Culture critic",
            bio: "Hannah Weiss reviews theater, music and books, and keeps an eye on the city's restaurant openings.",
            hue: 40
        ),
        Person(
            slug: "tomas-lindqvist",
            name: "Tomás Lindqvist",
            role: "Sports writer",
            bio: "Tomás Lindqvist follows the Harbor League, high-school sport and the rowing clubs that crowd the bay on weekend mornings.",
            hue: 100
        ),
    ]
}
