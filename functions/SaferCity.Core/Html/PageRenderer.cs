using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace SaferCity.Core.Html;

/// <summary>
/// Renders a page written as a Razor component (.razor) to a string, through ASP.NET Core's <see cref="HtmlRenderer"/>.
/// Razor encodes every value it writes with <see cref="HtmlWriter"/>'s own encoder (all of Unicode as itself, markup
/// characters encoded), so a page reads the same whichever of the two wrote it. Pages render synchronously: they await
/// nothing, so the renderer's dispatcher runs the whole render on the calling thread.
/// </summary>
internal static class PageRenderer
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSingleton<HtmlEncoder>(HtmlWriter.Encoder)
        .BuildServiceProvider();

    /// <param name="capacity">Characters to reserve: about the page's size, so the text is not copied as it grows.</param>
    public static string Render<TPage>(int capacity, Dictionary<string, object?> parameters) where TPage : IComponent
    {
        // A renderer per page: it keeps every component it rendered until it is disposed.
        using var renderer = new HtmlRenderer(Services, NullLoggerFactory.Instance);
        var text = new StringBuilder(capacity);
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var page = await renderer.RenderComponentAsync<TPage>(ParameterView.FromDictionary(parameters));
            using var writer = new VoidTagWriter(text);
            page.WriteHtmlTo(writer);
        }).GetAwaiter().GetResult();
        return text.ToString();
    }

    /// <summary>
    /// Ends void elements (meta, link, input, br) with "&gt;", as HTML5 writes them and as HtmlWriter always did.
    /// HtmlRenderer ends one that has a computed attribute with " /&gt;", written on its own; nothing else can be those
    /// three characters, since every value it writes is encoded ("&gt;" included) and no page's markup holds them.
    /// </summary>
    private sealed class VoidTagWriter(StringBuilder text) : StringWriter(text, System.Globalization.CultureInfo.InvariantCulture)
    {
        public override void Write(string? value) => base.Write(value == " />" ? ">" : value);
    }
}
