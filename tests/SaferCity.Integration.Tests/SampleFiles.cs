namespace SaferCity.Integration.Tests;

/// <summary>The bundled sample (the seed tracker as a recorded Graph response), copied next to the tests.</summary>
internal static class SampleFiles
{
    public static string Tracker => Path.Combine(AppContext.BaseDirectory, "sample", "tracker.json");

    public static string Leads => Path.Combine(AppContext.BaseDirectory, "sample", "leads.json");
}
