@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// `convene report`: what the binary does, driven as a user would.
@Suite("convene report", .tags(.endToEnd))
struct InclusionCommandTests {
    @Test("convene report prints the side-event sample's figures at a glance, within 80 columns")
    func sideEventText() throws {
        let run = try convene(["report", "agendas/wps-side-event-2022.yaml"])
        #expect(run.status == 0)
        #expect(run.stderr == "agendas/wps-side-event-2022.yaml: 1 warning — convene check agendas/wps-side-event-2022.yaml lists it\n")
        #expect(run.stdout == """
            Inclusion figures: Inclusive peace negotiations & the WPS agenda
            For the public. No person is named.

            People count once per scope, however many segments they speak in; a segment's
            moderator is not one of its speakers. Shares are of everyone counted,
            undisclosed genders included: women's share = women / total. Speaking minutes
            are planned: the speaking: times, or a segment's length split evenly. Women's
            share of speakers below 50% is flagged.

            EVENT · 1 session
              Flags: single-sex-panel
                the panel 'Panel discussion': all 5 speakers are women
                                      women  share              men non-binary undisclosed
              Speakers                  6/6  100%  ██████████     0          0           0
              Moderators                1/1  100%  ██████████     0          0           0
              Participants              7/7  100%  ██████████     0          0           0
              Speaking minutes        65/65  100%  ██████████     0          0           0
              Speakers by sector
                government                      2/6   33%  ███▍
                civil society                   3/6   50%  █████
                international organization      1/6   17%  █▋
              Participants by sector
                government                      2/7   29%  ██▉
                civil society                   4/7   57%  █████▊
                international organization      1/7   14%  █▍
              Speakers by attendance
                in person                       5/6   83%  ████████▍
                online                          1/6   17%  █▋
              Participants by attendance
                in person                       6/7   86%  ████████▋
                online                          1/7   14%  █▍
              Participants by language (a person may speak several)
                en                              3/7   43%  ████▎
                fr                              2/7   29%  ██▉
                fa-AF                           1/7   14%  █▍
                none given                      4/7   57%  █████▊
              Working languages: en
              Interpreted: none
              Spoken, neither working nor interpreted: fr, fa-AF

            TRACK 2 · every session: the figures are the event's

            SESSIONS

            main — Inclusive peace negotiations & the WPS agenda
              2022-10-19 08:15 · track 2 · public
              Flags: single-sex-panel
                the panel 'Panel discussion': all 5 speakers are women
                                      women  share              men non-binary undisclosed
              Speakers                  6/6  100%  ██████████     0          0           0
              Moderators                1/1  100%  ██████████     0          0           0
              Participants              7/7  100%  ██████████     0          0           0
              Speaking minutes        65/65  100%  ██████████     0          0           0

            """)
    }
    @Test("report refuses an unknown audience (exit 2) and an invalid agenda (exit 1)")
    func commandLine() throws {
        let audience = try convene(["report", "agendas/wps-side-event-2022.yaml", "--audience", "press"])
        #expect(audience.status == 2)
        #expect(audience.stderr.contains("press"))
        let invalid = try convene(["report", "-"], input: header + "kind: party\n")
        #expect(invalid.status == 1)
        #expect(invalid.stderr.hasSuffix("-: 1 error, 0 warnings; fix the errors, then run report again\n"))
        let json = try convene(["report", "agendas/kyiv-consultation-2026.yaml", "--json", "--audience", "organizers"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"audience\": \"organizers\""))
    }
}
