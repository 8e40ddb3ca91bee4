/// The fixed words of the printed sheets in one language; templates reach them as
/// `{{labels.NAME}}`.
public struct SheetLabels: Sendable {
    public var programme, runOfShow, briefing, introduction, guidingQuestions, outcome, audience: String
    public var venue, online, joinOnline, dialIn, moderator, speakers, onlineMarker, questions, question: String
    public var organizedBy, interpretation, localTimes, time, elapsed, remaining, minutes, segment: String
    public var floor, cue, tech, techCheck, note, end, yourTime, venueTime, yourSegments: String
    public var speakingTime, questionsToAddress, howToJoin, withYou, onlineSpeakers: String
    public var describedNotice, unnamedSpeaker, unnamedModerator, unnamedParticipant: String
    public var toBeScheduled: String
    /// The heading of the sessions held online after the meeting.
    public var followUp: String
    /// "before", as in "connection and audio check before the panel".
    public var before: String
    /// The colon after a label: "\u{A0}:" in French, ":" otherwise.
    public var colon: String

    /// The labels of `language`.
    public static func of(_ language: SheetLanguage) -> SheetLabels {
        switch language {
        case .en: english
        case .fr: french
        case .uk: ukrainian
        }
    }

    static let english = SheetLabels(
        programme: "Programme", runOfShow: "Run of show", briefing: "Speaker briefing", introduction: "Introduction",
        guidingQuestions: "Guiding questions", outcome: "Outcome", audience: "Audience",
        venue: "Venue", online: "Online", joinOnline: "Join online", dialIn: "Dial-in", moderator: "Moderator",
        speakers: "Speakers", onlineMarker: "online", questions: "Questions", question: "Question",
        organizedBy: "Organised by", interpretation: "Interpretation", localTimes: "Online speakers' local time",
        time: "Time", elapsed: "Elapsed", remaining: "Left", minutes: "Min", segment: "Segment",
        floor: "Floor", cue: "Cue", tech: "Tech", techCheck: "Connection and audio check", note: "Note", end: "End",
        yourTime: "Your time", venueTime: "Venue time", yourSegments: "When you have the floor",
        speakingTime: "Speaking time", questionsToAddress: "Questions to address", howToJoin: "How to join",
        withYou: "Also speaking", onlineSpeakers: "Online speakers",
        describedNotice: "Some participants are described by their role, not named.",
        unnamedSpeaker: "a speaker", unnamedModerator: "a moderator", unnamedParticipant: "a participant", toBeScheduled: "To be scheduled", followUp: "Follow-up, online", before: "before", colon: ":")

    static let french = SheetLabels(
        programme: "Programme", runOfShow: "Déroulé", briefing: "Fiche d’intervention", introduction: "Introduction",
        guidingQuestions: "Questions directrices", outcome: "Résultat attendu", audience: "Public visé",
        venue: "Lieu", online: "En ligne", joinOnline: "Participer en ligne", dialIn: "Par téléphone", moderator: "Modération",
        speakers: "Intervenantes et intervenants", onlineMarker: "en ligne", questions: "Questions", question: "Question",
        organizedBy: "Organisé par", interpretation: "Interprétation", localTimes: "Heure locale des intervenants en ligne",
        time: "Heure", elapsed: "Écoulé", remaining: "Reste", minutes: "Min", segment: "Séquence",
        floor: "Parole", cue: "Consigne", tech: "Technique", techCheck: "Test de connexion et de son", note: "Note", end: "Fin",
        yourTime: "Votre heure", venueTime: "Heure du lieu", yourSegments: "Vos interventions",
        speakingTime: "Temps de parole", questionsToAddress: "Questions à traiter", howToJoin: "Comment se connecter",
        withYou: "Interviennent aussi", onlineSpeakers: "Intervenants en ligne",
        describedNotice: "Certaines personnes sont désignées par leur rôle, sans être nommées.",
        unnamedSpeaker: "une personne intervenante", unnamedModerator: "une personne modératrice",
        unnamedParticipant: "une personne participante", toBeScheduled: "À programmer", followUp: "Suivi, en ligne", before: "avant", colon: "\u{A0}:")

    static let ukrainian = SheetLabels(
        programme: "Програма", runOfShow: "Сценарій заходу", briefing: "Памʼятка для спікера", introduction: "Вступ",
        guidingQuestions: "Ключові питання", outcome: "Очікуваний результат", audience: "Цільова аудиторія",
        venue: "Місце", online: "Онлайн", joinOnline: "Онлайн-підключення", dialIn: "Телефон", moderator: "Модерація",
        speakers: "Спікери", onlineMarker: "онлайн", questions: "Питання", question: "Питання",
        organizedBy: "Організатор", interpretation: "Переклад", localTimes: "Місцевий час онлайн-спікерів",
        time: "Час", elapsed: "Минуло", remaining: "Лишилось", minutes: "Хв", segment: "Частина",
        floor: "Слово", cue: "Нагадування", tech: "Техніка", techCheck: "Перевірка звʼязку та звуку", note: "Примітка",
        end: "Завершення", yourTime: "Ваш час", venueTime: "Час на місці", yourSegments: "Ваші виступи",
        speakingTime: "Час виступу", questionsToAddress: "Питання для виступу", howToJoin: "Як підключитися",
        withYou: "Також виступають", onlineSpeakers: "Онлайн-спікери",
        describedNotice: "Деяких учасників указано за їхньою роллю, без імен.",
        unnamedSpeaker: "спікер(ка)", unnamedModerator: "модератор(ка)", unnamedParticipant: "учасник(ця)",
        toBeScheduled: "Дату й час ще не призначено", followUp: "Подальша зустріч онлайн", before: "перед", colon: ":")
}

extension SheetLanguage {
    /// "Side event", "Événement parallèle", "Супутній захід".
    func name(of kind: EventKind) -> String {
        let names: [EventKind: (String, String, String)] = [
            .sideEvent: ("Side event", "Événement parallèle", "Супутній захід"),
            .workshop: ("Workshop", "Atelier", "Семінар"),
            .dialogue: ("Dialogue", "Dialogue", "Діалог"),
            .consultation: ("Consultation", "Consultation", "Консультація"),
            .communityDialogue: ("Community dialogue", "Dialogue communautaire", "Діалог у громаді"),
            .training: ("Training", "Formation", "Тренінг"),
            .meeting: ("Meeting", "Réunion", "Зустріч"),
        ]
        return pick(names[kind] ?? ("", "", ""))
    }

    /// "Panel", "Pause", "Перерва"; `nil` for a segment of no particular kind.
    func name(of kind: SegmentKind) -> String? {
        let names: [SegmentKind: (String, String, String)] = [
            .opening: ("Opening", "Ouverture", "Відкриття"),
            .keynote: ("Keynote", "Discours d’ouverture", "Основна доповідь"),
            .panel: ("Panel", "Table ronde", "Панель"),
            .dialogue: ("Dialogue", "Dialogue", "Діалог"),
            .breakout: ("Breakout groups", "Groupes de travail", "Робота в групах"),
            .qa: ("Q&A", "Questions-réponses", "Запитання й відповіді"),
            .break: ("Break", "Pause", "Перерва"),
            .closing: ("Closing", "Clôture", "Закриття"),
        ]
        return names[kind].map(pick)
    }

    /// "Track 1.5 · Track 2", "Voie 1,5 · Voie 2", "Трек 1,5 · Трек 2".
    func tracks(_ tracks: [Track]) -> String? {
        guard !tracks.isEmpty else { return nil }
        let word = pick(("Track", "Voie", "Трек"))
        return tracks.map { "\(word) \(decimal($0.rawValue))" }.joined(separator: " · ")
    }

    /// "New York time", "heure de New York", "Нью-Йорк".
    func zoneTime(_ zone: String) -> String {
        let city = city(zone)
        return pick(("\(city) time", "heure de \(city)", city))
    }

    /// The notice a sheet carries under a rule other than public.
    func notice(_ rule: Confidentiality) -> String? {
        switch rule {
        case .public: return nil
        case .chathamHouse:
            return pick((
                "This meeting is held under the Chatham House Rule: participants are free to use the information received, but neither the identity nor the affiliation of the speakers, nor that of any other participant, may be revealed.",
                "Cette réunion se tient selon la règle de Chatham House\u{A0}: les participants sont libres d’utiliser les informations recueillies, mais ne doivent révéler ni l’identité ni l’affiliation des intervenants, ni celles des autres participants.",
                "Зустріч проводиться за правилом Чатем-Хаусу: учасники можуть вільно використовувати отриману інформацію, але не можуть розкривати ні особу, ні належність спікерів чи будь-кого з інших учасників."))
        case .offTheRecord:
            return pick((
                "This meeting is off the record: nothing said in it may be reported or quoted.",
                "Cette réunion est officieuse\u{A0}: rien de ce qui y est dit ne peut être rapporté ni cité.",
                "Ця зустріч не для запису: нічого зі сказаного не можна оприлюднювати чи цитувати."))
        case .closed:
            return pick((
                "This is a closed meeting: attendance is by invitation only and its proceedings are not public.",
                "Réunion à huis clos\u{A0}: la participation se fait sur invitation et les échanges ne sont pas publics.",
                "Це закрита зустріч: участь лише за запрошенням, обговорення не є публічним."))
        }
    }

    private func pick(_ words: (String, String, String)) -> String {
        switch self {
        case .en: words.0
        case .fr: words.1
        case .uk: words.2
        }
    }
}
