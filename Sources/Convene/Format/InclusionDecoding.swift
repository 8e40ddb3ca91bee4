/// Reading the event's `inclusion:` mapping.
extension AgendaDecoder {
    /// The inclusion settings of the agenda, defaults for what it leaves out.
    func inclusion(_ fields: Fields) -> InclusionSettings {
        var settings = InclusionSettings()
        guard let entry = fields.values["inclusion"],
              let inner = mapping(entry.value, spec: AgendaFormat.inclusion, path: fields.child("inclusion")) else { return settings }
        if let threshold = percentage(inner, "women_speakers_threshold") {
            settings.womenSpeakersThreshold = threshold
        }
        settings.allWomenPanels = choice(inner, "all_women_panels", AllWomenPanels.self) ?? .flag
        return settings
    }

    /// A share written as `40%` or `0.4`; an error at the value's line for anything else.
    func percentage(_ fields: Fields, _ key: String) -> Percentage? {
        guard let value = scalar(fields, key) else { return nil }
        switch Percentage.read(value) {
        case .value(let percentage):
            return percentage
        case .outOfRange:
            fail(fields, key, "'\(value)' is outside 0%–100%", hint: "a share runs from 0% to 100%, e.g. 40%")
        case .bareNumber(let number):
            let percent = number == number.rounded() ? "\(Int(number))%" : "\(number)%"
            fail(fields, key, "'\(value)' is not a percentage",
                 hint: "write \(percent); a bare number is read as a fraction from 0 to 1 (0.5 is 50%)")
        case .notAPercentage:
            fail(fields, key, "'\(value)' is not a percentage", hint: "write a share such as 40% (or the fraction 0.4)")
        }
        return nil
    }
}
