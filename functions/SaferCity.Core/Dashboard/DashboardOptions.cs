using System.ComponentModel.DataAnnotations;

namespace SaferCity.Core.Dashboard;

/// <summary>Settings section "Dashboard".</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>The partnership's name, shown as the page title.</summary>
    [Required, StringLength(120, MinimumLength = 1)]
    public string Title { get; set; } = "Safer City Partnership";

    /// <summary>Where the public dashboard lives, for links in emails. Optional.</summary>
    [Url] public string? PublicUrl { get; set; }

    /// <summary>Whether search engines may list the page (the robots meta tag). Link previews work either way.</summary>
    public bool Indexable { get; set; } = true;

    /// <summary>The page warns that the data may be out of date when it is older than this.</summary>
    [Range(1, 24 * 60)] public int StaleAfterHours { get; set; } = 26;
}
