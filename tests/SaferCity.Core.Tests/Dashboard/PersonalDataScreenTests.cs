using SaferCity.Core.Dashboard;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Dashboard;

/// <summary>The personal-data screen on the way officers actually write, and on the seed tracker's real text.</summary>
public class PersonalDataScreenTests
{
    [Theory]
    [InlineData("Victim can be reached on 07700 900123 after 6pm.", "a UK phone number")]
    [InlineData("Call DS on 07700900123", "a UK phone number")]
    [InlineData("Rang +44 7700 900 123, no answer.", "a UK phone number")]
    [InlineData("Landline +44 (0)20 7946 0958", "a UK phone number")]
    [InlineData("Housing officer (020) 7946 0958 will follow up", "a UK phone number")]
    [InlineData("Refer to duty desk 0161-496-0000.", "a UK phone number")]
    [InlineData("mob: 07700.900.123", "a UK phone number")]
    [InlineData("Resident at 14 Example Street, EC2V 7HH, reported noise", "a postcode")]
    [InlineData("ASB hotspot around e1 6an flagged by residents", "a postcode")]
    [InlineData("Seen at SW\uFF11A \uFF11AA by the night team", "a postcode")] // fullwidth digits: \d is Unicode-wide
    [InlineData("Contact j.smith\t(at)\tcitypolice.", "an email address")] // tabs, not spaces, round the "at"
    [InlineData("jsmith@citypolice", "an email address")]
    [InlineData("NI no AB 12 34 56 C supplied to DWP", "a National Insurance number")]
    [InlineData("NI no ab\u00A012 34 56 c held by DWP", "a National Insurance number")] // no-break space, lower case
    [InlineData("NI AB\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16C held", "a National Insurance number")] // fullwidth digits
    [InlineData("Client NI QQ123456C", null)] // QQ is never issued: the example number in guidance
    [InlineData("NHS no. 943 476 5919 passed to GP", "an NHS number")]
    [InlineData("Referred, ref 9434765919", "an NHS number")]
    [InlineData("Subject DOB 12/03/1985, known to CoLP", "a date of birth")]
    [InlineData("Date of birth: 3 June 2002", "a date of birth")]
    [InlineData("male born 14.07.1979 arrested", "a date of birth")]
    [InlineData("Vehicle LV67 XYZ seen at the venue twice", "a vehicle registration")]
    [InlineData("reg A123 BCD stopped on Bishopsgate", "a vehicle registration")]
    [InlineData("Linked to crime ref 4201234/17 (burglary)", "a crime or case reference")]
    [InlineData("Athena ref 7016123456 updated", "a crime or case reference")]
    [InlineData("MARAC case M20171234 heard in March", "a crime or case reference")]
    [InlineData("CAD 1234/12JAN17 attended", "a crime or case reference")]
    [InlineData("See CRIS 01/1234567/17", "a crime or case reference")]
    [InlineData("Progress: DC Jane Smith leads the review", "a person's name")]
    [InlineData("Mr A. Khan, victim of the assault, has been supported", "a person's name")]
    [InlineData("Update from Sgt O'Neill at Bishopsgate", "a person's name")]
    [InlineData("Cllr Patel raised this at committee", "a person's name")]
    [InlineData("Mrs Okafor declined the referral", "a person's name")]
    [InlineData("Insp Hughes to brief the NTE group", "a person's name")]
    [InlineData("Dr Bashir (GP) has agreed", "a person's name")]
    [InlineData("Contact j.smith at city dot gov dot uk for details", "an email address")]
    [InlineData("send to j.smith [at] cityoflondon [dot] gov [dot] uk", "an email address")]
    [InlineData("Email jsmith(at)citypolice", "an email address")]
    [InlineData("jane.smith%40cityoflondon.gov.uk has the list", "an email address")]
    [InlineData("jane.smith&#64;cityoflondon.gov.uk has the list", "an email address")]
    [InlineData("ask jsmith@citypolice", "an email address")]
    [InlineData("a child aged 14 at risk of CSE is being supported", "a person's age")]
    [InlineData("A 15-year-old girl was referred to MASH", "a person's age")]
    [InlineData("the victim is Muslim and was targeted outside the mosque", "a person's ethnicity, religion, health or sexuality")]
    [InlineData("He has schizophrenia and disengaged from services", "a person's ethnicity, religion, health or sexuality")]
    [InlineData("An autistic boy was approached on the estate", "a person's ethnicity, religion, health or sexuality")]
    [InlineData("the woman was pregnant at the time", "a person's ethnicity, religion, health or sexuality")]
    [InlineData("the victim is \u212Aurdish (Kelvin sign)", "a person's ethnicity, religion, health or sexuality")] // a "K" to the regex
    [InlineData("the suspect was\u00A0DEPRESSED", "a person's ethnicity, religion, health or sexuality")]
    [InlineData("An AUTISTIC boy was approached", "a person's ethnicity, religion, health or sexuality")]
    public void Find_OfficerWriting_FindsTheDetail(string text, string? kind) =>
        Assert.Equal(kind, PersonalDataScreen.Find(text)?.Kind);

    [Theory]
    [InlineData("Complete – Safety Thirst Awards delivered on 18 October with 42 premises awarded.")]
    [InlineData("Training delivered to 120 staff aged 18 and over; 16 Days of Action campaign 2016/17.")]
    [InlineData("Young people aged 11-18 and 14 year olds in schools were reached.")]
    [InlineData("Meeting at 10am in Guildhall. 3 PCSOs deployed on 2,500 hours.")]
    [InlineData("PC Training rota agreed; DS Team review due in Q3 2016/17.")]
    [InlineData("Business case 2016/17 approved; log 2017 to follow.")]
    [InlineData("Crime figures for 2016 down 4% on 2015; 01/12/2016 board agreed it.")]
    [InlineData("Budget of £10,000 agreed. Contact via the Community Safety Team.")]
    [InlineData("Hate crime awareness: Muslim, Jewish and LGBT communities engaged through faith forums.")]
    [InlineData("Mental health street triage launched with the NHS; A&E attendances monitored.")]
    [InlineData("Meet @ 10am on Monday; follow @CityPolice for updates")]
    [InlineData("The A1 corridor ASB plan; Q3 TBC")]
    [InlineData("Safeguarding Children Board; children at risk of CSE identified through the MASH.")]
    [InlineData("The Lord Mayor's Show and the Deputy Town Clerk's report")]
    public void Find_PartnershipWriting_FindsNothing(string text) =>
        Assert.Null(PersonalDataScreen.Find(text));

    /// <summary>
    /// The seed's 42 real actions (41 with a comment) as the bundled sample carries them: nothing in any published field is withheld
    /// (docs/privacy.md records this measurement).
    /// </summary>
    [Fact]
    public void Find_SeedTrackerEveryPublishedField_WithholdsNothing()
    {
        var fields = Sample.Fields(Sample.TrackerJson()).ToList();
        Assert.Equal(42, fields.Count);
        Assert.Equal(41, fields.Count(f => f["Comments"]?.GetValue<string>() is { Length: > 0 })); // 3.6 has none in the seed

        var flagged = fields
            .SelectMany(f => new[] { "Theme", "KeyAction", "DeliveryDeadline", "LeadService", "RAG", "Comments" }
                .Select(column => (Number: f["Title"]!.GetValue<string>(), column, Value: f[column]?.ToString())))
            .Select(v => (v.Number, v.column, Match: PersonalDataScreen.Find(v.Value)))
            .Where(v => v.Match is not null)
            .Select(v => $"{v.Number} {v.column}: {v.Match}")
            .ToList();

        Assert.Empty(flagged);
    }
}
