/// Why no start suits everyone who must take part in a session, worked out from the very
/// constraints ``SlotFinder`` searches with: day by day, the stretches everyone's working hours
/// and days share (in UTC), whose hours open and close each, what the calendars leave free in
/// them, and what would make a slot possible.
public struct NoSlotExplanation: Sendable {
    /// What rules every start out.
    public enum Cause: String, Sendable {
        /// The working time everyone shares is shorter than the session on every day.
        case workingHours = "working hours"
        /// No day of the search has working time everyone shares, because each is someone's
        /// day off.
        case workingDays = "working days"
        /// Working hours leave time enough on some day, but busy calendars close it.
        case calendars
        /// A stretch free for everyone is long enough, but no candidate start (every `--step`
        /// minutes of the venue's clock) falls where the session fits in it.
        case step
    }

    /// People whose constraints are the same (judged in one zone, with the same working hours
    /// and working days), reported together rather than one by one.
    public struct Group: Sendable, Equatable {
        /// In agenda order.
        public var people: [PersonID]
        /// The zone they are judged in: their own when online, the venue's when in the room.
        public var timeZone: String
        /// Whether every one of them is in the room.
        public var inPerson: Bool
        public var workingHours: WorkingHours
        public var workingDays: [Weekday]
    }

    /// A group at one edge of a shared window, with what their clock shows there.
    public struct Edge: Sendable {
        public var group: Group
        public var local: ZonedTime
        /// Whether the edge is where their working hours start or end (rather than where a
        /// working day begins or ends, for hours that run past midnight).
        public var isHoursEdge: Bool
    }

    /// A stretch within everyone's working hours and working days.
    public struct Window: Sendable {
        public var start: Instant
        public var end: Instant
        public var venueStart: ZonedTime
        public var venueEnd: ZonedTime
        /// Whose working time begins where the window begins; empty when it begins with the
        /// search.
        public var openedBy: [Edge]
        /// Whose working time ends where the window ends; empty when it runs to the end of the
        /// search.
        public var closedBy: [Edge]
        /// The longest stretch of the window free in every calendar, in minutes.
        public var freeMinutes: Int
        /// People with busy time in the window (or a calendar not fully read there), in
        /// agenda order.
        public var busy: [PersonID]
        /// Those of `busy` whose calendar was not fully read there.
        public var incomplete: [PersonID]

        /// The window's length in minutes.
        public var minutes: Int { start.minutes(until: end) }
    }

    /// One venue date of the search.
    public struct Day: Sendable {
        public var date: LocalDate
        /// The shared windows that begin on this date, on the venue's clock.
        public var windows: [Window]
        /// On a day without a window: the groups with no working time at all that day.
        public var off: [Group]
    }

    /// A constraint that bounds the time everyone shares: relaxed, it would leave more.
    public struct Binding: Sendable {
        public var group: Group
        /// `workingHours`, `workingDays`, `busy` or `calendarIncomplete`.
        public var reason: SlotFinder.Reason
    }

    /// What someone would be asked for a suggested slot.
    public struct Ask: Sendable {
        /// The people asked: a group (working hours), or one person (a calendar).
        public var group: Group
        /// The slot on their clock.
        public var localStart: ZonedTime
        public var localEnd: ZonedTime
        /// Minutes of the slot before their working time begins, and after it ends; both 0 for
        /// a calendar, or when the slot lies wholly outside their hours (see `outsideMinutes`).
        public var before: Int
        public var after: Int
        /// Minutes of the slot outside their working hours, or busy in their calendar.
        public var outsideMinutes: Int
        /// For a calendar: the busy time within the slot, first to last, on their clock.
        public var busyStart: ZonedTime?
        public var busyEnd: ZonedTime?
        /// For a calendar: whether that busy time is a calendar not fully read.
        public var incomplete: Bool
    }

    /// One way to make a slot possible, with the first slot it would open.
    public struct Suggestion: Sendable {
        public enum Kind: String, Sendable {
            /// A shorter session: the longest that fits.
            case shorterSession = "shorter-session"
            /// Another day: the first start after the search that suits everyone.
            case anotherDay = "another-day"
            /// A finer `--step`: the candidate starts miss a stretch that fits.
            case finerStep = "finer-step"
            /// Some people working outside their hours.
            case workingHours = "working-hours"
            /// A person freeing time in their calendar.
            case calendar
        }

        public var kind: Kind
        public var start: Instant
        /// The session's length, or the shorter length suggested.
        public var minutes: Int
        public var venueStart: ZonedTime
        public var venueEnd: ZonedTime
        /// Whose consent it takes; empty for a shorter session, another day or a finer step.
        public var asks: [Ask]
        /// For a finer step: the step, in minutes.
        public var step: Int?
    }

    public var sessionMinutes: Int
    /// How many people must take part.
    public var people: Int
    public var cause: Cause
    /// The longest window of any day, in minutes; 0 when there is none.
    public var longestSharedMinutes: Int
    public var days: [Day]
    /// For working hours, the groups at the edges of the longest windows (fewest people
    /// first); for working days, those off on the days without a window; for calendars, the
    /// people whose calendars close the windows long enough by hours.
    public var binding: [Binding]
    /// Best first; see docs/time-and-scheduling.md.
    public var suggestions: [Suggestion]
    /// How many days after the search were searched for another day; 0 when none were.
    public var laterDays: Int
}
