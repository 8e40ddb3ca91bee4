/// The paper a PDF sheet is printed on: A4, or US Letter where that is what printers hold.
public enum Paper: String, Sendable, CaseIterable {
    /// ISO A4, 210 × 297 mm.
    case a4
    /// US Letter, 8.5 × 11 inches.
    case letter

    /// The countries (ISO 3166 codes) that print on US Letter, as the Unicode CLDR's
    /// `paperSize` data lists them (`supplementalData.xml`, `US-Letter`); every other
    /// country prints on A4, CLDR's default for the world (`001`).
    public static let letterCountries: Set<String> = ["BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"]

    /// The paper of a country: Letter for ``letterCountries``, A4 for every other and for none.
    public init(country: String?) {
        self = country.map { Self.letterCountries.contains($0.uppercased()) } == true ? .letter : .a4
    }

    /// The paper of the country a zone is in: the venue's zone for the agenda and the
    /// run-of-show, the reader's for a briefing. The zone is known to be a real one (the
    /// agenda's `timezone` is checked, where its free-text address is not), and the tz
    /// database's country tables give its country (``ZoneDirectory/country(of:)``), so
    /// America/New_York gives the United States and Letter, Europe/Amsterdam the
    /// Netherlands and A4. A zone of no country (`UTC`) gives A4.
    public init(zone: String, zones: ZoneDirectory) {
        self.init(country: zones.country(of: zone))
    }

    /// The paper's name in a CSS `@page { size: … }` rule.
    public var cssSize: String {
        switch self {
        case .a4: "A4"
        case .letter: "letter"
        }
    }

    /// Width and height in PostScript points (1/72 inch), as a PDF states them.
    public var points: (width: Double, height: Double) {
        switch self {
        case .a4: (595.28, 841.89)
        case .letter: (612, 792)
        }
    }
}
